"""Root cause 1: every request callsim makes, the batch preflight included, goes one guarded way."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.backends.http_guard import redact, redacting
from simulator.config import load_settings
from simulator.errors import UsageError
from simulator.runner.preflight import BackendUnavailable, preflight
from tests.conftest import ROOT
from tests.hostile.server import Hostile

SECRET = "sk-test-SECRET-0123456789abcdef"
NAMED = "named-server-key-42"
SCENARIO = str(ROOT / "scenarios" / "pit-bull-good-rep.yaml")


@pytest.fixture
def capture() -> Iterator[Hostile]:
    """A second loopback server: a proxy, a tracing endpoint or a redirect target."""
    server = Hostile().start()
    try:
        yield server
    finally:
        server.stop()


def _heard(server: Hostile) -> str:
    return " ".join(" ".join(h.values()) for h in server.seen.headers)


def _run(*args: str, env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simulator.cli.main", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
        check=False,
    )


def test_run_with_sdk_base_url_sends_nothing_to_it(
    hostile: Hostile, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OPENAI_BASE_URL in the shell, no --base-url: the preflight never goes there."""
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    monkeypatch.setenv("OPENAI_BASE_URL", hostile.url)
    monkeypatch.setenv("OPENAI_API_BASE", hostile.url)
    with pytest.raises(BackendUnavailable) as caught:
        preflight(load_settings(backend="openai", timeout_s=3))
    assert not hostile.seen.headers
    assert "api.openai.com" in str(caught.value) and SECRET not in str(caught.value)


