"""`last` wherever a call id is accepted."""

from __future__ import annotations

import argparse

# Arguments that hold a call id, and whether `last` there means the latest practice call.
ID_ARGS = {"call": False, "first": False, "second": False, "resume": True}


def resolve_last(args: argparse.Namespace) -> None:
    """Replace `last` by the latest call's id (practice calls only for --resume)."""
    for name, practice_only in ID_ARGS.items():
        value = getattr(args, name, None)
        if isinstance(value, str) and value.strip().lower() == "last":
            from simulator.review.headers import latest_id

            setattr(args, name, latest_id(practice_only))
