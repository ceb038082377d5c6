"""Every sentence of a review agrees with the transcript: quotes, examples, costs, advice."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.backends.scripted import ScriptedBackend
from simulator.engine.call import Call
from simulator.evaluation.coaching import client_words, fill
from simulator.evaluation.reasons import skill_example
from simulator.evaluation.scale import LOW, turn_points
from simulator.evaluation.summary import summarise
from simulator.models import SKILLS, Signals, SkillScore, Turn, TurnEvaluation
from simulator.personas import get_persona
from simulator.vocabulary import Beat, Outcome
from tests.conftest import make_call
from tests.test_coaching import SHIPPED

# Good turns and known mistakes, in the order a rushed trainee might say them.
TURNS = [
    "Thanks for making the time. What made you look for help with this now?",
    "Fine, I'll knock 20% off and throw in the extra pages for free, no problem.",
    "That's not fair. I've done this for ten years and nobody complains about my rates.",
    "It sounds like being let down before is what worries you most. What happened?",
    "Look, let's just put a start date in the diary now and sort the details later.",
    "If we start with the part that hurts most, you see results sooner and I can hold the price.",
]
QUOTED = re.compile(r'"([^"]+)"')
FIGURE_OR_NAME = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z'-]+|\d[\d,.]*\d|\d")


def _play(pid: str) -> tuple[Call, list[Turn]]:
    call = make_call(get_persona(pid), ScriptedBackend())
    list(call.opening())
    for text in TURNS:
        if call.outcome != Outcome.CONTINUING:
            break
        call.say(text)
        list(call.reply())
    return call, call.turns


@pytest.fixture(scope="module")
def played() -> dict[str, tuple[Call, list[Turn]]]:
    """One scripted call per shipped persona, with mistakes among good turns."""
    return {pid: _play(pid) for pid in SHIPPED}


@pytest.mark.parametrize("pid", SHIPPED)
def test_every_review_sentence_agrees_with_the_call(
    played: dict[str, tuple[Call, list[Turn]]], pid: str
) -> None:
    call, turns = played[pid]
    summary = summarise(turns, call.persona, call.end(), None)
    assert summary.moments, "a call with planted mistakes has moments to redo"
    advice = [m.try_instead for m in summary.moments]
    assert len(set(advice)) == len(advice), f"a try-instead repeats: {advice}"
    persona_lines = {t.index: t for t in turns}
    for m in summary.moments:
        # What the trainee knew: the call so far and the client's public profile.
        public = " ".join(str(v) for v in call.persona.identity.model_dump().values())
        before = " ".join(t.text for t in turns if t.index < m.turn_index) + " " + public
        # Quotes of the client are whole sentences of the line the trainee faced.
        for quote in QUOTED.findall(m.try_instead):
            sentences = [s.strip(" .!?") for s in re.split(r"(?<=[.!?])\s+", m.client_said)]
            assert quote in sentences, f"cut quote {quote!r} from {m.client_said!r}"
        # Advice names no person and no figure the call had not mentioned by then.
        for word in FIGURE_OR_NAME.findall(m.try_instead):
            assert word.lower() in before.lower(), f"{word!r} assumed: {m.try_instead!r}"
        # A cost has the sign of the recorded change.
        trainee = persona_lines[m.turn_index]
        earlier = [t.state_after for t in turns if t.index < m.turn_index and t.state_after]
        start = call.persona.setting(call.header.difficulty).start
        prior = earlier[-1] if earlier else start
        after = trainee.state_after
        assert after is not None
        moved = {
            k: round(getattr(after, k) - getattr(prior, k))
            for k in ("trust", "patience", "interest")
        }
        for key, sign, n in re.findall(r"(trust|patience|interest) ([+-])(\d+)", m.cost):
            assert moved[key] == int(n) * (1 if sign == "+" else -1), (m.cost, moved)
        if "cost you" in m.cost:
            assert any(v < 0 for v in moved.values()), (m.cost, moved)
        if "let it pass" in m.cost:
            assert not any(v < 0 for v in moved.values()), (m.cost, moved)
        if "pressing you" in m.why:
            assert m.client_said, "pressure needs a client line"


@pytest.mark.parametrize("pid", SHIPPED)
def test_every_example_is_a_clear_example_of_its_skill(
    played: dict[str, tuple[Call, list[Turn]]], pid: str
) -> None:
    _, turns = played[pid]
    for skill in SKILLS:
        example = skill_example(turns, skill)
        if not example:
            continue
        (turn,) = [t for t in turns if t.speaker == "trainee" and example in t.text]
        assert turn.evaluation is not None
        s = turn.evaluation.skills[skill]
        assert s.at_stake and (turn_points(s.score) or 0) >= 75
        assert not turn.evaluation.signals.concession and not turn.evaluation.signals.hostility
        assert len(example.split()) >= 3


@pytest.mark.parametrize(
    "client_line",
    [
        "They have 12,500 users across 14 sites, and every one of them logs in before 9 each "
        "morning, so whatever you build has to survive that rush.",
        "Hey hey, all good here!",
        "Lecture me all you like.",
        "Sure [/bold] \x1b]0;x\x07 <img src=x onerror=alert(1)> what's your price?",
    ],
)
def test_a_quote_is_whole_or_absent(client_line: str) -> None:
    words = client_words(client_line)
    sentences = [s.strip(" .!?") for s in re.split(r"(?<=[.!?])\s+", client_line)]
    assert not words or words in sentences
    filled = fill('When you say "{client_words}", what is behind it?', client_line)
    assert "{client_words}" not in filled and '""' not in filled


def test_a_moment_below_the_middle_says_so_in_its_points(
    played: dict[str, tuple[Call, list[Turn]]],
) -> None:
    call, turns = played["pit-bull"]
    summary = summarise(turns, call.persona, call.end(), None)
    assert summary.moments[0].points < LOW or not any(m.fault for m in summary.moments)


def _turn(i: int, speaker: str, text: str, points: int = 0, beat: Beat | None = None) -> Turn:
    scores = {k: SkillScore(score=points / 25, rule_level=points / 25) for k in SKILLS}
    evaluation = TurnEvaluation(signals=Signals(), skills=scores) if speaker == "trainee" else None
    return Turn(
        index=i, speaker=speaker, text=text, started_at=0, ended_at=0, beat=beat,
        evaluation=evaluation,
    )  # fmt: skip


def test_the_turn_the_client_hung_up_on_is_a_moment() -> None:
    """A hang-up caused by an outburst was scored right but not surfaced: three weaker
    turns came earlier and filled the list."""
    turns = [_turn(0, "persona", "Go on.", beat=Beat.OPENING)]
    for n, points in enumerate([5, 10, 0, 40]):
        turns.append(_turn(2 * n + 1, "trainee", f"turn {n}", points))
        beat = Beat.HANG_UP if n == 3 else Beat.PROBING
        turns.append(_turn(2 * n + 2, "persona", "Right.", beat=beat))
    summary = summarise(turns, get_persona("pit-bull"), Outcome.HUNG_UP, None)
    assert 7 in {m.turn_index for m in summary.moments}


def test_a_fact_the_client_said_in_an_answer_counts_as_uncovered() -> None:
    """Trainees saw "facts uncovered 0/4" after the client named the real budget in a
    topic answer: the review counts what the client said, not only what a reveal earned."""
    turns = [
        _turn(0, "persona", "Go on.", beat=Beat.OPENING),
        _turn(1, "trainee", "What budget have you set aside?", 80),
        _turn(2, "persona", "Sixty thousand is approved, but I won't spend it.", beat=Beat.PROBING),
    ]
    summary = summarise(turns, get_persona("pit-bull"), Outcome.TRAINEE_ENDED, None)
    assert summary.facts_uncovered == ["budget"]
    assert "behind it, said in the call or not" in summary.fit_check.lower()


def test_history_at_140_columns_keeps_the_client() -> None:
    """Dropping the scenario alone makes room; the client's name must not go with it."""
    from simulator.cli.history_cmd import _rendered_width, _table, fit_columns

    row = {
        "date": "2026-12-07 00:51",
        "id": "run-zero-sum-haggler-good-rep-0-245545",
        "trainee": "",
        "mode": "",
        "persona": "zero-sum-haggler",
        "difficulty": "normal",
        "scenario": "zero-sum-haggler-good-rep",
        "outcome": "ended",
        **dict.fromkeys(SKILLS, "86"),
        "overall": "68",
    }
    names = fit_columns([row], 140)
    assert "persona" in names and "id" in names and "overall" in names
    assert _rendered_width(_table([row], names)) <= 140
    assert fit_columns([row], None) == [n for n in row if n not in ("trainee", "mode")]


