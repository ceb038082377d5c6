"""Find, load and check persona files."""

from __future__ import annotations

import re
import string
from functools import lru_cache
from pathlib import Path

from simulator.errors import DataError, NotFoundError
from simulator.i18n import _
from simulator.loading import load_model
from simulator.models import SKILLS, Coaching, Persona, Signals
from simulator.shipped import shipped_dir, user_dir
from simulator.vocabulary import LANGS, Difficulty

BUILTIN_DIR = shipped_dir("personas")
SIGNAL_NAMES = frozenset(
    name for name, field in Signals.model_fields.items() if field.annotation in (bool, "bool")
)


# Turns that never raise a client's trust (engine/state.py), whatever else they move.
NO_TRUST_SIGNALS = frozenset({"concession", "hostility", "defensive", "injection"})


# A line's first sentence, for telling clients apart: "Cool, cool." opening the lines of
# three clients makes them sound like one.
FIRST_SENTENCE = re.compile(r"^.*?[.!?](?=\s|$)|^.*$", re.S)


def opening(line: str) -> str:
    """A line's first sentence, lower-cased, as the trainee hears it first."""
    match = FIRST_SENTENCE.match(line.strip())
    return (match.group(0) if match else line).strip().lower()


def _voice_keys(text: str) -> list[str]:
    """What makes a line sound like someone: its whole text, and its opening sentence when
    that has two words or more ("Mm." opens lines of anyone)."""
    first = opening(text)
    keys = [f"line:{text.strip().lower()}"]
    return [*keys, f"opens:{first}"] if len(first.split()) >= 2 else keys


def shared_openings(personas: list[Persona]) -> list[str]:
    """Lines another persona also says, whole or in their opening sentence: a smell, since
    each client should sound like itself."""
    said: dict[str, set[str]] = {}
    for persona in personas:
        for text in persona.lines.texts().values():
            for key in _voice_keys(text):
                said.setdefault(key, set()).add(persona.id)
    out = []
    for persona in personas:
        for where, text in persona.lines.texts().items():
            for key in _voice_keys(text):
                others = sorted(said[key] - {persona.id})
                if others:
                    also = _(
                        "{id}: {where}: {line!r} is also said by {others}; "
                        "give this client its own words"
                    )
                    out.append(
                        also.format(
                            id=persona.id,
                            where=where,
                            line=key.split(":", 1)[1],
                            others=", ".join(others),
                        )
                    )
                    break
    return out


def persona_dirs(lang: str = "en") -> list[Path]:
    """Where personas in LANG are looked up: the user's own folder first, then the shipped.

    English personas sit at the top of each folder, those in another language in a
    subfolder named for it (personas/id/), so a persona id means one client per language.
    """
    if lang == "en":
        return [user_dir("personas"), BUILTIN_DIR]
    return [user_dir("personas") / lang, BUILTIN_DIR / lang]


def folder_lang(path: Path) -> str:
    """The language a persona or scenario file's folder holds (en at the top level)."""
    return path.parent.name if path.parent.name in LANGS[1:] else "en"


def semantic_problems(path: Path, persona: Persona) -> list[str]:
    """Checks that span fields: unique ids, known signal names, a normal difficulty."""
    problems: list[str] = []
    if path.stem != persona.id:
        problems.append(
            _("{path}: id: expected the file name '{stem}', got {id!r}").format(
                path=path, stem=path.stem, id=persona.id
            )
        )
    # A file in personas/ or personas/id/ is looked up by that language: say so if it differs.
    held = path.parent.name in (*LANGS[1:], "personas")
    if held and persona.lang != folder_lang(path):
        problems.append(
            _("{path}: lang: expected {lang!r} for a file in this folder, got {got!r}").format(
                path=path, lang=folder_lang(path), got=persona.lang
            )
        )
    seen: set[str] = set()
    for i, fact in enumerate(persona.hidden_facts):
        if fact.id in seen:
            duplicate = _("{path}: hidden_facts[{i}].id: duplicate id {id!r}")
            problems.append(duplicate.format(path=path, i=i, id=fact.id))
        seen.add(fact.id)
    for i, trig in enumerate(persona.triggers):
        if (trig.signal is None) == (not trig.phrase):
            one = _("{path}: triggers[{i}]: expected exactly one of 'signal' or 'phrase'")
            problems.append(one.format(path=path, i=i))
        if trig.signal is not None and trig.signal not in SIGNAL_NAMES:
            known = ", ".join(sorted(SIGNAL_NAMES))
            problems.append(
                _("{path}: triggers[{i}].signal: expected one of {known}, got {got!r}").format(
                    path=path, i=i, known=known, got=trig.signal
                )
            )
        if trig.signal in NO_TRUST_SIGNALS and trig.trust > 0:
            problems.append(
                _(
                    "{path}: triggers[{i}].trust: a {signal} never earns trust; "
                    "expected 0 or less, got {trust:g}"
                ).format(path=path, i=i, signal=trig.signal, trust=trig.trust)
            )
    for fact_id in persona.lines.deflect:
        if fact_id not in seen:
            problems.append(
                _("{path}: lines.deflect.{fact}: expected a hidden fact id ({known})").format(
                    path=path, fact=fact_id, known=", ".join(sorted(seen))
                )
            )
    texts = {"opening_line": persona.opening_line, **persona.lines.texts()}
    if persona.coaching is not None:
        problems += coaching_problems(path, persona.coaching)
        texts.update(coaching_texts(persona.coaching))
    for where, line in texts.items():
        for fact in persona.hidden_facts:
            hits = [t for t in fact.tells if t.lower() in line.lower()]
            if hits:
                problems.append(
                    _(
                        "{path}: {where}: gives away hidden fact {fact!r} ({tell!r}); "
                        "expected authored lines to keep hidden facts hidden"
                    ).format(path=path, where=where, fact=fact.id, tell=hits[0])
                )
    if Difficulty.NORMAL not in persona.difficulty:
        missing = _("is required but missing")
        problems.append(f"{path}: difficulty.normal: {missing}")
    return problems


