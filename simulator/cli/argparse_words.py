"""argparse's own words a user meets, marked so the catalogue keeps their translations.

argparse looks these up at run time through the `_` that simulator.i18n.use_lang gives it;
gettext extraction cannot see inside the standard library, so they are listed here, in
argparse's exact wording (Python 3.11).
"""

from __future__ import annotations

from simulator.i18n import N_

ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
)
