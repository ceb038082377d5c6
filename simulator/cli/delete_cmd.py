"""`callsim delete ID`: remove one call's transcript and its row in the history index."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from simulator.display import echo, printable
from simulator.errors import ExitCode, NotFoundError, UsageError
from simulator.i18n import _
from simulator.models import is_call_id


def describe(path_id: str) -> str:
    """'persona, date' for the question, from the header (or why it cannot be read)."""
    from simulator.review.headers import read_header
    from simulator.transcript import safe_time, transcripts_dir

    header = read_header(transcripts_dir() / f"{path_id}.jsonl")
    if header is None:
        return _("unreadable header")
    when = datetime.fromtimestamp(safe_time(header.started_at)).strftime("%Y-%m-%d %H:%M")
    who = f", {header.trainee}" if header.trainee else ""
    return f"{header.persona}, {when}{who}"


def confirmed(call_id: str, args: argparse.Namespace) -> bool:
    """--yes, or a 'y' typed at a terminal; a script must say --yes."""
    if args.yes:
        return True
    if not sys.stdin.isatty():
        raise UsageError(_("delete: not a terminal, so not asking; pass --yes to delete anyway"))
    # TRANSLATORS: the answers taken as yes are "y" and "yes" and their translation in
    # "y,yes" (a comma-separated list); the [y/N] shows the key to type.
    ask = _("Delete call {id} ({about})? [y/N] ").format(id=call_id, about=describe(call_id))
    question = printable(ask, one_line=True)
    try:
        answer = input(question + " ")
    except EOFError:
        answer = ""
    yes = {"y", "yes", *_("y,yes").split(",")}
    return answer.strip().lower() in yes


def delete(args: argparse.Namespace) -> int:
    """Delete a call by its whole id (or `last`); asks first unless --yes."""
    from simulator.review.index import CallIndex
    from simulator.transcript import TranscriptWriter, transcripts_dir

    call_id = args.call.strip()
    if not is_call_id(call_id):
        shown = printable(call_id, one_line=True, limit=60)
        raise UsageError(
            _("delete: expected a call id (see `callsim history`), got {got!r}").format(got=shown)
        )
    path = transcripts_dir() / f"{call_id}.jsonl"
    if not (path.is_file() or path.is_symlink()):
        raise NotFoundError(
            _(
                "delete: no call with id {id!r} (the whole id, or `last`; see `callsim history`)"
            ).format(id=call_id)
        )
    if not confirmed(call_id, args):
        echo(_("kept call {id}").format(id=call_id))
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
    echo(_("deleted call {id}").format(id=call_id))
    return ExitCode.OK
