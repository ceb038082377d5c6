"""`callsim practice`: set up a call and hand it to the REPL or the plain line loop."""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import TYPE_CHECKING, Literal

from simulator.cli.ids import own_name
from simulator.config import Settings, load_settings
from simulator.display import echo, mid_sentence, printable
from simulator.engine.call import Call
from simulator.errors import CallsimError, ExitCode, UsageError
from simulator.i18n import _, use_lang
from simulator.models import CallHeader, Persona
from simulator.personas import get_persona, persona_paths
from simulator.transcript import (
    Transcript,
    TranscriptWriter,
    find_transcript,
    new_call_id,
    read_transcript,
    transcripts_dir,
)
from simulator.vocabulary import Difficulty, Outcome

if TYPE_CHECKING:
    from simulator.scenarios import Scenario

# What a user may choose; `fake` stays registered for tests but is never offered.
PUBLIC_BACKENDS = ("local", "openai", "scripted")


def settings_from(args: argparse.Namespace) -> Settings:
    """Flags over env over config file over defaults."""
    from simulator.backends import backend_names

    settings = load_settings(
        backend=getattr(args, "backend", None),
        model=getattr(args, "model", None),
        base_url=getattr(args, "base_url", None),
        api_key_env=getattr(args, "api_key_env", None),
        difficulty=getattr(args, "difficulty", None),
        mode=getattr(args, "mode", None),
        judge_method=getattr(args, "judge_method", None),
        trainee=getattr(args, "trainee", None),
        lang=getattr(args, "lang", None),
    )
    if settings.backend not in backend_names():
        raise UsageError(
            _("--backend: expected one of {choices}, got {got!r}").format(
                choices=", ".join(PUBLIC_BACKENDS), got=settings.backend
            )
        )
    return settings


def interactive(args: argparse.Namespace) -> bool:
    """Use the REPL only on a real terminal that can draw it."""
    if getattr(args, "plain", False):
        return False
    term = os.environ.get("TERM", "")
    return sys.stdin.isatty() and sys.stdout.isatty() and term not in ("", "dumb")


def pick_persona(lang: str = "en") -> str:
    """A short picker when no persona was given."""
    names = list(persona_paths(lang))
    for i, name in enumerate(names, 1):
        echo(f"  {i:2}. " + printable(name, one_line=True))  # a file name in your folder
    try:
        choice = input(_("Pick a client (number or name): ")).strip()
    except EOFError as exc:
        raise UsageError(_("--persona: no persona given and no choice made")) from exc
    if choice.isdigit() and 1 <= int(choice) <= len(names):
        return names[int(choice) - 1]
    return choice


def brief_for(persona: Persona, scenario_brief: str | None) -> str:
    """What the trainee knows before the call, in the language in force (the call's)."""
    if scenario_brief:
        return scenario_brief
    ident = persona.identity
    return _(
        "Brief: {name} ({role}, {company}: {about}) wants {wants} Your goal: understand their "
        "situation, hold your boundaries, agree a next step if it's worth it, and give a "
        "fit verdict (/verdict fit|no-fit|unsure REASON)."
    ).format(
        name=ident.name,
        role=ident.role,
        company=ident.company,
        about=ident.about_company,
        wants=mid_sentence(persona.wants),
    )


def run(args: argparse.Namespace) -> int:
    """Build the call (new or resumed) and run the session."""
    from simulator.backends import create_backend
    from simulator.referee import default_referee

    settings = settings_from(args)
    scenario: Scenario | None = None
    scenario_brief = None
    scenario_id = None
    persona_name = args.persona
    difficulty = settings.difficulty
    if args.scenario:
        from simulator.scenarios import load_scenario

        scenario = load_scenario(args.scenario, settings.lang)
        scenario_id = scenario.id  # the id, not the path typed, so history groups by scenario
        persona_name = persona_name or scenario.persona
        difficulty = args.difficulty or scenario.difficulty.value
        scenario_brief = scenario.brief_text()
    try:
        diff = Difficulty(difficulty)
    except ValueError as exc:
        raise UsageError(
            _("--difficulty: expected easy, normal or hard, got {got!r}").format(got=difficulty)
        ) from exc
    if args.mode is None and settings.mode not in ("coached", "exam"):
        raise UsageError(_("mode: expected coached or exam, got {got!r}").format(got=settings.mode))
    backend = create_backend(settings)
    referee = default_referee()
    if args.resume:
        # Resuming writes: an id only, never a path outside the data dir. The lock comes
        # before the read, so a second resume of the same call is refused up front.
        path = find_transcript(args.resume, allow_path=False)
        writer = TranscriptWriter(path, existing=True)
        transcript = read_transcript(path)
        use_lang(transcript.header.lang)  # the call's screens speak the call's language
        refuse_finished(transcript, own_name(args))
        scenario = resumed_scenario(transcript.header)
        persona = get_persona(transcript.header.persona, transcript.header.lang)
        call = Call.resume(transcript, persona, backend, referee, writer)
        mode: Literal["coached", "exam"] = transcript.header.mode
    else:
        lang = scenario.lang if scenario is not None else settings.lang
        if not persona_name:
            persona_name = pick_persona(lang)
        persona = get_persona(persona_name, lang)
        use_lang(persona.lang)  # the call's screens speak the call's language
        call_id = new_call_id(persona.id)
        mode = "exam" if settings.mode == "exam" else "coached"
        trainee = trainee_name(settings, args)
        header = CallHeader(
            id=call_id,
            persona=persona.id,
            difficulty=diff,
            backend=backend.name,
            model=backend.model,
            seed=args.seed if args.seed is not None else int(time.time()) % 100000,
            mode=mode,
            scenario=scenario_id,
            brief=brief_for(persona, scenario_brief),
            started_at=time.time(),
            trainee=trainee,
            lang=persona.lang,
        )
        writer = TranscriptWriter(transcripts_dir() / f"{call_id}.jsonl")
        call = Call(persona, header, backend, referee, writer)
    return hold(call, args, mode, scenario)


