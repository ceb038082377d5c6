"""Coaching a coach can trust: this client's examples, the worst turn, one scale, one count."""

from __future__ import annotations

import functools
import itertools
import random
import re
from pathlib import Path

import pytest

from simulator.backends.scripted import ScriptedBackend
from simulator.evaluation.coaching import GENERIC, generic, hint_lines, try_instead
from simulator.evaluation.reasons import LIFTED, PARTLY, praises, shown_reason
from simulator.evaluation.scale import LOW, trainee_numbers, turn_points
from simulator.i18n import lang_scope
from simulator.models import SKILLS, Persona
from simulator.personas import BUILTIN_DIR, get_persona, persona_paths
from simulator.referee import default_referee
from simulator.referee.features import ContextTurn
from simulator.referee.wording import LEARNED_REASON
from simulator.review.html import report_html
from simulator.review.markdown import report_md
from simulator.review.view import load_view
from simulator.transcript import transcripts_dir
from simulator.vocabulary import Beat
from tests.conftest import callsim, make_call

SHIPPED = sorted(p.stem for p in BUILTIN_DIR.glob("*.yaml"))
WORD = re.compile(r"[a-z][a-z']{4,}")


def _persona_words(p: Persona) -> set[str]:
    return set(WORD.findall(p.model_dump_json().lower()))


@functools.cache
def _unique_words() -> dict[str, set[str]]:
    """Per persona, the words no other persona file uses: its project, product, people."""
    words = {pid: _persona_words(get_persona(pid)) for pid in SHIPPED}
    return {
        pid: own - set().union(*(w for other, w in words.items() if other != pid))
        for pid, own in words.items()
    }


def _all_coaching(p: Persona) -> list[str]:
    """Every try-instead and hint text this persona can produce, filled with its own lines."""
    client_lines = [p.opening_line, *itertools.chain.from_iterable(
        p.lines.for_beat(b) for b in Beat
    )]  # fmt: skip
    out = []
    for beat, skill, line in itertools.product([None, *Beat], SKILLS, client_lines):
        out += [try_instead(p, beat, skill, line, nth) for nth in range(2)]
    for beat, line in itertools.product([None, *Beat], client_lines):
        out += [text for _, text in hint_lines(p, beat, line)]
    return out


@pytest.mark.parametrize("pid", SHIPPED)
def test_no_coaching_text_mentions_another_clients_world(pid: str) -> None:
    persona = get_persona(pid)
    assert persona.coaching is not None, f"{pid} ships no coaching examples"
    unique = _unique_words()
    own = set(
        re.findall(r"[a-z']+", persona.model_dump_json().lower())
    )  # Maya's colleague Sam is hers
    texts = " ".join(_all_coaching(persona)).lower()
    for other in SHIPPED:
        if other == pid:
            continue
        o = get_persona(other)
        names = [*o.identity.name.lower().split(), o.identity.company.lower()]
        leaked = [n for n in names if n not in own and re.search(rf"\b{re.escape(n)}\b", texts)]
        # Words only the other persona's file uses: "dispatch", "admin", "jewellery", ...
        leaked += sorted(w for w in unique[other] if re.search(rf"\b{re.escape(w)}\b", texts))
        assert not leaked, f"{pid} coaching mentions {other}'s world: {leaked[:5]}"


def test_generic_examples_name_no_client() -> None:
    texts = " ".join(itertools.chain.from_iterable(GENERIC.values())).lower()
    for pid in SHIPPED:
        p = get_persona(pid)
        assert p.identity.company.lower() not in texts
        assert p.identity.name.split()[0].lower() not in texts


def test_hint_answers_what_the_client_just_said() -> None:
    p = get_persona("pit-bull")
    first = dict(hint_lines(p, Beat.PRESSURE, "Don't dodge. Number first, questions later."))
    assert "Number first, questions later" in first["pacing"]
    again = dict(hint_lines(p, Beat.OPENING, p.opening_line))
    assert again["pacing"] != first["pacing"] and "dispatch dashboard" in again["pacing"].lower()


def test_a_coaching_line_with_an_unknown_placeholder_is_one_clear_problem(tmp_path: Path) -> None:
    text = (BUILTIN_DIR / "pit-bull.yaml").read_text()
    bad = tmp_path / "pit-bull.yaml"
    bad.write_text(text.replace("{client_words}", "{their_budget}", 1))
    proc = callsim("personas", "validate", str(bad))
    assert proc.returncode == 3
    assert "unknown placeholder {their_budget}" in proc.stdout + proc.stderr


# Lines a trainee might type, good and bad, for random calls.
POOL = [
    "Sure, fire away",
    "ok whatever, we can do all of it, no problem",
    "Fine, whatever you want, I'll do it for half price.",
    "That's ridiculous, take it or leave it.",
    "I hear you. Before I give you a number, what does it need to fix first?",
    "I can't drop my rate, because it covers testing, but in exchange we could phase it.",
    "It's 40k.",
    "I understand. Our product is the best on the market.",
    "What would make this a win for you?",
    "Happy to look at it, we can manage the risk.",
    "It sounds like the last vendor really let you down. What happened?",
]


