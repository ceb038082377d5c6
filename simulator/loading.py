"""Load YAML data files into validated models, with one line per problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from simulator.errors import DataError
from simulator.i18n import _
from simulator.safe_files import capped, read_text
from simulator.safe_files import shown as shown_value
from simulator.validation_words import is_expected, pydantic_message

M = TypeVar("M", bound=BaseModel)


def _loc(loc: tuple[int | str, ...]) -> str:
    """Render a pydantic location as `a.b[2].c` (dict keys shown as `.key`)."""
    out = ""
    for part in loc:
        if part == "[key]":
            continue
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            # A key may hold a line separator or a control character: show it escaped.
            text = "".join(
                c if c.isprintable() else c.encode("unicode_escape").decode() for c in str(part)
            )
            name = text if len(text) <= 40 else text[:37] + "..."
            out += f".{name}" if out else name
    return out or _("(top level)")


def _describe(err: dict[str, Any]) -> str:
    """Say what was expected, without pydantic's URL noise."""
    kind = err["type"]
    msg = str(err["msg"])
    if kind == "missing":
        return _("is required but missing")
    if kind == "extra_forbidden":
        return _("is not a known field (check the spelling)")
    if is_expected(err):
        got = shown_value(err.get("input"))
        return _("{expected}, got {got}").format(expected=pydantic_message(err), got=got)
    if kind == "literal_error":
        return msg.replace("Input should be", "expected") + f", got {shown_value(err.get('input'))}"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")[:200]
    return f"{msg.replace('Input should be', 'expected')}, got {shown_value(err.get('input'))}"


def validation_problems(path: Path | str, exc: ValidationError) -> list[str]:
    """One line per problem naming the file and the field; a few, then a count of the rest."""
    lines = [f"{path}: {_loc(e['loc'])}: {_describe(dict(e))}" for e in exc.errors()]
    return capped(lines, str(path))


# libyaml's parser when PyYAML was built with it: about ten times faster to start up.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StrictLoader(_BaseLoader):  # type: ignore[misc]
    """SafeLoader that refuses duplicate keys and aliases (no billion laughs)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        """Refuse `*alias` (pure-Python parser; the C parser is checked after loading)."""
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(
                None, None, _("aliases (*name) are not allowed in callsim files"), mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        """A mapping; a key given twice is an error, not a silent overwrite."""
        seen: set[Any] = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
            except TypeError:  # an unhashable key; the base class reports it
                break
            if duplicate:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    _("duplicate key {key!r}").format(key=str(key)[:40]),
                    key_node.start_mark,
                )
            seen.add(key)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


MAX_FILE_BYTES = 1024 * 1024


def read_yaml(path: Path) -> Any:
    """Parse one YAML file or raise a one-line DataError (never echoing the file's content)."""
    too_deep = _("{path}: nested too deeply to be a callsim file")
    text = read_text(path, MAX_FILE_BYTES)
    try:
        # StrictLoader is a SafeLoader: plain data only, no Python objects, no code.
        data = yaml.load(text, Loader=StrictLoader)
    except RecursionError as exc:
        raise DataError(too_deep.format(path=path)) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = _("line {n}: ").format(n=mark.line + 1) if mark is not None else ""
        problem = getattr(exc, "problem", None) or _("not valid YAML")
        if "nesting depth" in str(problem):  # libyaml's own guard against deep nesting
            raise DataError(too_deep.format(path=path)) from exc
        invalid = _("{path}: {where}invalid YAML ({problem})")
        raise DataError(invalid.format(path=path, where=where, problem=str(problem)[:100])) from exc
    if _shares_nodes(data):
        aliases = _("aliases (*name) are not allowed in callsim files")
        raise DataError(f"{path}: {aliases}")
    return data


def _shares_nodes(data: Any) -> bool:
    """Whether one list or mapping appears twice: the trace an alias leaves after loading."""
    seen: set[int] = set()
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict | list):
            if id(item) in seen:
                return True
            seen.add(id(item))
            stack.extend(item.values() if isinstance(item, dict) else item)
    return False


def load_model(path: Path, model: type[M]) -> M:
    """Read and validate a YAML file as `model`."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise DataError(
            _("{path}: (top level): expected a mapping of fields, got {kind}").format(
                path=path, kind=type(data).__name__
            )
        )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise DataError(validation_problems(path, exc)) from exc
