"""Shared fixtures: every test gets its own data and config dirs, and no network."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.backends.fake import FakeBackend
from simulator.engine.call import Call
from simulator.models import CallHeader, Persona
from simulator.personas import get_persona
from simulator.referee import default_referee
from simulator.transcript import TranscriptWriter
from simulator.vocabulary import Difficulty

ROOT = Path(__file__).resolve().parent.parent
BREEDS = {"pit-bull", "golden-retriever", "poodle", "chihuahua", "basset-hound"}
DIFFICULT = {
    "boundary-tester",
    "scope-creeper",
    "the-boss",
    "the-ghost",
    "zero-sum-haggler",
    "burned-before",
    "free-work-seeker",
}


def callsim(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run the real command line in a subprocess (the test's environment applies)."""
    return subprocess.run(
        [sys.executable, "-m", "simulator.cli.main", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """CALLSIM_HOME and the config dir point into tmp_path; no CALLSIM_* leaks in."""
    import os

    for key in list(os.environ):
        if key.startswith("CALLSIM_"):
            monkeypatch.delenv(key)
    home = tmp_path / "home"
    monkeypatch.setenv("CALLSIM_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    # An Indonesian locale on the machine would make every screen Indonesian (the default
    # language follows it); tests choose their language themselves.
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(key, "").lower().startswith("id"):
            monkeypatch.setenv(key, "C.UTF-8")
    yield home
    from simulator.i18n import use_lang

    use_lang("en")  # a test that switched language in-process leaves English behind


@pytest.fixture
def pit_bull() -> Persona:
    """The Pit Bull persona as shipped."""
    return get_persona("pit-bull")


def make_call(
    persona: Persona,
    backend: object | None = None,
    path: Path | None = None,
    difficulty: Difficulty = Difficulty.NORMAL,
    seed: int = 1,
) -> Call:
    """A call on the fake backend (or the given one), writing to `path` if given."""
    header = CallHeader(
        id="test-call",
        persona=persona.id,
        difficulty=difficulty,
        backend="fake",
        model="fake",
        seed=seed,
        started_at=time.time(),
    )
    writer = TranscriptWriter(path) if path else None
    return Call(persona, header, backend or FakeBackend(), default_referee(), writer)  # type: ignore[arg-type]
