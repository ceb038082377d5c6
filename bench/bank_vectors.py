"""Write the shipped personas' answer keys as e5 vectors (simulator/data/bank_vectors.npz).

    python bench/bank_vectors.py            # write the store
    python bench/bank_vectors.py --check    # the floor's figures: held-out phrasings kept,
                                            # off-topic questions kept, nearest line right

A call then starts without encoding its bank (about 200 keys, 2 s). tests/test_bank.py
fails when a shipped key is missing, so the store cannot go stale unnoticed. --check keys
each line by its example and two phrasings and asks with the third, held out; off-topic
questions are the "other" turns of bench/data/topic_questions_train*.jsonl.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np

from simulator.engine.meaning import FLOOR, AnswerIndex, keys_of
from simulator.engine.selection import Bank
from simulator.personas import get_persona, persona_paths
from simulator.referee import encoder, labelled
from simulator.referee.vector_store import PASSAGE, STORE, key_id
from simulator.vocabulary import LANGS

ROOT = Path(__file__).resolve().parent.parent


def write() -> None:
    """Encode every key of every shipped persona's answer lines (the labelled live questions
    among them) and every such line as an answer, and save them."""
    keys: set[str] = set()
    lines: set[str] = set()
    for lang in LANGS:
        for pid in persona_paths(lang):
            entries = Bank(get_persona(pid, lang)).meaning.entries
            keys.update(k for e in entries for k in keys_of(e))
            lines.update(e.say for e in entries)
            lines.update(f.reveal_line for f in get_persona(pid, lang).hidden_facts)
            keys.update(q for qs in labelled.line_questions(lang, pid).values() for q in qs)
            keys.update(q for qs in labelled.fact_questions(lang, pid).values() for q in qs)
    ordered, says = sorted(keys), sorted(lines)
    rows = np.concatenate(
        [np.stack(encoder.queries(ordered)), np.stack(encoder.passages(says))]
    ).astype(np.float16)
    ids = [key_id(k) for k in ordered] + [key_id(PASSAGE + s) for s in says]
    path = ROOT / "simulator" / "data" / STORE
    np.savez_compressed(path, ids=np.array(ids), vectors=rows)
    print(f"wrote {path} ({len(ids)} vectors, {path.stat().st_size // 1024} KB)")


def check() -> None:
    """How the floor splits held-out phrasings from off-topic questions."""
    others = [
        json.loads(line)["text"]
        for f in sorted((ROOT / "bench" / "data").glob("topic_questions_train*.jsonl"))
        for line in f.read_text().splitlines()
        if line.strip() and json.loads(line)["topic"] == "other"
    ]
    rng = random.Random(1)
    kept, nearest, total, off = 0, 0, 0, []
    for pid in sorted(persona_paths()):
        entries = [e for e in Bank(get_persona(pid)).meaning.entries if len(e.asks) >= 3]
        index = AnswerIndex([e.model_copy(update={"asks": e.asks[:2]}) for e in entries])
        for e in entries:
            q = encoder.query(e.asks[2])
            scores = [index.likeness(q, x) or 0.0 for x in index.entries]
            mine = scores[[x.say for x in index.entries].index(e.say)]
            kept += mine >= FLOOR
            nearest += mine == max(scores)
            total += 1
        for text in rng.sample(others, 15):
            q = encoder.query(text)
            off.append(max(index.likeness(q, x) or 0.0 for x in index.entries))
    print(
        f"floor {FLOOR}: held-out phrasings kept {kept / total:.2f}, nearest is their line "
        f"{nearest / total:.2f} ({total}); off-topic questions kept "
        f"{np.mean(np.array(off) >= FLOOR):.2f} ({len(off)})"
    )


def main() -> int:
    """Write the store, or report the floor's figures."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    if ap.parse_args().check:
        check()
    else:
        write()
    return 0


if __name__ == "__main__":
    sys.exit(main())
