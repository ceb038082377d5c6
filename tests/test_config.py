"""Config precedence: CLI flag > CALLSIM_* env > config file > default."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.backends.openai_chat import NO_KEY, resolve_api_key
from simulator.config import config_path, data_dir, load_settings
from simulator.errors import DataError


def test_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings().backend == "local"
    config_path().parent.mkdir(parents=True)
    config_path().write_text('backend = "scripted"\ndifficulty = "hard"\nmode = "exam"\n')
    s = load_settings()
    assert (s.backend, s.difficulty, s.mode) == ("scripted", "hard", "exam")
    monkeypatch.setenv("CALLSIM_BACKEND", "openai")
    monkeypatch.setenv("CALLSIM_DIFFICULTY", "easy")
    s = load_settings()
    assert (s.backend, s.difficulty, s.mode) == ("openai", "easy", "exam")
    s = load_settings(backend="fake", difficulty=None)
    assert (s.backend, s.difficulty) == ("fake", "easy")


def test_data_dir_follows_callsim_home(isolated_home: Path) -> None:
    assert data_dir() == isolated_home


def test_bad_config_file_is_one_clear_error() -> None:
    config_path().parent.mkdir(parents=True)
    config_path().write_text("backend = [\n")
    with pytest.raises(DataError, match=r"config.toml: invalid TOML"):
        load_settings()


def test_openai_key_never_goes_to_a_custom_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-real")
    local = load_settings(backend="openai", base_url="http://127.0.0.1:8080/v1")
    assert resolve_api_key(local) == NO_KEY
    assert resolve_api_key(load_settings(backend="openai")) == "sk-test-not-real"
    monkeypatch.setenv("MY_SERVER_KEY", "server-key")
    named = load_settings(
        backend="openai", base_url="http://127.0.0.1:8080/v1", api_key_env="MY_SERVER_KEY"
    )
    assert resolve_api_key(named) == "server-key"


def test_thread_count_is_configurable_and_auto_leaves_busy_cores(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from simulator import config

    monkeypatch.setenv("CALLSIM_THREADS", "3")
    assert config.load_settings().threads == 3
    monkeypatch.delenv("CALLSIM_THREADS")
    assert config.load_settings().threads == 0  # auto
    monkeypatch.setattr(config.os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    monkeypatch.setattr(config.os, "getloadavg", lambda: (0.1, 0.0, 0.0))
    assert config.free_threads() == 2
    monkeypatch.setattr(config.os, "getloadavg", lambda: (1.2, 0.0, 0.0))
    assert config.free_threads() == 1
    monkeypatch.setattr(config.os, "getloadavg", lambda: (6.0, 0.0, 0.0))
    assert config.free_threads() == 1
