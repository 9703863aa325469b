from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def story(tmp_path: Path) -> Path:
    """A copy of the three-source fixture story (French, English, HTML), safe to modify."""
    target = tmp_path / "articles"
    shutil.copytree(FIXTURES / "story", target)
    return target


@pytest.fixture
def folders(story: Path, tmp_path: Path) -> list[str]:
    """CLI options pointing every folder into the temporary directory."""
    return ["--articles", str(story), "--facts", str(tmp_path / "facts"), "--reports", str(tmp_path / "reports")]
