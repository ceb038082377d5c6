"""Where the shipped personas and scenarios live, in a checkout or an installed wheel."""

from __future__ import annotations

import site
import sys
import sysconfig
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _candidates(kind: str) -> list[Path]:
    """Folders that may hold the shipped files, most specific first."""
    # A checkout (or editable install) reads the top-level folders beside the package;
    # a wheel installs them as data files under <scheme data>/share/callsim/KIND.
    roots = [REPO_ROOT]
    share = [sysconfig.get_path("data"), sys.prefix, sys.base_prefix, site.getuserbase()]
    out = [root / kind for root in roots]
    out += [Path(base) / "share" / "callsim" / kind for base in share if base]
    return out


def shipped_dir(kind: str) -> Path:
    """The shipped folder for `personas` or `scenarios` (the first that exists)."""
    for folder in _candidates(kind):
        if folder.is_dir() and any(folder.glob("*.yaml")):
            return folder
    return _candidates(kind)[0]


def user_dir(kind: str) -> Path:
    """The user's own folder for `personas` or `scenarios`, under CALLSIM_HOME."""
    from simulator.config import data_dir

    return data_dir() / kind
