"""A cohort: the trainee's name, `callsim export|import`, and `callsim report --cohort`."""

from __future__ import annotations

import argparse
import json
import os
import re
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.config import MAX_CONFIG_BYTES, config_path
from simulator.display import echo
from simulator.errors import CallsimError, DataError, ExitCode, UsageError
from simulator.i18n import _, lang_scope
from simulator.safe_files import read_text

if TYPE_CHECKING:
    from simulator.review.cohort import Cohort

NAME_WORDS = 5  # "Mary-Ann de la Cruz" fits; "Hi, thanks for making time today" does not


def ask_trainee_once() -> str | None:
    """On a first interactive call, ask the trainee's name and keep it in the config file."""
    try:
        name = input(_("Your name, for your trainer's cohort report (Enter to skip): ")).strip()
    except EOFError:
        return None
    path = config_path()
    if len(name.split()) > NAME_WORDS or any(c in name for c in "?!"):
        # A trainee who starts the call at this prompt must not be named by their first line.
        print(
            _(
                "(That looks like a sentence, not a name: not saved. Set `trainee` in {path} or"
            ).format(path=path)
        )
        print(_(" pass --trainee NAME. The call starts now: say it again.)"))
        return None
    line = f"trainee = {json.dumps(name, ensure_ascii=False)}\n"
    # Settings are flat (no tables), so an appended key always lands at the top level.
    try:
        old = read_text(path, MAX_CONFIG_BYTES) if path.exists() else ""
    except DataError as exc:  # a FIFO or a huge file: say so, never hang or overwrite it
        print(_("(not saved: {problem})").format(problem=exc))
        return name or None
    new = old + ("" if not old or old.endswith("\n") else "\n") + line
    try:
        tomllib.loads(new)
    except tomllib.TOMLDecodeError:
        return name or None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new, encoding="utf-8")
    if name:
        where = _("(saved in {path}; --trainee NAME overrides it)")
    else:
        where = _("(skipped; set `trainee` in {path} any time; --trainee NAME overrides it)")
    print(where.format(path=path))
    return name or None


def export(args: argparse.Namespace) -> int:
    """Write calls (all, or from --since, or one trainee's) into one archive."""
    from simulator.archive import export_calls
    from simulator.cli.history_cmd import since_timestamp
    from simulator.cli.outputs import check_writable
    from simulator.review.headers import all_headers, is_batch

    check_writable("ARCHIVE", args.archive)
    since = since_timestamp(args.since)
    chosen = []
    problems: list[str] = []
    for path, header in all_headers(problems):
        if since is not None and header.started_at < since:
            continue
        if args.trainee and (header.trainee or "").lower() != args.trainee.lower():
            continue
        if args.kind and ("run" if is_batch(header) else "practice") != args.kind:
            continue
        chosen.append((path, header))
    for line in problems:
        echo(_("note: {line}").format(line=line), err=True, one_line=True)
    if not chosen:
        raise UsageError(_("export: no calls match; see `callsim history`"))
    report = export_calls(Path(args.archive), chosen, force=args.force)
    for line in report.skipped:
        echo(_("note: {line}").format(line=line), err=True, one_line=True)
    exported = _("exported {n} call(s) to {archive}")
    print(exported.format(n=report.count, archive=args.archive))
    return ExitCode.OK


def import_(args: argparse.Namespace) -> int:
    """Add the calls in an archive; one line per damaged member, duplicates skipped."""
    from simulator.archive import import_calls
    from simulator.review.index import CallIndex

    report = import_calls(Path(args.archive))
    # Member names come from whoever made the archive: filtered like any other data.
    for line in report.damaged:
        echo(_("damaged: {line}").format(line=line), err=True, one_line=True)
    for line in report.notes:
        echo(_("note: {line}").format(line=line), err=True, one_line=True)
    if report.imported:
        CallIndex.open()  # brings the history index up to date
    imported = _(
        "imported {n} call(s); {duplicates} already present "
        "(skipped, never overwritten); {damaged} damaged"
    )
    print(
        imported.format(
            n=len(report.imported),
            duplicates=len(report.duplicates),
            damaged=len(report.damaged),
        )
    )
    return ExitCode.DATA if report.damaged else ExitCode.OK