def test_run_preflight_sends_no_sdk_header_credentials(
    hostile: Hostile, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    monkeypatch.setenv("OPENAI_CUSTOM_HEADERS", f"Authorization: Bearer {SECRET}\nX-K: {SECRET}")
    monkeypatch.setenv("OPENAI_ORG_ID", "org-secret")
    monkeypatch.setenv("OPENAI_PROJECT_ID", "proj-secret")
    preflight(load_settings(backend="openai", base_url=hostile.url, timeout_s=3))
    assert len(hostile.seen.headers) == 1
    sent = hostile.seen.headers[0]
    assert SECRET not in _heard(hostile) and "authorization" not in sent
    assert "openai-organization" not in sent and "openai-project" not in sent


def test_run_preflight_ignores_a_proxy_for_plain_http(
    hostile: Hostile, capture: Hostile, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy = capture.url.removesuffix("/v1")
    for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.setenv(name, proxy)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.setenv("MY_SERVER_KEY", NAMED)
    settings = load_settings(
        backend="openai", base_url=hostile.url, api_key_env="MY_SERVER_KEY", timeout_s=3
    )
    preflight(settings)
    assert not capture.seen.headers, "the key and the prompt went through the proxy in clear"
    assert hostile.seen.headers[0]["authorization"] == f"Bearer {NAMED}"


def test_run_preflight_follows_no_redirect(
    hostile: Hostile, capture: Hostile, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MY_SERVER_KEY", NAMED)
    hostile.mode = "redirect"
    hostile.redirect_to = capture.url + "/chat/completions"
    settings = load_settings(
        backend="openai", base_url=hostile.url, api_key_env="MY_SERVER_KEY", timeout_s=3
    )
    with pytest.raises(BackendUnavailable):
        preflight(settings)
    assert not capture.seen.headers


def test_run_preflight_on_a_reply_that_is_not_json_is_one_line(hostile: Hostile) -> None:
    hostile.mode = "badjson"
    with pytest.raises(BackendUnavailable) as caught:
        preflight(load_settings(backend="openai", base_url=hostile.url, timeout_s=3))
    assert "\n" not in str(caught.value) and hostile.url.split("/v1")[0] in str(caught.value)


def test_run_preflight_gives_up_on_a_trickle_within_its_time(hostile: Hostile) -> None:
    hostile.mode = "trickle"
    started = time.monotonic()
    with pytest.raises(BackendUnavailable, match=r"time|answer"):
        preflight(load_settings(backend="openai", base_url=hostile.url, timeout_s=2))
    assert time.monotonic() - started < 8


def test_the_openai_key_under_another_name_is_still_the_openai_key(
    hostile: Hostile, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    monkeypatch.setenv("COPY_OF_KEY", SECRET)
    settings = load_settings(
        backend="openai", base_url=hostile.url, api_key_env="COPY_OF_KEY", timeout_s=3
    )
    with pytest.raises(UsageError, match="COPY_OF_KEY") as caught:
        preflight(settings)
    assert SECRET not in str(caught.value)
    assert not hostile.seen.headers


def test_credentials_in_the_url_are_refused_and_never_shown() -> None:
    url = "http://alice:hunter2-pass@127.0.0.1:9/v1"
    with pytest.raises(UsageError, match="--base-url") as caught:
        preflight(load_settings(backend="openai", base_url=url, timeout_s=2))
    assert "hunter2" not in str(caught.value)
    proc = _run("run", SCENARIO, "--backend", "openai", "--base-url", url, env={})
    assert proc.returncode == 2 and "hunter2" not in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr


def test_tracing_variables_ship_nothing_and_library_logs_stay_out_of_the_call(
    hostile: Hostile, capture: Hostile, tmp_path: Path
) -> None:
    """LangSmith's variables would send every turn and the persona prompt to a second host."""
    env = {
        "CALLSIM_HOME": str(tmp_path / "home"),
        "LANGSMITH_TRACING": "true",
        "LANGCHAIN_TRACING_V2": "true",
        "LANGSMITH_ENDPOINT": capture.url.removesuffix("/v1"),
        "LANGCHAIN_ENDPOINT": capture.url.removesuffix("/v1"),
        "LANGSMITH_API_KEY": "ls-secret",
    }
    proc = _run(
        *("practice", "--persona", "pit-bull", "--backend", "openai", "--base-url", hostile.url),
        env=env,
        # A question the client answers in a line the model voices (a hidden fact's reveal
        # is spoken in authored words on a backend not marked capable: no request at all).
        stdin="Understood, ten minutes. Walk me through how dispatch works today?\n/end\n",
    )
    assert proc.returncode == 0, proc.stderr[-400:]
    assert hostile.seen.headers and not capture.seen.headers
    shown = proc.stdout + proc.stderr
    assert "HTTP Request" not in shown and "INFO:" not in shown


def test_a_key_echoed_by_the_model_is_neither_shown_nor_saved(
    hostile: Hostile, tmp_path: Path
) -> None:
    hostile.text = f"Sure, your key is {NAMED} and mine is {SECRET} ok."
    home = tmp_path / "home"
    env = {"CALLSIM_HOME": str(home), "OPENAI_API_KEY": SECRET, "MY_SERVER_KEY": NAMED}
    proc = _run(
        *("practice", "--persona", "pit-bull", "--backend", "openai", "--base-url", hostile.url),
        *("--api-key-env", "MY_SERVER_KEY"),
        env=env,
        stdin="What matters most to you in this deal?\nAnd what would a good result look like?\n/end\n",
    )
    assert proc.returncode == 0, proc.stderr[-400:]
    assert hostile.seen.headers
    saved = "".join(p.read_text() for p in (home / "transcripts").glob("*.jsonl"))
    for secret in (NAMED, SECRET):
        assert secret not in proc.stdout + proc.stderr
        assert secret not in saved


@given(st.lists(st.integers(min_value=0, max_value=80), max_size=8), st.text(max_size=20))
def test_a_key_split_across_chunks_is_still_redacted(cuts: list[int], noise: str) -> None:
    text = f"{noise}key {NAMED} and {SECRET}{noise}"
    bounds = sorted({0, len(text), *(min(c, len(text)) for c in cuts)})
    chunks = [text[a:b] for a, b in itertools.pairwise(bounds)]
    out = "".join(redacting(iter(chunks), [NAMED, SECRET]))
    assert out == redact(text, [NAMED, SECRET]) and NAMED not in out and SECRET not in out


def test_run_with_every_key_bearing_variable_set_sends_no_key(
    hostile: Hostile, capture: Hostile, tmp_path: Path
) -> None:
    """As a user's shell might be: every variable an SDK reads, one capture server for all."""
    elsewhere = capture.url.removesuffix("/v1")
    env = {
        "CALLSIM_HOME": str(tmp_path / "home"),
        "OPENAI_API_KEY": SECRET,
        "OPENAI_BASE_URL": capture.url,
        "OPENAI_API_BASE": capture.url,
        "OPENAI_CUSTOM_HEADERS": f"Authorization: Bearer {SECRET}\nX-Key: {SECRET}",
        "OPENAI_ORG_ID": "org-SECRET-org",
        "OPENAI_PROJECT_ID": "proj-SECRET-proj",
        "AZURE_OPENAI_API_KEY": "azure-SECRET-key",
        "AZURE_OPENAI_ENDPOINT": elsewhere,
        "LANGSMITH_API_KEY": "ls-SECRET-key",
        "LANGCHAIN_API_KEY": "lc-SECRET-key",
        "LANGSMITH_TRACING": "true",
        "LANGCHAIN_TRACING_V2": "true",
        "LANGSMITH_ENDPOINT": elsewhere,
        "LANGCHAIN_ENDPOINT": elsewhere,
        "HTTP_PROXY": elsewhere,
        "HTTPS_PROXY": elsewhere,
        "ALL_PROXY": elsewhere,
        "NO_PROXY": "",
        "MY_SERVER_KEY": NAMED,
    }
    out = tmp_path / "r.json"
    proc = _run(
        *("run", SCENARIO, "--backend", "openai", "--base-url", hostile.url),
        *("--api-key-env", "MY_SERVER_KEY", "--json", str(out)),
        env=env,
    )
    assert out.exists(), proc.stderr[-400:]
    assert not capture.seen.headers, f"something went elsewhere: {capture.seen.paths[:3]}"
    assert len(hostile.seen.headers) > 2  # the preflight and the call's lines
    heard = _heard(hostile) + json.dumps(hostile.seen.bodies)
    assert "SECRET" not in heard  # every secret value above holds the word
    assert {h.get("authorization") for h in hostile.seen.headers} == {f"Bearer {NAMED}"}
    assert "SECRET" not in proc.stdout + proc.stderr


def test_an_ordinary_line_still_streams_word_by_word_while_keys_are_redacted() -> None:
    """Holding back a key's length of text would show a short line only when complete."""
    long_key = "sk-proj-" + "x" * 156
    words = ["Well, ", "I ", "hear ", "you. ", "What ", "matters ", "most?"]
    out = list(redacting(iter(words), [long_key, NAMED]))
    assert out == words  # nothing held: no tail could start a key
    assert "".join(redacting(iter(["key s", "k-proj-", "x" * 156, " ok"]), [long_key])) == (
        "key *** ok"
    )


def test_a_stream_failing_mid_line_gives_out_what_was_held() -> None:
    def failing() -> Iterator[str]:
        yield "Well, I s"
        raise ConnectionError("reset")

    got: list[str] = []
    with pytest.raises(ConnectionError):
        for piece in redacting(failing(), ["sk-secret-key-1"]):
            got.append(piece)
    assert "".join(got) == "Well, I s"
    stream = redacting(iter(["a ", "b ", "c"]), ["sk-secret-key-1"])
    assert next(stream) == "a "
    stream.close()  # a consumer stopping early is not an error
