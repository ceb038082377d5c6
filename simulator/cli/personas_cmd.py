"""`callsim personas list|show|validate`."""

from __future__ import annotations

import argparse
from pathlib import Path

from simulator.errors import DataError, ExitCode
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
