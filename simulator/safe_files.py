"""The one way callsim reads a file: regular files only, size-capped, UTF-8 named, bounded JSON."""

from __future__ import annotations

import json
import math
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from simulator.errors import DataError
from simulator.i18n import N_, _

# Deeper than any file callsim writes (a transcript turn is about 6 levels); the C JSON
# parser would otherwise recurse until RecursionError on a hostile 200,000-deep file.
MAX_JSON_DEPTH = 64
# Problems reported per file before the rest are only counted: a linked secret file must
# not come back to the terminal one line per problem.
SHOWN_PROBLEMS = 5


class NoSuchFile(DataError):
    """The file is not there (callers that look things up turn this into 'not found')."""


def _why(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def cannot_read(path: Path | str, exc: OSError) -> DataError:
    """'PATH: cannot read (why)' in the language in force."""
    return DataError(_("{path}: cannot read ({why})").format(path=path, why=_why(exc)))


def open_regular(path: Path, *, follow: bool = True) -> int:
    """A read-only fd on a regular file; FIFOs, devices, directories (and links if not
    `follow`) are refused without blocking."""
    # O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError as exc:
        raise NoSuchFile(_("{path}: no such file").format(path=path)) from exc
    except OSError as exc:
        if not follow and os.path.islink(path):
            raise DataError(_("{path}: is a symbolic link; refused").format(path=path)) from exc
        raise cannot_read(path, exc) from exc
    try:
        # fstat of the opened fd, not stat of the name: nothing can be swapped in between.
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise DataError(_("{path}: not a regular file").format(path=path))
    except BaseException:
        os.close(fd)
        raise
    return fd


def private_file(path: Path, limit: int) -> bool:
    """Create `path` 0600 (or tighten an older one to 0600); False when it is not a regular
    file of at most `limit` bytes, or is a link: the caller then keeps nothing on disk."""
    flags = os.O_RDONLY | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o600)
    except OSError:
        return False
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return False
        os.fchmod(fd, 0o600)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _too_large(path: Path, size: int, limit: int) -> DataError:
    return DataError(
        _("{path}: {size} bytes is too large (at most {limit})").format(
            path=path, size=f"{size:,}", limit=f"{limit:,}"
        )
    )


def read_bytes(path: Path, limit: int, *, follow: bool = True) -> bytes:
    """A regular file's bytes, refused before reading when larger than `limit`."""
    fd = open_regular(path, follow=follow)
    try:
        size = os.fstat(fd).st_size
        if size > limit:
            raise _too_large(path, size, limit)
        chunks: list[bytes] = []
        got = 0
        # Read at most limit+1 bytes: a file that grows meanwhile is still capped.
        while got <= limit and (chunk := os.read(fd, min(1 << 20, limit + 1 - got))):
            chunks.append(chunk)
            got += len(chunk)
    except OSError as exc:
        raise cannot_read(path, exc) from exc
    finally:
        os.close(fd)
    if got > limit:
        raise _too_large(path, got, limit)
    return b"".join(chunks)


def decode(path: Path | str, data: bytes, first_line: int = 1) -> str:
    """UTF-8 text, or a DataError naming the line of the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = first_line + data.count(b"\n", 0, exc.start)
        raise DataError(
            _("{path}: line {line}: not UTF-8 text").format(path=path, line=line)
        ) from exc


def read_text(path: Path, limit: int, *, follow: bool = True) -> str:
    """A regular file's UTF-8 text, size-capped before reading."""
    return decode(path, read_bytes(path, limit, follow=follow))


def first_line(path: Path, limit: int) -> bytes:
    """The first line of a regular file (without its newline), read no further than `limit`."""
    fd = open_regular(path)
    try:
        data = os.read(fd, limit + 1)
    except OSError as exc:
        raise cannot_read(path, exc) from exc
    finally:
        os.close(fd)
    line, newline, _rest = data.partition(b"\n")
    if not newline and len(data) > limit:
        raise DataError(
            _("{path}: line 1: longer than {limit} bytes").format(path=path, limit=f"{limit:,}")
        )
    return line


