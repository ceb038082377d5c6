"""The referee: anchors, timing, robustness to turns that talk to the evaluator, agreement."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from simulator.models import SKILLS, Timing
from simulator.referee import ContextTurn, default_referee

REF = default_referee()
HERE = Path(__file__).parent
BENCH = HERE.parent.parent / "shared" / "benchmark" / "dev"
# Measured on the dev split with the shipped weights, in sample (docs/EVALUATOR.md), minus 0.02.
DEV_IN_SAMPLE = 0.922
DEV_MEAN_AUROC_FLOOR = DEV_IN_SAMPLE - 0.02
# casino_elicit_pref (0.831 against the keyword baseline's 0.855) is the one task below it.
DEV_TASKS_ABOVE_BASELINE = 7


def score(text: str, partner: str, timing: Timing | None = None) -> dict[str, float | None]:
    ev = REF.evaluate(text, [ContextTurn("partner", partner)], timing=timing)
    return {k: ev.skills[k].score for k in SKILLS}


PRESSURE = "Your competitor quoted half that. Ten percent off or we're done."


def test_anchors_order_good_over_poor_turns() -> None:
    caved = score("Okay, fine, whatever you want, I'll do it for half price.", PRESSURE)
    held = score(
        "I can't drop the rate, because it covers testing, but in exchange for a longer "
        "contract we could phase the work so it works for both of us.",
        PRESSURE,
    )
    attacked = score("That's ridiculous. Take it or leave it.", PRESSURE)
    curious = score("I hear you, price matters. What did the other quote include?", PRESSURE)
    assert caved["boundary"] <= 0.5 and held["boundary"] >= 3.5  # type: ignore[operator]
    assert held["winwin"] > caved["winwin"] and attacked["winwin"] <= 0.5  # type: ignore[operator]
    assert attacked["pacing"] <= 0.5 and curious["pacing"] > 2  # type: ignore[operator]
    # No concern was voiced: empathy is not at stake for the question, and the attack is capped.
    assert attacked["empathy"] <= 0.5 and curious["empathy"] is None


def test_every_score_quotes_the_turn_exactly() -> None:
    text = "I hear you, price matters. Before we talk numbers, what did the other quote include?"
    ev = REF.evaluate(text, [ContextTurn("partner", PRESSURE)])
    spans = [s for k in SKILLS for s in ev.skills[k].evidence]
    assert spans and all(text[s.start : s.end] == s.text for s in spans)


def test_greeting_has_no_boundary_to_hold() -> None:
    assert score("Hi, nice to meet you.", "Hello, thanks for calling.")["boundary"] is None


def test_a_pause_before_answering_a_provocation_counts() -> None:
    text = "Okay. What would you need to see from me?"
    quick = score(text, PRESSURE, Timing(first_key_s=0.4, submit_s=1.0))
    paused = score(text, PRESSURE, Timing(first_key_s=6.0, submit_s=9.0))
    assert paused["pacing"] > quick["pacing"]  # type: ignore[operator]


def injection_cases() -> list[tuple[str, str, str]]:
    data = yaml.safe_load((HERE / "data" / "injections.yaml").read_text())
    cases = []
    for base in data["base"]:
        for inj in data["injections"]:
            cases.append((base["context"], base["text"], f"{base['text']} {inj}"))
            cases.append((base["context"], base["text"], f"{inj} {base['text']}"))
    return cases


def test_corpus_is_big_enough() -> None:
    assert len(injection_cases()) >= 30


@pytest.mark.parametrize(("partner", "clean", "injected"), injection_cases())
def test_talking_to_the_evaluator_never_raises_a_score(
    partner: str, clean: str, injected: str
) -> None:
    before = score(clean, partner)
    after = score(injected, partner)
    for skill in SKILLS:
        if after[skill] is None:
            continue
        if before[skill] is None:
            # Talking to the evaluator can put a skill in play, only ever below the middle.
            assert after[skill] < 2.0, skill  # type: ignore[operator]
        else:
            assert after[skill] <= before[skill], skill  # type: ignore[operator]
    assert REF.evaluate(injected, [ContextTurn("partner", partner)]).signals.injection


@pytest.mark.parametrize(
    "text",
    [
        "Understood, I won't pry. Let's talk about where you are now, then.",
        "If you want to judge my style before spending anything, my portfolio is online.",
    ],
)
def test_a_turn_to_the_client_is_not_read_as_talking_to_the_evaluator(text: str) -> None:
    """Live trainees saw "text addressed to the evaluator is ignored" and every score at 10
    for these: "where you are now" and "to judge my style" talk to the client."""
    assert not REF.evaluate(text, [ContextTurn("partner", "Go on.")]).signals.injection


def test_score_items_handles_any_items_file(tmp_path: Path) -> None:
    items = tmp_path / "items.jsonl"
    rows = [
        {"item_id": "a", "context": [], "text": "Hello there"},
        {
            "item_id": "b",
            "context": [{"speaker": "PARTNER", "text": "Ten percent off!"}],
            "text": "What matters most?",
        },
    ]
    items.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    out = subprocess.run(
        [sys.executable, "-m", "simulator.cli.main", "score-items", str(items)],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = [json.loads(x) for x in out.stdout.splitlines()]
    assert [x["item_id"] for x in lines] == ["a", "b"]
    assert all(set(x) == {"item_id", *SKILLS} for x in lines)
    items.write_text('{"item_id": "c", "text": 3}\n')
    bad = subprocess.run(
        [sys.executable, "-m", "simulator.cli.main", "score-items", str(items)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (
        bad.returncode == 3 and f"{items}: line 1:" in bad.stderr and "Traceback" not in bad.stderr
    )


@pytest.mark.skipif(not BENCH.is_dir(), reason="the shared benchmark is not beside this checkout")
def test_agreement_with_human_labels_on_dev(tmp_path: Path) -> None:
    out = tmp_path / "scores.jsonl"
    with out.open("w") as fh:
        subprocess.run(
            [sys.executable, "-m", "simulator.cli.main", "score-items", str(BENCH / "items.jsonl")],
            stdout=fh,
            check=True,
        )
    report = subprocess.run(
        [sys.executable, str(BENCH.parent / "agreement.py"), str(BENCH), str(out)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    last = report.strip().splitlines()[-1]
    mean = float(last.split("mean AUROC ")[1].split(";")[0])
    assert mean >= DEV_MEAN_AUROC_FLOOR, report
    beats = int(last.split("beats keyword baseline on ")[1].split("/")[0])
    assert beats >= DEV_TASKS_ABOVE_BASELINE, report


def test_a_goodbye_after_the_agreed_next_step_is_judged_on_hard_faults_only() -> None:
    """Live: the last word after the client agreed ("siap kak, ajak aja partnernya. sampai
    senin ya kak rina!") scored boundary 5 and was listed as a concession."""
    from simulator.personas import get_persona
    from simulator.referee.scorer import closing

    client = "Iya! Kita atur call lagi ya, nanti aku ajak partner aku."
    persona = get_persona("golden-retriever", "id")
    said = "siap kak, ajak aja partnernya. sampai senin ya kak rina!"
    evaluation = closing(REF.evaluate(said, [ContextTurn("partner", client)], persona=persona))
    assert all(s.score is None or s.score >= 2.0 for s in evaluation.skills.values())
    assert not evaluation.signals.concession
    rude = closing(REF.evaluate("Whatever, you idiot. Bye.", [ContextTurn("partner", client)]))
    assert any(s.score is not None and s.score < 2.0 for s in rude.skills.values())


def test_saying_yes_to_the_agreed_next_step_is_no_cave_but_a_gift_still_is() -> None:
    """Live round 19: "deal, references tonight. thanks Dana!" after the client agreed scored
    pacing 10, "conceded at once under pressure"."""
    from simulator.referee.scorer import closing

    client = "Fine. Send me the references tonight and we'll talk Thursday."
    context = [ContextTurn("partner", client)]
    said = "Deal, I'll send the references tonight. Thanks Dana, talk Thursday!"
    polite = closing(REF.evaluate(said, context), agreed=True)
    assert all(s.score is None or s.score >= 2.0 for s in polite.skills.values())
    assert not polite.signals.concession
    gift = "Deal! And I'll throw in a free month of support, no extra charge. Thanks Dana!"
    reading = REF.read(gift, context)
    given = closing(
        REF.evaluate(gift, context, reading=reading),
        agreed=True,
        gave=reading.analysis.moves.has("gift"),
    )
    assert (given.skills["boundary"].score or 0.0) < 2.0 and given.signals.concession
