"""`callsim personas list|show|validate`."""

from __future__ import annotations

import argparse
from pathlib import Path

from simulator.errors import DataError, ExitCode, UsageError
from simulator.personas import get_persona, load_persona, persona_paths


def list_(args: argparse.Namespace) -> int:
    """Print every persona: id, kind, who they are."""
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "kind", "client", "fit", title="Client personas")
    for pid, path in persona_paths().items():
        try:
            p = load_persona(path)
        except DataError as exc:
            table.add_row(pid, "[red]invalid[/red]", exc.problems[0], "")
            continue
        ident = p.identity
        table.add_row(
            pid, p.category, f"{ident.name}, {ident.role} at {ident.company}: {p.summary}", "?"
        )
    Console().print(table)
    return ExitCode.OK


def show(args: argparse.Namespace) -> int:
    """Print one persona's public profile (and hidden parts with --hidden)."""
    from rich.console import Console

    p = get_persona(args.name)
    out = Console()
    ident = p.identity
    out.print(f"[bold]{p.title}[/bold] ({p.id}, {p.category})")
    if p.credit:
        out.print(f"[dim]{p.credit}[/dim]")
    out.print(f"{ident.name}, {ident.role} at {ident.company}: {ident.about_company}")
    out.print(f"[bold]Summary:[/bold] {p.summary}")
    out.print(f"[bold]Wants:[/bold] {p.wants}")
    out.print(f"[bold]Style:[/bold] {p.speaking_style}")
    out.print(f"[bold]Opens with:[/bold] {p.opening_line}")
    out.print("[bold]Difficulties:[/bold] " + ", ".join(d.value for d in p.difficulty))
    if args.hidden:
        out.print("[bold]Hidden facts:[/bold]")
        for f in p.hidden_facts:
            out.print(f"  - {f.id} ({f.kind}, trust >= {f.min_trust}): {f.fact}")
        out.print(f"[bold]Fit:[/bold] {p.fit_profile.fit}: {p.fit_profile.why}")
    else:
        out.print(
            f"[dim]{len(p.hidden_facts)} hidden facts; --hidden shows them (coaches only)[/dim]"
        )
    return ExitCode.OK


def validate(args: argparse.Namespace) -> int:
    """Validate files; one line per problem, non-zero exit if any."""
    import sys

    bad = 0
    for name in args.paths:
        path = Path(name)
        files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
        for file in files:
            try:
                load_persona(file)
                print(f"ok: {file}")
            except DataError as exc:
                bad += 1
                for line in exc.problems:
                    print(line, file=sys.stderr)
    return ExitCode.DATA if bad else ExitCode.OK


def new(args: argparse.Namespace) -> int:
    """Build a persona from a few prompts (or draft one with --from), validate, save it."""
    from simulator.authoring import ask, build, draft, save
    from simulator.shipped import user_dir

    if args.from_:
        from simulator.backends import create_backend
        from simulator.cli.practice import settings_from

        settings = settings_from(args)
        if settings.backend not in ("openai", "fake"):
            raise UsageError(
                f"--from: needs a capable model (--backend openai, with --base-url for your "
                f"own server); the {settings.backend} backend cannot write a persona"
            )
        answers = draft(args.from_, create_backend(settings).complete)
    else:
        print("A new client persona. Press Enter to keep the [default].")
        answers = ask(input)
    path = Path(args.out) if args.out else user_dir("personas") / f"{answers.id}.yaml"
    save(build(answers), path, force=args.force)
    how = "drafted by the model from your description" if args.from_ else "written"
    print(f"{how} and validated: {path}")
    print(f"review it: callsim personas show {path} --hidden  (edit the file to refine it)")
    print(f"practise with it: callsim practice --persona {answers.id}")
    return ExitCode.OK
