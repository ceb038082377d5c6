"""How well the referee reads what a trainee's question asks about (labelled questions).

    python bench/topic_check.py [FILE.jsonl ...]

Each line: {"text": a whole trainee turn, "topic": a topic id or "none"}. Prints accuracy,
how often a topic is given to a turn labelled none (the costly error: the client answers
what nobody asked), and the misses. Defaults to tests/data/topic_questions_*.jsonl.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from simulator.referee.features import analyse, asked_topics, main_topic

ROOT = Path(__file__).resolve().parent.parent


def read(path: Path) -> tuple[int, int, int, list[str]]:
    """(right, wrong topic, topic given to a none, the misses) for one file."""
    right = wrong = false_topic = 0
    misses = []
    for line in path.read_text().splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        a = analyse(item["text"], [])
        got = main_topic(asked_topics(a))
        label = got.value if got else "none"
        if label == item["topic"] or (label == "none" and item["topic"] == "other"):
            right += 1
            continue
        if item["topic"] in ("none", "other"):
            false_topic += 1
        else:
            wrong += 1
        misses.append(f"  want {item['topic']:<9} got {label:<9} {item['text']}")
    return right, wrong, false_topic, misses


def main(argv: list[str]) -> int:
    """Print the figures per file."""
    paths = [Path(a) for a in argv] or sorted(
        (ROOT / "tests" / "data").glob("topic_questions_*.jsonl")
    )
    for path in paths:
        right, wrong, false_topic, misses = read(path)
        total = max(1, right + wrong + false_topic)
        print(
            f"{path.name}: accuracy {right / total:.3f} ({right}/{total}); "
            f"wrong topic {wrong}, topic for a no-topic turn {false_topic}"
        )
        labels = Counter(json.loads(x)["topic"] for x in path.read_text().splitlines() if x.strip())
        print("  per label:", dict(sorted(labels.items())))
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