PLACEHOLDERS = frozenset({"client_words"})


def coaching_texts(coaching: Coaching) -> dict[str, str]:
    """Every coaching line by where it sits, e.g. coaching.pressure.boundary[0]."""
    out: dict[str, str] = {}
    for beat in type(coaching).model_fields:
        block = getattr(coaching, beat)
        for skill in SKILLS if block is not None else ():
            for j, line in enumerate(block.for_skill(skill)):
                out[f"coaching.{beat}.{skill}[{j}]"] = line
    return out


def coaching_problems(path: Path, coaching: Coaching) -> list[str]:
    """`any` covers every skill; placeholders are known ones."""
    one = _("{path}: coaching.any.{skill}: expected at least one try-instead line")
    problems = [
        one.format(path=path, skill=skill) for skill in SKILLS if not coaching.any.for_skill(skill)
    ]
    for where, line in coaching_texts(coaching).items():
        try:
            names = {n for _s, n, _f, _c in string.Formatter().parse(line) if n is not None}
        except ValueError as exc:
            # TRANSLATORS: {{{{ and }}}} are shown as {{ and }}: keep them as they are.
            braces = _("{path}: {where}: {problem}; write braces as {{{{ and }}}}")
            problems.append(braces.format(path=path, where=where, problem=exc))
            continue
        for name in sorted(names - PLACEHOLDERS):
            unknown = _(
                "{path}: {where}: unknown placeholder {{{name}}}; expected {{client_words}}"
            )
            problems.append(unknown.format(path=path, where=where, name=name))
    return problems


def load_persona(path: Path) -> Persona:
    """Load one persona file, raising DataError listing every problem."""
    persona = load_model(path, Persona)
    problems = semantic_problems(path, persona)
    if problems:
        raise DataError(problems)
    return persona


def persona_paths(lang: str = "en") -> dict[str, Path]:
    """Persona id -> file in LANG, the user's folder shadowing the shipped one."""
    found: dict[str, Path] = {}
    for folder in reversed(persona_dirs(lang)):
        if folder.is_dir():
            for path in sorted(folder.glob("*.yaml")):
                found[path.stem] = path
    return dict(sorted(found.items()))


@lru_cache(maxsize=64)
def _cached(path: Path, mtime: float) -> Persona:
    return load_persona(path)


def get_persona(name: str, lang: str = "en") -> Persona:
    """Load a persona by id (in LANG) or by file path."""
    candidate = Path(name)
    if candidate.suffix in (".yaml", ".yml") and candidate.exists():
        return _cached(candidate.resolve(), candidate.stat().st_mtime)
    paths = persona_paths(lang)
    key = name.lower().replace(" ", "-").replace("_", "-")
    if key not in paths:
        known = ", ".join(paths) or _("none found")
        if lang == "en":
            unknown = _("unknown persona {name!r}; expected one of: {known}")
        else:
            unknown = _("unknown persona {name!r} in {lang!r}; expected one of: {known}")
        raise NotFoundError(unknown.format(name=name, lang=lang, known=known))
    path = paths[key]
    return _cached(path, path.stat().st_mtime)
