"""Render a text's quotes as the notebook shows them, to HTML and optionally
to a PNG screenshot taken by headless Chromium.

    python tools/render_document.py examples/article.txt --html out.html --png docs/document.png

The PNG in docs/ is made this way from examples/article.txt (a text written
for this project). Needs the installed quoteex package, and chromium for --png.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import quoteex

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>quoteex: {title}</title></head>
<body style="margin: 16px; background: white">{body}</body></html>
"""


def find_chromium() -> str | None:
    """The first Chromium or Chrome executable on PATH."""
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def chromium(args: list[str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with flags that work as root and without a GPU."""
    exe = find_chromium()
    if exe is None:
        raise FileNotFoundError("chromium not found (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="qx_chromium_") as profile:
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               "--hide-scrollbars", f"--user-data-dir={profile}", *args]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)


def page_html(text: str, title: str) -> str:
    """A whole HTML page holding the Document's notebook view of text."""
    import html
    return PAGE.format(title=html.escape(title),
                       body=quoteex.extract_document(text)._repr_html_())


def main(argv: list[str] | None = None) -> int:
    """Write the HTML page and, with --png, its screenshot."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("text", type=Path)
    p.add_argument("--html", type=Path, required=True)
    p.add_argument("--png", type=Path)
    p.add_argument("--size", default="900,1100", help="window WIDTH,HEIGHT of the screenshot")
    args = p.parse_args(argv)
    args.html.write_text(page_html(args.text.read_text(encoding="utf-8"), args.text.name),
                         encoding="utf-8")
    if args.png:
        res = chromium([f"--window-size={args.size}", f"--screenshot={args.png.resolve()}",
                        args.html.resolve().as_uri()])
        if res.returncode != 0 or not args.png.exists():
            print(res.stderr, file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
