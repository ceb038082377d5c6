"""Report files a command writes: checked before the work starts, written in one line of error."""

from __future__ import annotations

import os
from pathlib import Path

from simulator.display import echo
from simulator.errors import UsageError
from simulator.i18n import _


def check_writable(flag: str, out: str | None) -> None:
    """Refuse an output whose folder is missing or read-only, before any work is done."""
    if not out:
        return
    path = Path(out)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise UsageError(
            _("{flag}: {out} is a folder; expected a file name").format(flag=flag, out=out)
        )
    if not folder.is_dir():
        raise UsageError(
            _("{flag}: the folder {folder} does not exist").format(flag=flag, folder=folder)
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(
            _("{flag}: cannot write into {folder} (permission denied)").format(
                flag=flag, folder=folder
            )
        )


def write_out(flag: str, out: str, text: str) -> None:
    """Write a report file; a missing folder or a directory is one clear line."""
    path = Path(out)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(
            _("{flag}: cannot write {out} ({why})").format(flag=flag, out=out, why=exc.strerror)
        ) from exc
    echo(_("wrote {out}").format(out=out), one_line=True)