def test_a_person_is_judged_on_the_briefs_success_criteria() -> None:
    """Not on the batch trainee's expect ranges: doing better than expected never fails."""
    from simulator.evaluation.summary import summarise
    from simulator.review.scenario_check import describe, judge
    from simulator.scenarios import load_scenario

    scenario = load_scenario("pit-bull-good-rep")
    call = make_call(get_persona("pit-bull"), ScriptedBackend())
    list(call.opening())
    call.say("What happens today when a truck runs late, and what does that cost you?")
    list(call.reply())
    summary = summarise(call.turns, call.persona, call.end(), None)
    record = judge(scenario, summary)
    assert record["passed"] is False
    assert "verdict fit: missed" in record["failures"]
    assert "outcome next_step_agreed: missed" in record["failures"]
    assert describe(record).startswith("scenario pit-bull-good-rep: not passed: ")
    assert not any("expected" in f for f in record["failures"])


def test_a_figure_said_at_a_sentence_end_counts_as_said() -> None:
    from simulator.evaluation.coaching import fits_the_moment

    p = get_persona("pit-bull")
    line = "You said 20,000 is the budget, so let us shape phase one to it."
    assert fits_the_moment(line, p, "We can spend 20,000. That is it.")
    assert not fits_the_moment(line.replace("20,000", "30,000"), p, "We can spend 20,000.")