def resumed_scenario(header: CallHeader) -> Scenario | None:
    """The scenario a resumed practice call was started from, if it can still be found."""
    if not header.scenario or header.kind == "run":
        return None
    from simulator.scenarios import load_scenario, scenario_paths

    # By id only: a header (an imported call's, say) never names a file to read.
    if header.scenario not in scenario_paths(header.lang):
        why = _("no scenario {id!r}").format(id=header.scenario)
        echo(_("note: no pass/fail at the end: {why}").format(why=why), err=True, one_line=True)
        return None
    try:
        return load_scenario(header.scenario, header.lang)
    except CallsimError as exc:
        why = str(exc).splitlines()[0]
        echo(_("note: no pass/fail at the end: {why}").format(why=why), err=True, one_line=True)
        return None


def refuse_finished(transcript: Transcript, trainee: str | None) -> None:
    """A call that ended stays ended: reopening it would append a second end."""
    if transcript.outcome == Outcome.CONTINUING:
        return
    when = ""
    if transcript.ended_at:
        stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(transcript.ended_at))
        when = _(" at {when}").format(when=stamp)
    paused = latest_paused(trainee)
    then = _("continue your paused call {id} with `callsim practice --resume {id}`")
    raise UsageError(
        _(
            "--resume: call {id} already ended ({outcome}{when}); "
            "see it with `callsim review {id}`, "
        ).format(id=transcript.id, outcome=transcript.outcome.value, when=when)
        + (then.format(id=paused) if paused else _("or start a new call"))
    )


# How many recent calls `latest_paused` opens: a paused call is normally among the newest.
PAUSED_LOOKBACK = 50


def latest_paused(trainee: str | None) -> str | None:
    """The user's newest practice call still open (paused, or cut off), for a refused
    --resume; never another trainee's imported call."""
    from simulator.review.headers import all_headers, is_batch, mine

    calls = [
        (p, h) for p, h in all_headers() if not is_batch(h) and (not trainee or mine(h, trainee))
    ]
    recent = calls[-PAUSED_LOOKBACK:]
    for path, header in reversed(recent):
        try:
            if read_transcript(path).outcome == Outcome.CONTINUING:
                return header.id
        except CallsimError:
            continue  # a damaged file is reported where it is read in full
    return None


def trainee_name(settings: Settings, args: argparse.Namespace) -> str | None:
    """Who is holding this call: --trainee, CALLSIM_TRAINEE, config, or asked once."""
    if settings.trainee is not None:
        return settings.trainee.strip() or None
    if not interactive(args):
        return None
    from simulator.cli.cohort_cmd import ask_trainee_once

    return ask_trainee_once()


def hold(call: Call, args: argparse.Namespace, mode: str, scenario: Scenario | None = None) -> int:
    """Run the session on the right kind of terminal and index the finished call."""
    from simulator.repl.io import PlainIO, SessionIO
    from simulator.repl.session import PracticeSession

    io: SessionIO
    if interactive(args):
        from simulator.repl.ptk import PromptToolkitIO

        io = PromptToolkitIO(call, mode)
    else:
        io = PlainIO()
    session = PracticeSession(call, io, mode=mode, brief=call.header.brief or "")  # type: ignore[arg-type]
    summary = session.run()
    if scenario is not None and summary is not None and call.outcome != Outcome.CONTINUING:
        # Judged like a batch run and saved with the call, so `review` shows it later.
        from simulator.review.scenario_check import describe, judge

        record = judge(scenario, summary)
        call.record(record)
        echo(describe(record))
    call.close()
    _index(call)
    return ExitCode.OK if not call.unsaved else ExitCode.DATA


def _index(call: Call) -> None:
    """Add the call to the history index (best effort: the JSONL is the source of truth)."""
    if call.writer is None:
        return
    import sqlite3

    try:
        from simulator.review.index import CallIndex

        CallIndex.open().upsert_path(call.writer.path)
    except (ImportError, OSError, sqlite3.Error, CallsimError):
        return  # `callsim history` rebuilds the index from the transcripts anyway
