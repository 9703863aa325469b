"""The HTML report in a real headless browser: it renders, its script runs, and a screenshot is taken.

Needs Chromium from the Debian packages (`.ci/run` installs it); skipped with a message otherwise.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from reconcile.cli import main

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium); .ci/run installs it"
)
def test_html_report_renders_in_chromium(folders: list[str], tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["export", "--format", "html", "-o", str(page), *folders])
    assert result.exit_code == 0, result.output
    profile = ["--user-data-dir=" + str(tmp_path / "profile")]
    dom = subprocess.run(
        [CHROMIUM, *FLAGS, *profile, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=90
    )
    assert dom.returncode == 0, dom.stderr[-500:]
    # The page's own script ran: it revealed the filters and counted the contradictions shown.
    assert re.search(r'id="filter-count"[^>]*>\s*1 of 1 shown', dom.stdout), dom.stdout[:2000]
    assert "1,200" in dom.stdout and "about 1,500" in dom.stdout
    shot = tmp_path / "report.png"
    subprocess.run(
        [CHROMIUM, *FLAGS, *profile, f"--screenshot={shot}", "--window-size=1280,1600", page.as_uri()],
        capture_output=True,
        timeout=90,
        check=True,
    )
    assert shot.exists() and shot.stat().st_size > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
