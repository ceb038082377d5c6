"""What a pydantic validation error says, in the language in force.

English keeps pydantic's own words (what the screens always showed); another language gets
the common kinds of error from the catalogue, and pydantic's English for the rare rest.
"""

from __future__ import annotations

from typing import Any

from simulator.i18n import N_, _, current_lang

# Error kind -> what was expected; `{n}` is the bound from the error's context.
EXPECTED = {
    "string_type": N_("expected a string"),
    "int_type": N_("expected a whole number"),
    "int_parsing": N_("expected a whole number"),
    "int_from_float": N_("expected a whole number"),
    "float_type": N_("expected a number"),
    "float_parsing": N_("expected a number"),
    "finite_number": N_("expected a finite number"),
    "bool_type": N_("expected true or false"),
    "bool_parsing": N_("expected true or false"),
    "dict_type": N_("expected a mapping"),
    "model_type": N_("expected a mapping"),
    "model_attributes_type": N_("expected a mapping"),
    "list_type": N_("expected a list"),
    "tuple_type": N_("expected a list"),
    "greater_than": N_("expected more than {n}"),
    "greater_than_equal": N_("expected {n} or more"),
    "less_than": N_("expected less than {n}"),
    "less_than_equal": N_("expected {n} or less"),
    "string_too_short": N_("expected at least {n} characters"),
    "string_too_long": N_("expected at most {n} characters"),
    "too_short": N_("expected at least {n} items"),
    "too_long": N_("expected at most {n} items"),
    "string_pattern_mismatch": N_("expected text matching {n}"),
    "literal_error": N_("expected {n}"),
    "enum": N_("expected {n}"),
}
BOUNDS = ("gt", "ge", "lt", "le", "min_length", "max_length", "pattern")


def _bound(ctx: dict[str, Any]) -> str:
    """The number, pattern or choices the error's context names."""
    if "expected" in ctx:  # "'a', 'b' or 'c'"
        head, sep, last = str(ctx["expected"]).rpartition(" or ")
        return head + _(" or ") + last if sep else last
    for key in BOUNDS:
        if key in ctx:
            value = ctx[key]
            return f"{value:g}" if isinstance(value, float) else str(value)
    return ""


def pydantic_message(err: dict[str, Any]) -> str:
    """The error's message: pydantic's in English, the catalogue's where it has the kind."""
    kind = str(err.get("type", ""))
    if current_lang() == "en" or kind not in EXPECTED:
        return str(err.get("msg", ""))
    return _(EXPECTED[kind]).format(n=_bound(dict(err.get("ctx") or {})))


def is_expected(err: dict[str, Any]) -> bool:
    """Whether pydantic_message already says "expected ..." (no "Input should be")."""
    return current_lang() != "en" and str(err.get("type", "")) in EXPECTED
