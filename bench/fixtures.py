"""Fixture transcripts for screenshots and tests: N practice calls over weeks, a few batch runs.

Scores are synthetic (a trainee who slowly improves, with noise and bad days) so a chart's
shape is known; every record is a real transcript record, read back by the real code.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from simulator.models import (
    SKILLS,
    CallHeader,
    PersonaState,
    Signals,
    SkillScore,
    Turn,
    TurnEvaluation,
)
from simulator.personas import get_persona
from simulator.vocabulary import Beat, Difficulty, Outcome

PERSONAS = ["pit-bull", "scope-creeper", "zero-sum-haggler", "golden-retriever", "burned-before"]
LINES = [
    "Before I give you a number, what does this need to fix first?",
    "I can't drop the rate, because it covers testing, but we could phase it.",
    "Sure, no problem, I'll add it.",
    "It sounds like the last vendor let you down. What happened?",
]
DAY = 86_400.0


def _skill(level: float) -> SkillScore:
    good = level >= 2.0
    return SkillScore(
        score=round(level, 3),
        reason="slowed down and asked before acting" if good else "conceded at once under pressure",
        strength="soft" if good else "hard",
        at_stake=True,
        rule_level=round(level * 2) / 2,
    )


def write_calls(
    folder: Path, n: int, *, runs: int = 2, seed: int = 7, start: float = 1_790_000_000.0
) -> list[str]:
    """Write `n` practice calls (and `runs` batch runs) into `folder`; returns the practice ids."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    ids = []
    span = max(7.0, n / 3) * DAY  # about three calls a day, at least a week
    for i in range(n + runs):
        practice = i < n
        progress = i / max(1, n - 1) if practice else 0.5
        when = start + (span * i / max(1, n) if practice else span / 2 + i)
        persona = get_persona(PERSONAS[i % len(PERSONAS)])
        cid = f"{'fx' if practice else 'run-fx'}-{i:04d}"
        header = CallHeader(
            id=cid,
            persona=persona.id,
            difficulty=Difficulty.NORMAL,
            backend="scripted",
            model="none",
            seed=i,
            started_at=when,
            kind="practice" if practice else "run",
            scenario=None if practice else f"{persona.id}-good-rep",
            trainee="Ana" if practice else None,
        )
        records: list[str] = [header.model_dump_json()]
        t = when
        opening = Turn(index=0, speaker="persona", text=persona.opening_line, started_at=t,
                       ended_at=t + 2, beat=Beat.OPENING)  # fmt: skip
        records.append(opening.model_dump_json())
        state = persona.setting(Difficulty.NORMAL).start
        for k in range(1, 5):
            base = 1.0 + 2.2 * progress + (0.8 if i % 9 == 0 else 0) - (1.0 if i % 11 == 5 else 0)
            skills = {s: _skill(min(4.0, max(0.0, base + rng.uniform(-0.9, 0.9)))) for s in SKILLS}
            after = PersonaState(trust=min(100, state.trust + 2 * k), patience=state.patience,
                                 interest=state.interest)  # fmt: skip
            t += 20
            you = Turn(index=2 * k - 1, speaker="trainee", text=LINES[(i + k) % len(LINES)],
                       started_at=t, ended_at=t + 5, state_after=after,
                       evaluation=TurnEvaluation(signals=Signals(), skills=skills))  # fmt: skip
            # Bank lines may be tagged records (BankLine); the fixture needs only the words.
            bank = persona.lines.probing[k % len(persona.lines.probing)]
            line = bank if isinstance(bank, str) else bank.say
            client = Turn(index=2 * k, speaker="persona", text=line, started_at=t + 6,
                          ended_at=t + 8, beat=Beat.PROBING)  # fmt: skip
            records += [you.model_dump_json(), client.model_dump_json()]
        end = {"type": "end", "outcome": Outcome.TRAINEE_ENDED.value, "at": t + 10}
        records.append(json.dumps(end))
        (folder / f"{cid}.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
        if practice:
            ids.append(cid)
    return ids
