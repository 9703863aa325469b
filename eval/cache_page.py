"""Save one page of the search tool's `pages` corpus into the eval cache, as the manifest expects.

Usage: python eval/cache_page.py eval/stories/<story> <file> < excerpt.json

`excerpt.json` holds the page's `excerpt` field exactly as the search tool returned it: one JSON
string, quotes and escapes included. The cached file is the manifest's front matter (outlet,
published, language, url) followed by the stripped text and a newline; its sha256 is checked
against the manifest. Exit code 0 when it matches, 1 when it does not (the file is kept, so the
difference can be read), 2 for bad usage.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import yaml


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    folder, name = Path(argv[0]), argv[1]
    manifest = yaml.safe_load((folder / "manifest.yaml").read_text(encoding="utf-8"))
    article = next((a for a in manifest["articles"] if a["file"] == name), None)
    if article is None:
        print(f"{folder / 'manifest.yaml'}: no article with file {name}", file=sys.stderr)
        return 2
    text = json.loads(sys.stdin.read())
    published = article.get("published")
    front = (
        "---\n"
        f"outlet: {article['outlet']}\n"
        f"published: {'null' if published is None else published}\n"
        f"language: {article['language']}\n"
        f"url: {article['url']}\n"
        "---\n"
    )
    target = folder.parent.parent / "cache" / folder.name / name
    target.parent.mkdir(parents=True, exist_ok=True)
    data = (front + text.strip() + "\n").encode("utf-8")
    target.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    if digest != article["sha256"]:
        print(f"{target}: sha256 {digest} differs from the manifest's {article['sha256']}", file=sys.stderr)
        return 1
    print(f"{target}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