def _hold(pid: str, lines: list[str], call_id: str, seed: int = 1) -> str:
    path = transcripts_dir() / f"{call_id}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    call = make_call(get_persona(pid), ScriptedBackend(), path, seed=seed)
    call.header.id = call_id
    path.write_text(call.header.model_dump_json() + "\n")
    list(call.opening())
    for text in lines:
        if call.outcome.value != "continuing":
            break
        call.say(text)
        list(call.reply())
    call.end()
    return call_id


@pytest.mark.parametrize("seed", range(8))
def test_the_lowest_at_stake_turn_is_always_a_moment_and_low_skills_are_faulted(
    seed: int,
) -> None:
    rng = random.Random(seed)
    pid = SHIPPED[seed % len(SHIPPED)]
    view = load_view(_hold(pid, rng.sample(POOL, 5), f"rand-{seed}", seed))
    s = view.summary
    assert s is not None
    scored = [
        (turn_points(ev.skills[k].score), t.index)
        for t in view.turns
        if (ev := t.evaluation) is not None
        for k in SKILLS
        if ev.skills[k].at_stake and ev.skills[k].score is not None
    ]
    lowest = min(p for p, _ in scored)
    assert any(m.points <= lowest for m in s.moments)
    assert {i for p, i in scored if p == lowest} & {m.turn_index for m in s.moments}
    html, md = report_html(view), report_md(view)
    if any(v is not None and round(v) < LOW for v in s.skills.values()):
        assert any(m.fault for m in s.moments)
        for text in (html, md):
            assert "Well held" not in text and "Nothing fell below 50" not in text
        assert "Moments to redo" in html and "Moments to redo" in md


def test_the_scope_creeper_cave_is_a_moment_with_this_clients_example() -> None:
    # "Sure, fire away" invites the list of additions (an ack, no fault since round 17);
    # agreeing to all of them unseen is the cave.
    lines = ["Sure, fire away", "ok whatever, we can do all of it, no problem"]
    view = load_view(_hold("scope-creeper", lines, "creep"))
    assert view.summary is not None
    moments = {m.you_said: m for m in view.summary.moments}
    assert lines[1] in moments
    cave = moments[lines[1]]
    assert cave.client_said and cave.fault and cave.skill in ("boundary", "winwin")
    assert "the client's" in cave.cost
    assert "concern for you" not in cave.try_instead  # not the old generic empathy line


# (client line, trainee turn, skill, shown below 50?, a words the reason must say)
TABLE = [
    ("Can you do a free trial first?", "Sure, no problem, I'll do it for free.", "boundary", True, "accepted the demand"),
    ("Can you do a free trial first?", "I can't do unpaid work, because it protects quality, but I can offer a paid two-day sprint.", "boundary", False, "stated the limit"),
    ("Ten minutes. Give me your price.", "It's 40k.", "pacing", True, "before understanding"),
    ("Ten minutes. Give me your price.", "I hear you, ten minutes is tight. Before I give you a number, what does it need to fix first?", "pacing", False, "asked before acting"),
    ("I have three quotes on my desk. Yours is the highest.", "I understand. Our product is the best on the market.", "empathy", True, "stock words"),
    ("Ten percent off or we're done.", "That's ridiculous, take it or leave it.", "winwin", True, "zero-sum"),
    pytest.param(
        "We got burned by the last agency, they vanished.", "I understand, anyway here is our plan.", "pacing", True, "before understanding",
        # The learned pacing scorer reads a pitch after a concern (no pressure) as calm:
        # its training pairs put pacing under pressure. Known, documented in EVALUATOR.md.
        marks=pytest.mark.xfail(strict=True, reason="pitch after a concern scores high on pacing"),
    ),
]  # fmt: skip


@pytest.mark.parametrize(("client", "you", "skill", "low", "words"), TABLE)
def test_reasons_and_scores_agree_on_fixture_turns(
    client: str, you: str, skill: str, low: bool, words: str
) -> None:
    ev = default_referee().evaluate(you, [ContextTurn("partner", client)])
    for name in SKILLS:
        s = ev.skills[name]
        points, reason = turn_points(s.score), shown_reason(s)
        if points is None or s.rule_level is None:
            continue
        # A reason never praises what the number faults, nor faults what it praises.
        if reason in LEARNED_REASON.values():
            assert reason == LEARNED_REASON[(name, points >= LOW)], (name, points, reason)
        elif points < LOW:
            assert not praises(s) or reason.endswith(PARTLY), (name, points, reason)
        else:
            assert praises(s) or reason.endswith(LIFTED), (name, points, reason)
    s = ev.skills[skill]
    assert ((turn_points(s.score) or 0) < LOW) is low
    assert words in shown_reason(s)


