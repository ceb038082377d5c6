"""`callsim personas list|show|validate`."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from rich.text import Text

from simulator.config import lang_of
from simulator.display import cell, echo, plain
from simulator.errors import DataError, ExitCode, UsageError
from simulator.evaluation.words import difficulty_word
from simulator.i18n import _, current_lang
from simulator.models import Persona
from simulator.personas import get_persona, load_persona, persona_paths, shared_openings
from simulator.vocabulary import Difficulty


def list_(args: argparse.Namespace) -> int:
    """Print every persona: id, title, category, who they are in a line, difficulties."""
    from rich.console import Console
    from rich.table import Table

    table = Table(
        "id",
        _("title"),
        _("category"),
        _("the client, in a line"),
        _("difficulty"),
        title=_("Client personas"),
        caption=_(
            "`callsim personas show ID` for the whole profile; "
            "`callsim practice --persona ID --difficulty LEVEL` to practise"
        ),
    )
    for pid, path in persona_paths(lang_of(args)).items():
        try:
            p = load_persona(path)
        except DataError as exc:
            table.add_row(cell(pid), Text(_("invalid"), style="red"), "", cell(exc.problems[0]), "")
            continue
        who = f"{at_company(p)}: {p.summary}"
        table.add_row(
            cell(pid), cell(p.title), cell(p.category), cell(who), cell(difficulty_range(p))
        )
    # Piped output keeps whole titles rather than wrapping at 80 columns.
    Console(width=None if sys.stdout.isatty() else 160).print(table)
    return ExitCode.OK


def difficulty_range(p: Persona) -> str:
    """The difficulties a persona offers, as a range: easy-hard, normal, normal-hard."""
    order = [difficulty_word(d.value) for d in Difficulty if d in p.difficulty]
    return order[0] if len(order) == 1 else f"{order[0]}-{order[-1]}"


def at_company(p: Persona) -> str:
    """'Name, Role at Company' in the language in force."""
    ident = p.identity
    return _("{name}, {role} at {company}").format(
        name=ident.name, role=ident.role, company=ident.company
    )


def show(args: argparse.Namespace) -> int:
    """Print one persona's public profile (and hidden parts with --hidden)."""
    from rich.console import Console

    p = get_persona(args.name, lang_of(args))
    out = Console()
    ident = p.identity
    levels = ", ".join(difficulty_word(d.value) for d in p.difficulty)

    def field(label: str, value: str) -> None:
        out.print(Text(f"{label}: ", style="bold") + plain(value))

    out.print(plain(p.title, "bold") + plain(f" ({p.id}, {p.category})"))
    if p.credit:
        out.print(plain(p.credit, "dim"))
    out.print(plain(f"{at_company(p)}: {ident.about_company}"))
    field(_("Summary"), p.summary)
    field(_("Wants"), p.wants)
    field(_("Style"), p.speaking_style)
    field(_("Opens with"), p.opening_line)
    field(_("Difficulties"), levels)
    if args.hidden:
        out.print(Text(_("Hidden facts:"), style="bold"))
        for f in p.hidden_facts:
            fact = _("  - {id} ({kind}, trust >= {min}): {fact}")
            out.print(plain(fact.format(id=f.id, kind=f.kind, min=f.min_trust, fact=f.fact)))
        field(_("Fit"), f"{p.fit_profile.fit}: {p.fit_profile.why}")
    else:
        hidden = _("{n} hidden facts; --hidden shows them (coaches only)")
        out.print(Text(hidden.format(n=len(p.hidden_facts)), "dim"))
    return ExitCode.OK


def validate(args: argparse.Namespace) -> int:
    """Validate files; one line per problem, non-zero exit if any."""
    bad = 0
    loaded: dict[str, Persona] = {}
    for name in args.paths:
        path = Path(name)
        files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
        if not files:
            none = _("{path}: no persona files (*.yaml) to validate").format(path=path)
            echo(none, err=True, one_line=True)
            bad += 1
        for file in files:
            try:
                loaded[str(file)] = load_persona(file)
                echo(_("ok: {path}").format(path=file), one_line=True)
            except DataError as exc:
                bad += 1
                for line in exc.problems:
                    echo(line, err=True, one_line=True)
    # Lines another client also says: a warning, not an error (the file still loads).
    checked = {p.id for p in loaded.values()}
    others = []
    for lang in sorted({p.lang for p in loaded.values()}):
        for pid in persona_paths(lang):
            if pid not in checked:
                with contextlib.suppress(DataError):  # a broken one is reported when validated
                    others.append(get_persona(pid, lang))
    for warning in shared_openings([*loaded.values(), *others]):
        if warning.split(":", 1)[0] in checked:
            echo(_("warning: {problem}").format(problem=warning), err=True, one_line=True)
    return ExitCode.DATA if bad else ExitCode.OK


def say(text: str) -> None:
    """One line of the authoring dialogue; the author's own text is shown, never run."""
    echo(text, one_line=True)


def new(args: argparse.Namespace) -> int:
    """Build a persona from a few prompts (or draft one with --from), validate, save it."""
    from simulator.authoring import build, draft, save
    from simulator.authoring_ask import ask, settle
    from simulator.shipped import user_dir

    if args.from_:
        from simulator.backends import create_backend
        from simulator.cli.practice import settings_from

        settings = settings_from(args)
        if settings.backend not in ("openai", "fake"):
            raise UsageError(
                _(
                    "--from: needs a capable model (--backend openai, with --base-url for your "
                    "own server); the {backend} backend cannot write a persona"
                ).format(backend=settings.backend)
            )
        answers = draft(args.from_, create_backend(settings).complete)
    else:
        print(
            _(
                "A new client persona. Press Enter to keep the [default]. What the client says, "
                "write as they would say it (I, we, my)."
            )
        )
        answers = ask(input, say)
    path = Path(args.out) if args.out else user_dir("personas") / f"{answers.id}.yaml"
    if not args.from_:
        answers = settle(answers, path, input, say)
    save(build(answers), path, force=args.force)
    if args.from_:
        done = _("drafted by the model from your description and validated: {path}")
    else:
        done = _("written and validated: {path}")
    print(done.format(path=path))
    review = _("review it: callsim personas show {path} --hidden  (edit the file to refine it)")
    print(review.format(path=path))
    # The file is an English persona (personas/, lang en): another language's session
    # would look for it in that language's folder.
    hint = f"{answers.id}" if current_lang() == "en" else f"{answers.id} --lang en"
    print(_("practise with it: callsim practice --persona {id}").format(id=hint))
    return ExitCode.OK
