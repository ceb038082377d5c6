"""Call headers read cheaply (first line only): who held a call, what kind, and when."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from simulator.errors import CallsimError, NotFoundError
from simulator.i18n import _
from simulator.models import CallHeader
from simulator.safe_files import first_line
from simulator.transcript import parse_header, transcripts_dir

# A header is a few hundred bytes; a brief can make it a few KB. Past this it is damage.
MAX_HEADER_BYTES = 256 * 1024


@lru_cache(maxsize=4096)
def _header(path: Path, mtime: float) -> CallHeader:
    return parse_header(path, first_line(path, MAX_HEADER_BYTES))


def read_header(path: Path, problems: list[str] | None = None) -> CallHeader | None:
    """The header of one transcript, or None (and why, in `problems`) when it is unusable."""
    try:
        return _header(path, path.stat().st_mtime)
    except OSError as exc:
        why = _("{path}: cannot read ({why}); skipped").format(
            path=path, why=exc.strerror or type(exc).__name__
        )
    except CallsimError as exc:
        why = _("{problem}; skipped").format(problem=str(exc).splitlines()[0])
    if problems is not None:
        problems.append(why)
    return None


def is_batch(header: CallHeader) -> bool:
    """A scenario batch run rather than a trainee's practice call."""
    # Transcripts written before the `kind` field existed are told apart by their id.
    return header.kind == "run" or header.id.startswith("run-")


def all_headers(problems: list[str] | None = None) -> list[tuple[Path, CallHeader]]:
    """Every readable call, oldest first; each file skipped is named in `problems`."""
    folder = transcripts_dir()
    found = []
    for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else []:
        header = read_header(path, problems)
        if header is not None:
            found.append((path, header))
    return sorted(found, key=lambda ph: (ph[1].started_at, ph[1].id))


def mine(header: CallHeader, trainee: str | None) -> bool:
    """The call was held under this name (without a name: under none, as a solo user's are)."""
    held = (header.trainee or "").strip().casefold()
    return held == (trainee or "").strip().casefold()


def latest_id(include_runs: bool = False, trainee: str | None = None, strict: bool = False) -> str:
    """The id of the latest practice call (`last` on the command line); skipped files noted.

    A trainer who imported a cohort's calls means their own call: with a trainee name
    set, that name's latest call wins when there is one. `strict` (delete, --resume): with
    a name set, only the user's own call, never someone else's imported one.
    """
    import sys

    from simulator.display import printable

    problems: list[str] = []
    calls = [h for _, h in all_headers(problems) if include_runs or not is_batch(h)]
    for line in problems:
        note = _("callsim: note: {line}").format(line=printable(line, one_line=True))
        print(note, file=sys.stderr)
    own = {h.id for h in calls if mine(h, trainee)}
    if strict and trainee:  # without a name, whose call it is cannot be told
        calls = [h for h in calls if h.id in own]
        if not calls:
            raise NotFoundError(
                _(
                    "`last`: no call of yours (under the name {name!r}) in "
                    "{folder}; give the call's id"
                ).format(name=trainee, folder=transcripts_dir())
            )
    elif trainee and own:  # a run has no trainee: it stays in when runs were asked for
        calls = [h for h in calls if h.id in own or is_batch(h)]
    if not calls:
        if include_runs:
            none = _("`last`: no call saved yet in {folder}")
        else:
            none = _(
                "`last`: no practice call (--include-runs for batch runs) saved yet in {folder}"
            )
        raise NotFoundError(none.format(folder=transcripts_dir()))
    return calls[-1].id
