"""A blind rating round of client lines: transcripts for a rater, then the rater's figures.

    python bench/blind_rating.py calls SCRIPT.txt [SCRIPT2.txt ...] --out DIR [--backend local]
    python bench/blind_rating.py summary DIR/ratings_*.jsonl

`calls` sends each trainee script (one turn per line, written by someone who has not seen
the banks) through all 13 personas with `callsim practice --plain` in a scratch
CALLSIM_HOME, and writes DIR/for_rater.md: each call's dialogue under a header with the
client's one-line description, nothing else. Give only that file to a rater (a helper who
has not seen the code) with the 0-2 scales in docs/PERSONAS.md, asking for a JSON line per
client line with "script", "client", "turn", "character", "coherent", "natural".
`live` does the same for calls people held in a real terminal (the issue-20 protocol: a
trainee who sees only the screen answers each client line; several styles, non-native
English among them): it reads every transcript under CALLSIM_HOME DIR/transcripts, labels
each call with the trainee's name (--trainee, or DIR/trainees.json {"call id": "name"})
and writes the same for_rater.md plus zeros and the share of lines at 0 in `summary`.
`summary` prints the means overall, per script and per trainee turn, and the zeros.
bench/data/rating_scripts/ holds the scripts of the rounds in docs/PERSONAS.md: they have
been read while fixing the clients, so a new round needs fresh ones.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from statistics import mean

from simulator.personas import get_persona, persona_paths

LINE = re.compile(r"^(You|[A-Z][a-z]+): ")


def calls(scripts: list[Path], out: Path, backend: str, seed: int) -> None:
    """Run every script against every persona and write the rater's file."""
    out.mkdir(parents=True, exist_ok=True)
    sections = []
    with tempfile.TemporaryDirectory() as home:
        for n, script in enumerate(scripts):
            turns = script.read_text(encoding="utf-8").strip()
            for pid in sorted(persona_paths()):
                persona = get_persona(pid)
                proc = subprocess.run(
                    [
                        *(sys.executable, "-m", "simulator", "practice", "--persona", pid),
                        *("--backend", backend, "--seed", str(seed + n), "--plain"),
                    ],
                    input=turns + "\n/end\n",
                    capture_output=True,
                    text=True,
                    env={"CALLSIM_HOME": home, "PATH": "/usr/bin:/bin"},
                    timeout=900,
                )
                lines = proc.stdout.splitlines()
                dialogue = [
                    x
                    for x in lines[1:]
                    if LINE.match(x) and not x.startswith(("You: /", "Brief:", "Type "))
                ]
                sections.append(
                    f"## Call {len(sections) + 1}: {lines[0] if lines else pid} "
                    f"(script {script.stem})\nClient: {persona.summary} "
                    f"Speaks: {persona.speaking_style}\n" + "\n".join(dialogue)
                )
    (out / "for_rater.md").write_text("\n\n".join(sections) + "\n", encoding="utf-8")
    print(f"wrote {out / 'for_rater.md'} ({len(sections)} calls)")


def live(home: Path, out: Path) -> None:
    """Write the rater's file from calls held live under the CALLSIM_HOME `home`."""
    from simulator.transcript import read_transcript

    names_file = home / "trainees.json"
    names = json.loads(names_file.read_text()) if names_file.exists() else {}
    sections = []
    for path in sorted((home / "transcripts").glob("*.jsonl")):
        tr = read_transcript(path)
        persona = get_persona(tr.header.persona, tr.header.lang)
        first = persona.identity.name.split()[0]
        dialogue = [f"{'You' if t.speaker == 'trainee' else first}: {t.text}" for t in tr.turns]
        if len(dialogue) < 3:
            continue  # a call abandoned at the start has no client line to rate
        sections.append(
            f"## Call {len(sections) + 1}: {persona.title} "
            f"(script {names.get(tr.id, tr.header.trainee or 'live')})\nClient: {persona.summary} "
            f"Speaks: {persona.speaking_style}\n" + "\n".join(dialogue)
        )
    out.mkdir(parents=True, exist_ok=True)
    (out / "for_rater.md").write_text("\n\n".join(sections) + "\n", encoding="utf-8")
    print(f"wrote {out / 'for_rater.md'} ({len(sections)} calls)")


def summary(files: list[Path]) -> None:
    """Print each rater's means, per script and per trainee turn, and the zeros."""
    for path in files:
        rows = [json.loads(x) for x in path.read_text().splitlines() if x.strip()]
        print(f"{path}: {len(rows)} lines")
        for scale in ("character", "coherent", "natural"):
            print(f"  {scale:9} {mean(r[scale] for r in rows):.2f}")
        by_script: dict[str, list[int]] = defaultdict(list)
        by_turn: dict[tuple[str, int], list[int]] = defaultdict(list)
        for r in rows:
            by_script[r["script"]].append(r["coherent"])
            by_turn[(r["script"], r["turn"])].append(r["coherent"])
        for script, values in sorted(by_script.items()):
            print(f"  coherent, script {script}: {mean(values):.2f}")
        worst = sorted(by_turn.items(), key=lambda kv: mean(kv[1]))[:5]
        print("  weakest turns:", ", ".join(f"{s}{t} {mean(v):.2f}" for (s, t), v in worst))
        zeros = sum(r["coherent"] == 0 for r in rows)
        print(f"  coherent zeros: {zeros} ({zeros / max(1, len(rows)):.1%} of lines)")


def main() -> int:
    """Run one of the two steps."""
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="step", required=True)
    run = sub.add_parser("calls")
    run.add_argument("scripts", nargs="+", type=Path)
    run.add_argument("--out", type=Path, required=True)
    run.add_argument("--backend", default="local")
    run.add_argument("--seed", type=int, default=41)
    held = sub.add_parser("live")
    held.add_argument("home", type=Path)
    held.add_argument("--out", type=Path, required=True)
    done = sub.add_parser("summary")
    done.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    if args.step == "calls":
        calls(args.scripts, args.out, args.backend, args.seed)
    elif args.step == "live":
        live(args.home, args.out)
    else:
        summary(args.files)
    return 0


if __name__ == "__main__":
    sys.exit(main())
