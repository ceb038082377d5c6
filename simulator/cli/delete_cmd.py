"""`callsim delete ID`: remove one call's transcript and its row in the history index."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from simulator.display import echo, printable
from simulator.errors import ExitCode, NotFoundError, UsageError
from simulator.models import is_call_id


def describe(path_id: str) -> str:
    """'persona, date' for the question, from the header (or why it cannot be read)."""
    from simulator.review.headers import read_header
    from simulator.transcript import safe_time, transcripts_dir

    header = read_header(transcripts_dir() / f"{path_id}.jsonl")
    if header is None:
        return "unreadable header"
    when = datetime.fromtimestamp(safe_time(header.started_at)).strftime("%Y-%m-%d %H:%M")
    who = f", {header.trainee}" if header.trainee else ""
    return f"{header.persona}, {when}{who}"


def confirmed(call_id: str, args: argparse.Namespace) -> bool:
    """--yes, or a 'y' typed at a terminal; a script must say --yes."""
    if args.yes:
        return True
    if not sys.stdin.isatty():
        raise UsageError("delete: not a terminal, so not asking; pass --yes to delete anyway")
    question = printable(f"Delete call {call_id} ({describe(call_id)})? [y/N] ", one_line=True)
    try:
        answer = input(question + " ")
    except EOFError:
        answer = ""
    return answer.strip().lower() in ("y", "yes")


def delete(args: argparse.Namespace) -> int:
    """Delete a call by its whole id (or `last`); asks first unless --yes."""
    from simulator.review.index import CallIndex
    from simulator.transcript import TranscriptWriter, transcripts_dir

    call_id = args.call.strip()
    if not is_call_id(call_id):
        shown = printable(call_id, one_line=True, limit=60)
        raise UsageError(f"delete: expected a call id (see `callsim history`), got {shown!r}")
    path = transcripts_dir() / f"{call_id}.jsonl"
    if not (path.is_file() or path.is_symlink()):
        raise NotFoundError(
            f"delete: no call with id {call_id!r} (the whole id, or `last`; see `callsim history`)"
        )
    if not confirmed(call_id, args):
        echo(f"kept call {call_id}")
        return ExitCode.OK
    if path.is_symlink():
        path.unlink()  # the link only: whatever it points at is not ours to delete
    else:
        # Taking the writer's lock first refuses a call another callsim is still writing.
        writer = TranscriptWriter(path, existing=True)
        try:
            path.unlink()
        finally:
            writer.close()
    index = CallIndex.open(sync=False)
    index.forget(call_id)
    echo(f"deleted call {call_id}")
    return ExitCode.OK
