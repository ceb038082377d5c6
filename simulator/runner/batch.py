"""Run many scenarios concurrently, keep finished results for --resume, compare pairs."""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from simulator.config import Settings, data_dir
from simulator.errors import CallsimError, DataError
from simulator.i18n import _
from simulator.locks import exclusive
from simulator.runner.run import (
    ScenarioResult,
    error_result,
    exact,
    run_key,
    run_scenario,
)
from simulator.safe_files import NoSuchFile, parse_json, read_bytes
from simulator.scenarios import Scenario, load_scenario

# A finished run's record is about 1 KB; a million runs is not a batch this resumes.
MAX_STATE_BYTES = 64 * 1024 * 1024


@dataclass
class Batch:
    """What a run was asked to do, and what it found."""

    scenarios: list[tuple[Scenario, str]] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    results: list[ScenarioResult] = field(default_factory=list)
    skipped: int = 0
    interrupted: bool = False


def load_all(files: list[Path]) -> Batch:
    """Load every scenario; broken files are listed and the rest still run."""
    batch = Batch()
    for path in files:
        if not path.exists():  # a dangling or looping link found in a folder
            broken = _("{path}: not a readable file (a broken or looping link?)")
            batch.broken.append(broken.format(path=path))
            continue
        try:
            batch.scenarios.append((load_scenario(path), str(path)))
        except DataError as exc:
            batch.broken.extend(exc.problems)
    return batch


def state_file(files: list[Path], settings: Settings, seed: int, repeat: int) -> Path:
    """Where a batch records finished runs, keyed by what was asked."""
    ask = json.dumps(
        [sorted(str(f) for f in files), settings.backend, settings.model, seed, repeat]
    )
    return data_dir() / "runs" / f"{hashlib.sha1(ask.encode()).hexdigest()[:12]}.jsonl"


def read_finished(path: Path) -> dict[str, ScenarioResult]:
    """Results a previous, interrupted batch already finished."""
    done: dict[str, ScenarioResult] = {}
    try:
        data = read_bytes(path, MAX_STATE_BYTES)
    except NoSuchFile:
        return done
    for raw in data.splitlines():
        try:
            result = ScenarioResult(**parse_json(raw.decode("utf-8")))
        except (ValueError, TypeError):
            continue  # a half-written last line after an interrupt: that run is redone
        done[result.key] = result
    return done


async def run_batch(
    batch: Batch,
    settings: Settings,
    *,
    jobs: int,
    repeat: int,
    seed: int,
    state: Path,
    resume: bool,
    on_done: Callable[[ScenarioResult], None],
) -> None:
    """Run every (scenario, repeat) bounded by `jobs`; each finished one is recorded at once."""
    busy = _(
        "another `callsim run` with the same scenarios and settings is running "
        "(it owns {name}); wait for it or change --seed"
    ).format(name=state.name)
    with exclusive(state.with_suffix(".lock"), busy):
        await _run_locked(batch, settings, jobs, repeat, seed, state, resume, on_done)


async def _run_locked(
    batch: Batch,
    settings: Settings,
    jobs: int,
    repeat: int,
    seed: int,
    state: Path,
    resume: bool,
    on_done: Callable[[ScenarioResult], None],
) -> None:
    finished = read_finished(state) if resume else {}
    if not resume and state.exists():
        state.unlink()
    state.parent.mkdir(parents=True, exist_ok=True)
    gate = asyncio.Semaphore(jobs)
    lock = asyncio.Lock()

    async def one(scenario: Scenario, file: str, rep: int) -> None:
        key = run_key(scenario, rep, seed, settings.backend)
        if key in finished:
            batch.results.append(finished[key])
            batch.skipped += 1
            on_done(finished[key])
            return
        async with gate:
            try:
                result = await asyncio.to_thread(run_scenario, scenario, file, settings, seed, rep)
            except CallsimError as exc:  # one run that cannot be held must not stop the batch
                result = error_result(scenario, file, settings, seed, rep, str(exc))
        async with lock:
            with state.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(result.to_json()) + "\n")
            batch.results.append(result)
            on_done(result)

    tasks = [
        asyncio.create_task(one(s, f, rep)) for s, f in batch.scenarios for rep in range(repeat)
    ]
    try:
        await asyncio.gather(*tasks)
    except asyncio.CancelledError:
        batch.interrupted = True
        for t in tasks:
            t.cancel()
        raise


def check_pairs(results: list[ScenarioResult]) -> None:
    """In each good-rep/bad-rep pair, the good rep must outscore the bad on every target skill."""
    by_id: dict[str, list[ScenarioResult]] = {}
    for r in results:
        by_id.setdefault(r.scenario, []).append(r)
    for good in results:
        if good.role != "good-rep" or not good.pair or good.pair not in by_id:
            continue
        for bad in by_id[good.pair]:
            # A run that errored has no model behaviour to compare.
            if bad.repeat != good.repeat or "error" in (good.status, bad.status):
                continue
            for skill in good.targets:
                g, b = good.skills.get(skill), bad.skills.get(skill)
                if g is None or b is None or g <= b:
                    why = (
                        f"pair: {skill} {exact(g)} (good rep) not above {exact(b)} ({bad.scenario})"
                    )
                    for r in (good, bad):
                        r.failures.append(why)
                        r.passed = False
                        r.status = "fail"
