"""`last` wherever a call id is accepted: the user's own latest practice call."""

from __future__ import annotations

import argparse

# Arguments that hold a call id. `last` there skips scenario batch runs unless the
# command was given --include-runs (never for --resume: a run is not resumed by hand).
ID_ARGS = ("call", "first", "second", "resume")


def own_name(args: argparse.Namespace) -> str | None:
    """The name this user practises under (--trainee, CALLSIM_TRAINEE or the config file)."""
    from simulator.config import load_settings

    flag = getattr(args, "trainee", None)
    if flag:
        return str(flag)
    name = load_settings().trainee
    return name.strip() or None if name else None


def resolve_last(args: argparse.Namespace) -> None:
    """Replace `last` by the id of the user's latest practice call (or call, with runs)."""
    for name in ID_ARGS:
        value = getattr(args, name, None)
        if isinstance(value, str) and value.strip().lower() == "last":
            from simulator.review.headers import latest_id

            runs = name != "resume" and bool(getattr(args, "include_runs", False))
            # What writes or destroys takes only the user's own call, never an imported one.
            strict = name == "resume" or getattr(args, "command", "") == "delete"
            setattr(args, name, latest_id(include_runs=runs, trainee=own_name(args), strict=strict))