def read_lines(path: Path, max_line: int) -> Iterator[tuple[int, str | None, str]]:
    """(number, text, "") per line, or (number, None, why) for an overlong or non-UTF-8 one."""
    fd = open_regular(path)
    with os.fdopen(fd, "rb") as handle:
        number = 0
        while raw := handle.readline(max_line + 1):
            number += 1
            if len(raw) > max_line and not raw.endswith(b"\n"):
                while (rest := handle.readline(max_line)) and not rest.endswith(b"\n"):
                    pass  # skip the rest of an overlong line without holding it
                yield number, None, _("longer than {limit} bytes").format(limit=f"{max_line:,}")
                continue
            try:
                yield number, raw.decode("utf-8"), ""
            except UnicodeDecodeError as exc:
                why = _("not UTF-8 text (byte {n} of the line)").format(n=exc.start + 1)
                yield number, None, why


# What the JSON decoder says (its message names a position, never the content).
JSON_PROBLEMS = (
    N_("Expecting value"),
    N_("Expecting property name enclosed in double quotes"),
    N_("Expecting ',' delimiter"),
    N_("Expecting ':' delimiter"),
    N_("Extra data"),
    N_("Unterminated string starting at"),
    N_("Invalid control character at"),
    N_("Invalid \\escape"),
    N_("Illegal trailing comma before end of object"),
    N_("Illegal trailing comma before end of array"),
)
# A JSON string (escapes included), so brackets inside strings are not counted.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def check_depth(text: str, limit: int = MAX_JSON_DEPTH) -> None:
    """ValueError when JSON `text` nests deeper than `limit` (checked before parsing)."""
    if text.count("[") + text.count("{") <= limit:
        return  # the usual case: too few brackets to be deep, and no scan needed
    depth = 0
    for char in _NOT_BRACKET.sub("", _STRING.sub("", text)):
        depth += 1 if char in "[{" else -1
        if depth > limit:
            raise ValueError(_("nested too deeply"))


def _no_constant(name: str) -> Any:
    raise ValueError(_("{value} is not a finite number").format(value=name))


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(_("{value} is not a finite number").format(value=text[:20]))
    return value


def parse_json(text: str, limit: int = MAX_JSON_DEPTH) -> Any:
    """JSON with nesting capped and only finite numbers (no NaN, Infinity or 1e999)."""
    check_depth(text, limit)
    try:
        return json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except RecursionError as exc:  # a last guard; check_depth should have caught it
        raise ValueError(_("nested too deeply")) from exc
    except json.JSONDecodeError as exc:
        # The decoder's message names the position, never the content.
        why = _("not valid JSON ({problem} at line {line})")
        problem = _(exc.msg) if exc.msg in JSON_PROBLEMS else exc.msg
        raise ValueError(why.format(problem=problem, line=exc.lineno)) from exc


def read_json(path: Path, limit: int, *, follow: bool = True) -> Any:
    """A regular file's JSON (size-capped, UTF-8, depth-capped, finite), or one-line DataError."""
    text = read_text(path, limit, follow=follow)
    try:
        return parse_json(text)
    except ValueError as exc:
        raise DataError(f"{path}: {exc}") from exc


def capped(problems: list[str], what: str, limit: int = SHOWN_PROBLEMS) -> list[str]:
    """The first few problems, then one line counting the rest."""
    if len(problems) <= limit:
        return problems
    n = len(problems) - limit
    more = _("{what}: and {n} more problem(s)")
    return [*problems[:limit], more.format(what=what, n=n)]


def shown(value: object, width: int = 40) -> str:
    """A value for an error message: short, one line; a file's content is never echoed whole."""
    if isinstance(value, dict | list):
        return type(value).__name__
    text = repr(value)
    return text if len(text) <= width else text[: width - 3] + "..."
