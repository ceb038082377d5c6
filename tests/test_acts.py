"""What a whole turn does, read by the trained act reader the client's hearing trusts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.errors import DataError
from simulator.referee import acts, softmax

DATA = Path(__file__).parent / "data"


def _sure_and_right(name: str) -> tuple[float, float]:
    """(share of turns the reader is sure of, share of those it reads right)."""
    rows = [json.loads(x) for x in (DATA / name).read_text().splitlines() if x.strip()]
    sure = right = 0
    for row in rows:
        act, _ = acts.reading(row["text"])
        if act is not None:
            sure += 1
            right += act == row["act"]
    return sure / len(rows), right / max(1, sure)


def test_the_act_reader_is_right_when_sure_on_turns_it_was_not_trained_on() -> None:
    # Written by a helper who saw neither the training turns nor the reader; holdout after
    # dev, never used to choose a setting (measured: dev sure of 0.97, right on 0.94 of
    # those; holdout 0.87 and 0.92).
    dev_sure, dev_right = _sure_and_right("turn_acts_dev.jsonl")
    holdout_sure, holdout_right = _sure_and_right("turn_acts_holdout.jsonl")
    assert dev_sure >= 0.85 and dev_right >= 0.9
    assert holdout_sure >= 0.75 and holdout_right >= 0.85


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("Can you hear me okay? The line keeps dropping.", "logistics"),
        ("So the real issue is the double entry, not the software itself. Fair?", "check"),
        ("Sorry, you cut out there. Could you say that last bit again?", "repeat"),
        ("Most builds like this come in between eight and twelve thousand.", "price"),
        ("Lovely to meet you! Did you have a good weekend?", "small_talk"),
    ],
)
def test_turns_a_client_must_interpret_are_read(text: str, act: str) -> None:
    assert acts.reading(text)[0] == act


def test_damaged_weights_are_a_one_line_data_error(tmp_path: Path) -> None:
    path = tmp_path / "act_weights.json"
    path.write_text('{"classes": ["question", "teapot"], "sparse": {}, "dense": [], "bias": []}')
    with pytest.raises(DataError, match=r"act_weights\.json: not a reader's weights .*teapot"):
        softmax.load(path, acts.features, acts.ACTS, "bench/train_acts.py")


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ('"sparse": {"w:hi": [1.0]}', "'w:hi' has 1 weights for 2 classes"),
        ('"sparse": {"w:hi": [1.0, NaN]}', "not a finite number"),
    ],
)
def test_weights_that_would_fail_mid_call_fail_on_load(
    tmp_path: Path, body: str, error: str
) -> None:
    dense = [[0.0] * 256, [0.0] * 256]
    path = tmp_path / "act_weights.json"
    path.write_text(
        f'{{"classes": ["question", "check"], {body}, "dense": {dense}, "bias": [0.0, 0.0]}}'
    )
    with pytest.raises(DataError, match=error):
        softmax.load(path, acts.features, acts.ACTS, "bench/train_acts.py")