def test_a_neutral_rule_reason_never_stands_beside_a_strong_score() -> None:
    from simulator.evaluation.reasons import shown_reason

    strong = SkillScore(score=3.6, rule_level=2.0, reason="neutral")
    assert shown_reason(strong, "pacing") == "took time to understand before acting"
    fair = SkillScore(score=2.2, rule_level=2.0, reason="neutral")
    assert shown_reason(fair, "pacing") == "neutral"


def test_reports_list_the_concessions_the_review_lists(tmp_path: Path) -> None:
    from simulator.transcript import transcripts_dir
    from tests.conftest import callsim

    path = transcripts_dir() / "test-call.jsonl"  # make_call's id
    call = make_call(get_persona("pit-bull"), ScriptedBackend(), path)
    list(call.opening())
    call.say("Fine, I'll knock 20% off and throw in the driver app for free.")
    list(call.reply())
    call.end()
    call.close()
    summary = summarise(call.turns, call.persona, call.outcome, None)
    assert summary.concessions
    md, html = tmp_path / "r.md", tmp_path / "r.html"
    assert callsim("report", "test-call", "--md", str(md), "--html", str(html)).returncode == 0
    assert "Concessions: your turn 1" in md.read_text()
    assert "Concessions: your turn 1" in html.read_text()


def test_a_trainee_typed_two_ways_is_shown_as_their_commonest_spelling() -> None:
    from simulator.review.standing import shown_name

    assert shown_name(["Cleo", "Cleo", "cleo"]) == "Cleo"
    assert shown_name(["cleo", "Cleo"]) == "Cleo"  # a tie: the capitalised one
    assert shown_name(["ana", "ana", "Ana"]) == "ana"


def test_a_spelled_out_figure_must_have_been_said_too() -> None:
    from simulator.evaluation.coaching import fits_the_moment

    p = get_persona("zero-sum-haggler")
    line = "I can't take ten percent off the same scope, because the price covers support."
    assert not fits_the_moment(line, p, "The number at the bottom of the page, first.")
    assert fits_the_moment(line, p, "Knock ten percent off and we talk.")


def test_history_says_a_paused_call_is_paused() -> None:
    from tests.conftest import callsim

    proc = callsim(
        "practice", "--persona", "poodle", "--backend", "scripted",
        stdin="Who have you admired?\n/pause\n",
    )  # fmt: skip
    assert proc.returncode == 0 and "Call paused" in proc.stdout
    listed = callsim("history", "--csv").stdout
    assert ",paused," in listed
    left_out = callsim("progress").stdout
    assert "fewer than 3 turns" in left_out or "unfinished" in left_out


def test_no_clause_is_the_example_of_two_skills(
    played: dict[str, tuple[Call, list[Turn]]],
) -> None:
    """Live trainees saw one line given as the example of empathy and of pacing: read as a
    template, not as evidence."""
    from simulator.repl.render import render_review

    class Screen:
        def __init__(self) -> None:
            self.lines: list[str] = []

        def say(self, text: object, style: str = "") -> None:
            self.lines.append(str(text))

    for pid, (call, turns) in played.items():
        screen = Screen()
        summary = summarise(turns, call.persona, call.outcome, None)
        render_review(screen, summary, turns)  # type: ignore[arg-type]
        examples = [m.group(1) for x in screen.lines if (m := re.search(r'e\.g\. "(.+)"', x))]
        assert len(examples) == len(set(examples)), pid


def test_a_quoted_clause_never_starts_or_ends_inside_a_number() -> None:
    from simulator.evaluation.reasons import clause
    from simulator.models import Span

    text = "Then 16.5k with the trade, and 12,000 for the rest if we drop the app."
    for word in ("with", "for the rest"):
        at = text.index(word)
        quoted = clause(text, Span(start=at, end=at + len(word), text=word)).text
        assert not re.match(r"^\d", quoted) or quoted.startswith(("16.5k", "12,000"))
        assert "5k with" not in quoted or "16.5k" in quoted
        assert "000 for" not in quoted or "12,000" in quoted