def cohort_report(args: argparse.Namespace) -> int:
    """Trainee-by-skill table as HTML and/or Markdown; batch runs in their own table.

    With --html, a folder beside the page (cohort.html -> cohort-files/) holds each
    trainee's progress page and each practice call's report, linked relatively.
    """
    from simulator.cli.history_cmd import since_timestamp
    from simulator.cli.outputs import check_writable, write_out
    from simulator.review.cohort import build, markdown, page, page_names
    from simulator.review.index import CallIndex

    if not args.html and not args.md:
        raise UsageError(_("--cohort: expected --html OUT and/or --md OUT"))
    check_writable("--html", args.html)
    check_writable("--md", args.md)
    rows = CallIndex.open().calls(persona=args.persona, since=since_timestamp(args.since))
    cohort = build(rows)
    if args.since:
        title = _("Cohort report since {date}").format(date=args.since)
    else:
        title = _("Cohort report")
    links: dict[str, str] = {}
    if args.html:
        folder = files_folder(Path(args.html))
        names = page_names(cohort)
        links = {who: f"{folder.name}/{name}" for who, name in names.items()}
        write_drilldown(cohort, folder, names, Path(args.html).name)
        write_out("--html", args.html, page(cohort, title, links))
    if args.md:
        md_links = {}
        if args.html:
            # Relative to the Markdown file, which may live elsewhere than the page.
            here = Path(args.md).resolve().parent
            there = Path(args.html).resolve().parent
            md_links = {w: os.path.relpath(there / h, here) for w, h in links.items()}
        write_out("--md", args.md, markdown(cohort, title, md_links))
    counted = _("{trainees} trainee(s), {scenarios} scenario(s) with batch runs")
    print(counted.format(trainees=len(cohort.trainees), scenarios=len(cohort.scenarios)))
    return ExitCode.OK


def files_folder(html: Path) -> Path:
    """The folder beside the cohort page that holds its linked pages."""
    folder = html.with_name(f"{html.stem}-files")
    if folder.exists() and not folder.is_dir():
        raise UsageError(
            _("--html: {folder} is a file; the linked pages need that name as a folder").format(
                folder=folder
            )
        )
    return folder


MANIFEST = ".callsim-pages"  # the pages the last cohort report wrote in its folder


def _written_before(manifest: Path) -> set[str]:
    """Page names the last report wrote here: plain names of our own kind only."""
    from simulator.safe_files import read_text

    try:
        text = read_text(manifest, 1 << 20)
    except (CallsimError, OSError):
        return set()
    pattern = re.compile(r"(?:progress|call)-[A-Za-z0-9._-]+\.html")
    return {n for n in text.splitlines() if pattern.fullmatch(n) and ".." not in n}


def write_drilldown(cohort: Cohort, folder: Path, names: dict[str, str], back: str) -> None:
    """Each trainee's progress page and each of their calls' reports, offline and linked."""
    from simulator.models import is_call_id
    from simulator.review.html import progress_html, report_html
    from simulator.review.view import load_view

    manifest = folder / MANIFEST
    try:
        folder.mkdir(exist_ok=True)
        fresh: set[str] = set()
        calls = 0
        for t in cohort.trainees:
            # A header id that is not an id (a path, "..") never names a file here.
            rows = [r for r in t.rows if is_call_id(r.id)]
            for r in t.rows:
                if not is_call_id(r.id):
                    skipped = _("note: skipped a call whose id is not an id: {id}")
                    echo(skipped.format(id=r.id), err=True, one_line=True)
            links = {r.id: f"call-{r.id}.html" for r in rows}
            title = _("Progress: {who}").format(who=t.trainee)
            html = progress_html(title, rows, links=links, back=f"../{back}")
            (folder / names[t.trainee]).write_text(html, encoding="utf-8")
            fresh.add(names[t.trainee])
            for r in rows:
                try:
                    view = load_view(r.path)
                except CallsimError as exc:  # deleted or damaged since the index saw it
                    note = _("note: {line}").format(line=str(exc).splitlines()[0])
                    echo(note, err=True, one_line=True)
                    continue
                with lang_scope(view.lang):  # a call's report speaks the call's language
                    page = report_html(view, back=names[t.trainee], back_to=t.trainee)
                (folder / links[r.id]).write_text(page, encoding="utf-8")
                fresh.add(links[r.id])
                calls += 1
        # A call deleted since the last report must not live on in its old page; only pages
        # this command wrote last time (its manifest) are removed, never someone's own file.
        for name in _written_before(manifest) - fresh:
            (folder / name).unlink(missing_ok=True)
        manifest.write_text("\n".join(sorted(fresh)) + "\n", encoding="utf-8")
    except OSError as exc:
        why = _("--html: cannot write into {folder} ({why})")
        raise UsageError(why.format(folder=folder, why=exc.strerror)) from exc
    wrote = _("wrote {pages} progress page(s) and {calls} call report(s) in {folder}")
    echo(wrote.format(pages=len(cohort.trainees), calls=calls, folder=folder))
