"""The referee reads what a turn does against the client's demand: caves, limits, trades."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from simulator.models import SKILLS
from simulator.referee import ContextTurn, default_referee

REF = default_referee()
SALES_DEV = Path(__file__).resolve().parents[2] / "shared" / "benchmark" / "sales_dev"
# Measured with the shipped weights (docs/EVALUATOR.md), minus 0.02.
SALES_PAIRWISE_FLOOR = 0.982 - 0.02
SKILL_FLOOR = 0.85
# Notes that say the worse reply gives the demand away.
CAVE_NOTE = re.compile(
    r"\bcaves?\b|gives? (?:away|in|up|both)|soft yes|removes the|drops the limit|over-commits|"
    r"over-promises|releases the work|unlimited access|unpaid work|free advice|giveaway",
    re.IGNORECASE,
)


def evaluate(text: str, client: str) -> dict[str, float | None]:
    ev = REF.evaluate(text, [ContextTurn("partner", client)])
    return {k: ev.skills[k].score for k in SKILLS}


def low(score: float | None) -> float:
    return -1.0 if score is None else score


def pairs() -> list[dict[str, object]]:
    path = SALES_DEV / "pairs.jsonl"
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def pair_scores(p: dict[str, object]) -> tuple[float, float]:
    ctx = [
        ContextTurn("self" if t["speaker"] == "SELF" else "partner", t["text"])
        for t in p["context"]  # type: ignore[attr-defined]
    ]
    skill = str(p["skill"])
    better = REF.evaluate(str(p["better"]), ctx).skills[skill].score
    worse = REF.evaluate(str(p["worse"]), ctx).skills[skill].score
    return low(better), low(worse)


@pytest.mark.skipif(
    not SALES_DEV.is_dir(), reason="the shared benchmark is not beside this checkout"
)
def test_sales_pairs_rank_the_better_reply_higher() -> None:
    won: dict[str, list[float]] = {}
    for p in pairs():
        better, worse = pair_scores(p)
        won.setdefault(str(p["skill"]), []).append(
            1.0 if better > worse else 0.5 if better == worse else 0.0
        )
    overall = sum(sum(v) for v in won.values()) / sum(len(v) for v in won.values())
    per_skill = {k: sum(v) / len(v) for k, v in won.items()}
    assert overall >= SALES_PAIRWISE_FLOOR, per_skill
    assert all(v >= SKILL_FLOOR for v in per_skill.values()), per_skill


@pytest.mark.skipif(
    not SALES_DEV.is_dir(), reason="the shared benchmark is not beside this checkout"
)
def test_every_cave_scores_below_the_reply_that_holds() -> None:
    caves = [p for p in pairs() if p["skill"] == "boundary" and CAVE_NOTE.search(str(p["note"]))]
    assert len(caves) >= 20
    lost = [p["pair_id"] for p in caves if pair_scores(p)[0] <= pair_scores(p)[1]]
    assert not lost


OURS = Path(__file__).parent / "data" / "sales_pairs_ours.jsonl"
# Our own pairs, written blind to the code (docs/EVALUATOR.md): measured 0.971, minus 0.02.
OURS_FLOOR = 0.971 - 0.02


def test_our_own_sales_pairs_hold() -> None:
    rows = [json.loads(line) for line in OURS.open(encoding="utf-8")]
    assert len(rows) == 280
    won = [pair_scores(p) for p in rows]
    accuracy = sum(1.0 if b > w else 0.5 if b == w else 0.0 for b, w in won) / len(won)
    assert accuracy >= OURS_FLOOR


PRICE = "Your competitor is twenty percent cheaper. Match it or we walk."


@pytest.mark.parametrize(
    "cave",
    [
        "Of course! Twenty percent off, no problem, let's get started.",
        "Fine, I'll match it. I really want this project.",
        "Sure thing, whatever works for you.",
    ],
)
def test_a_warm_cave_scores_below_a_plain_limit(cave: str) -> None:
    held = evaluate(
        "I can't match that, because their quote leaves out testing. If you can sign for a "
        "year, I can take five percent off.",
        PRICE,
    )
    caved = evaluate(cave, PRICE)
    assert low(caved["boundary"]) < 1.0 <= 3.0 <= low(held["boundary"])
    assert low(caved["winwin"]) < low(held["winwin"])
    assert low(caved["pacing"]) < 1.0


def test_a_quiet_promise_that_answers_the_demand_is_a_cave() -> None:
    client = "I need the deck by Monday morning. Yes, it's Friday night."
    promised = evaluate("Leave it with me, I'll have the deck to you first thing Monday.", client)
    held = evaluate(
        "I'm offline this weekend, so Monday morning won't work. I can have it to you by "
        "Tuesday noon, or Monday at my weekend rate.",
        client,
    )
    assert low(promised["boundary"]) < 1.0 and low(held["boundary"]) >= 3.0


def test_yes_with_terms_in_the_same_breath_is_a_trade_not_a_cave() -> None:
    client = "Can you hold this price for twelve months?"
    traded = REF.evaluate(
        "Sure. If you commit to quarterly orders, I can hold it for the year.",
        [ContextTurn("partner", client)],
    )
    assert traded.skills["winwin"].score is not None and traded.skills["winwin"].score >= 3.0
    assert not traded.signals.concession


def test_a_rude_refusal_is_low_on_boundary_and_empathy() -> None:
    client = "Knock thirty percent off or I walk."
    rude = evaluate("Then walk. That's my price, take it or leave it.", client)
    kind = evaluate(
        "I can't do thirty, because the margin isn't there. Drop the extras and I can get "
        "you fifteen under.",
        client,
    )
    assert low(rude["boundary"]) < 1.0 and low(rude["empathy"]) < 1.0
    assert low(kind["boundary"]) >= 3.5


def test_stock_words_before_a_rebuttal_are_not_empathy() -> None:
    client = (
        "Every contractor pads their quotes. I know there's twenty percent in there for nothing."
    )
    stock = evaluate(
        "I hear you, but our pricing is completely transparent. Shall we go ahead?", client
    )
    sincere = evaluate(
        "So you've been padded before, and it cost you. Fair enough to be suspicious of the "
        "next quote. What happened last time?",
        client,
    )
    assert low(stock["empathy"]) <= 1.5 < 3.0 <= low(sincere["empathy"])


def test_a_pushy_close_is_not_pacing_and_a_question_first_is() -> None:
    client = "This all sounds good. I just need to think about it."
    push = evaluate(
        "Totally fair. So if I send the contract now, could you sign it by Friday?", client
    )
    calm = evaluate("Of course. What's the main thing you want to think through?", client)
    assert low(push["pacing"]) < 2.0 < 3.0 <= low(calm["pacing"])


def test_one_sided_terms_dressed_as_win_win_score_low() -> None:
    client = "We want sixty days to pay."
    fake = evaluate(
        "As partners, we'd need you to meet us at thirty days so it works for both of us.", client
    )
    trade = evaluate(
        "Sixty days works with a bigger first order; that gives me the margin to carry it.", client
    )
    assert low(fake["winwin"]) < 2.0 < 2.5 < low(trade["winwin"])


def test_signals_come_from_the_moves_not_the_words() -> None:
    demand = [ContextTurn("partner", "Can you add the extra pages for free?")]
    held = REF.evaluate("I can't cut the price or add extra scope for free.", demand).signals
    assert not held.concession and held.refusal
    caved = REF.evaluate("Sure, no problem, I'll add them for free.", demand).signals
    assert caved.concession and not caved.refusal
    budget = [ContextTurn("partner", "We want to get this moving.")]
    asked = REF.evaluate("Can I ask what budget you've set aside?", budget).signals
    assert not asked.asks_next_step and (asked.open_question or asked.closed_question)


def test_evidence_is_what_decided_the_score() -> None:
    text = "Of course! Twenty percent off, no problem."
    ev = REF.evaluate(text, [ContextTurn("partner", PRICE)])
    boundary = ev.skills["boundary"]
    assert boundary.strength == "hard" and "without a limit" in boundary.reason
    assert boundary.evidence and all(text[s.start : s.end] == s.text for s in boundary.evidence)


def test_the_referee_loads_no_model_at_import() -> None:
    import subprocess

    code = (
        "import sys, simulator.referee, simulator.referee.scorer;"
        "print('wordllama' in sys.modules, 'llama_cpp' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_yes_to_can_you_build_it_gives_nothing_away() -> None:
    # Live: the Pit Bull heard "You caved before I even pushed" after this answer.
    client = "Milestones, fine. But can you build it or not? Yes or no."
    said = REF.evaluate(
        "Yes. Built two fleet trackers last year. The milestones prove it.",
        [ContextTurn("partner", client)],
    )
    assert not said.signals.concession
    # ...while a yes to a request for ground is still a cave.
    caved = REF.evaluate(
        "Yes, fine, I'll do it for less.", [ContextTurn("partner", "Can you do it for less?")]
    )
    assert caved.signals.concession
