"""Report files a command writes: checked before the work starts, written in one line of error."""

from __future__ import annotations

import os
from pathlib import Path

from simulator.display import echo
from simulator.errors import UsageError


def check_writable(flag: str, out: str | None) -> None:
    """Refuse an output whose folder is missing or read-only, before any work is done."""
    if not out:
        return
    path = Path(out)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise UsageError(f"{flag}: {out} is a folder; expected a file name")
    if not folder.is_dir():
        raise UsageError(f"{flag}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"{flag}: cannot write into {folder} (permission denied)")


def write_out(flag: str, out: str, text: str) -> None:
    """Write a report file; a missing folder or a directory is one clear line."""
    path = Path(out)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{flag}: cannot write {out} ({exc.strerror})") from exc
    echo(f"wrote {out}", one_line=True)