def test_turn_numbers_agree_across_review_report_markdown_compare_and_moments() -> None:
    a = _hold("pit-bull", ["What would make this a win for you?", "Sure, no problem, I'll do it.", "It's 40k."], "num-a")  # fmt: skip
    b = _hold("pit-bull", ["What would make this a win for you?"], "num-b")
    view = load_view(a)
    numbers = trainee_numbers(view.turns)
    assert sorted(numbers.values()) == [1, 2, 3]
    review = callsim("review", a).stdout
    assert re.findall(r"Your turn (\d)", review)[:3] == ["1", "2", "3"]
    assert "turn 5" not in review.lower()
    html, md = report_html(view), report_md(view)
    assert re.findall(r"your turn (\d)</span>", html) == ["1", "2", "3"]
    assert re.findall(r"\(your turn (\d)\)", md) == ["1", "2", "3"]
    assert view.summary is not None
    for m in view.summary.moments:
        assert m.turn_no == numbers[m.turn_index]
        assert f"Your turn {m.turn_no}</b>" in html and f"**Your turn {m.turn_no}**" in md
    diff = callsim("compare", a, b).stdout
    assert set(re.findall(r"your turn (\d+)", diff)) <= {"1", "2", "3"}


def test_one_scale_in_score_and_toolbar(pit_bull: Persona) -> None:
    from simulator.repl.toolbar import LEGEND, status

    call = make_call(pit_bull, ScriptedBackend())
    list(call.opening())
    call.say("Sure, no problem, I'll do it for half price.")
    list(call.reply())
    title, wide = status(call, "coached", 75, 200)
    assert "your turn 2" in wide and "trust" in wide and "patience" in wide
    assert re.search(r"your turn 1: empathy (\d+|-) boundary \d+ pacing \d+ win-win \d+", wide)
    assert not re.search(r"\d\.\d", wide)  # no decimals anywhere
    title, narrow = status(call, "coached", 75, 80)
    assert len(title + narrow) <= 80 and "tru " in narrow and "bnd " in narrow
    assert all(k in LEGEND for k in ("tru", "pat", "int", "emp", "bnd", "pac", "w-w"))
    title, exam = status(call, "exam", 75, 80)
    assert "trust" not in exam and "tru " not in exam


@pytest.mark.parametrize("width", [80, 100, 120, 140, 160])
def test_the_toolbar_keeps_one_layout_and_its_clock_for_the_whole_call(
    pit_bull: Persona, width: int
) -> None:
    """Live trainees saw it switch between long and short words and lose the timer."""
    from simulator.repl.toolbar import status

    call = make_call(pit_bull, ScriptedBackend())
    list(call.opening())
    seen = [status(call, "coached", 5, width)[1]]
    for text in ["What matters most to you?", "I hear you. What would make this worth it?"]:
        call.say(text)
        list(call.reply())
        seen.append(status(call, "coached", 754, width)[1])
    has_clock = {bool(re.search(r"\b\d+:\d\d\b", line)) for line in seen}
    long_words = {"trust" in line for line in seen}
    assert has_clock == {True} and len(long_words) == 1, seen
    assert all(len(line) <= width for line in seen)


def test_personas_list_shows_what_a_newcomer_needs() -> None:
    out = callsim("personas", "list").stdout
    assert "?" not in out
    for pid in persona_paths():
        p = get_persona(pid)
        assert p.title in out and p.category in out
    assert "easy-hard" in out and "difficulty" in out


def test_indonesian_generic_advice_speaks_to_the_client_as_their_own_lines_do() -> None:
    # Live: "Saya mau terus terang... Bapak/Ibu..." suggested for a "kak", aku/kamu client.
    with lang_scope("id"):
        casual = generic("empathy", get_persona("boundary-tester", "id"))[0]
        formal = generic("empathy", get_persona("the-boss", "id"))[0]
    assert "Bapak/Ibu" not in casual and "kamu" in casual
    assert "Bapak/Ibu" not in formal and "Bapak" in formal


def test_a_giveaway_nobody_asked_for_gets_the_paid_option_not_a_refusal() -> None:
    # Live: "I want to be straight with you: that's not something I can do as asked" offered
    # for a free extra the client had never asked for.
    p = get_persona("golden-retriever")
    line = try_instead(p, Beat.PROBING, "boundary", "Sounds lovely!", 0, known="", unasked=True)
    assert "separate, paid option" in line
    asked = try_instead(p, Beat.PROBING, "boundary", "Can you add the logo?", 0, known="")
    assert "separate, paid option" not in asked


@pytest.mark.parametrize("pid", SHIPPED)
def test_a_statement_is_never_answered_as_a_request(pid: str) -> None:
    """Live round 22: 'Before I say yes to "You're being straight with me about the date"'
    quoted a remark as if it were a request."""
    persona = get_persona(pid)
    line = "You're being straight with me about the date, which I appreciate."
    for beat, skill, nth in itertools.product([None, *Beat], SKILLS, range(4)):
        said = try_instead(persona, beat, skill, line, nth, known=persona.opening_line)
        assert "Before I answer" not in said and "Before I say yes" not in said
