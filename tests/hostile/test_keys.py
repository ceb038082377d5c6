"""Item 1: the OpenAI key goes to https://api.openai.com and nowhere else."""

from __future__ import annotations

import pytest

from simulator.backends import ChatMessage
from simulator.backends.errors import BackendRefused
from simulator.backends.openai_chat import OpenAIBackend
from simulator.config import load_settings
from simulator.errors import UsageError
from tests.conftest import callsim
from tests.hostile.server import Hostile

SECRET = "sk-test-SECRET-0123456789abcdef"
HELLO = [ChatMessage("user", "hello")]


def _never_saw_the_key(server: Hostile) -> None:
    for headers in server.seen.headers:
        assert SECRET not in " ".join(headers.values())
        assert "authorization" not in headers


@pytest.mark.parametrize("variable", ["OPENAI_BASE_URL", "OPENAI_API_BASE"])
def test_sdk_base_url_variables_cannot_redirect_the_key(
    hostile: Hostile, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    monkeypatch.setenv(variable, hostile.url)
    backend = OpenAIBackend(load_settings(backend="openai", timeout_s=3))
    try:
        backend.complete(HELLO)
    except BackendRefused:
        pass  # the request pointed at the wrong host and was stopped before leaving
    except Exception as exc:  # reaching the real OpenAI is impossible offline; fine too
        assert "api.openai.com" in str(exc) or "OpenAI" in str(exc)
    _never_saw_the_key(hostile)
    assert not hostile.seen.headers


def test_custom_server_sees_no_key_even_through_sdk_header_variables(
    hostile: Hostile, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    monkeypatch.setenv(
        "OPENAI_CUSTOM_HEADERS", f"Authorization: Bearer {SECRET}\nX-Extra: {SECRET}"
    )
    monkeypatch.setenv("OPENAI_ORG_ID", "org-secret")
    monkeypatch.setenv("OPENAI_PROJECT_ID", "proj-secret")
    backend = OpenAIBackend(load_settings(backend="openai", base_url=hostile.url, timeout_s=3))
    assert backend.complete(HELLO) == hostile.text
    assert len(hostile.seen.headers) == 1
    _never_saw_the_key(hostile)
    sent = hostile.seen.headers[0]
    assert "openai-organization" not in sent and "openai-project" not in sent


def test_a_named_key_goes_to_the_named_server_only(
    hostile: Hostile, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    monkeypatch.setenv("MY_SERVER_KEY", "server-key-1")
    settings = load_settings(
        backend="openai", base_url=hostile.url, api_key_env="MY_SERVER_KEY", timeout_s=3
    )
    OpenAIBackend(settings).complete(HELLO)
    assert hostile.seen.headers[0]["authorization"] == "Bearer server-key-1"
    assert SECRET not in " ".join(hostile.seen.headers[0].values())


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        ({"base_url": "http://api.openai.com/v1"}, "https"),
        ({"base_url": "http://10.1.2.3:8080/v1", "api_key_env": "MY_SERVER_KEY"}, "in clear"),
        ({"base_url": "http://127.0.0.1:9/v1", "api_key_env": "OPENAI_API_KEY"}, "only ever"),
        ({"base_url": "file:///etc/passwd"}, "--base-url"),
    ],
)
def test_unsafe_key_routes_are_refused_up_front(
    monkeypatch: pytest.MonkeyPatch, flags: dict[str, str], message: str
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    monkeypatch.setenv("MY_SERVER_KEY", "server-key-1")
    with pytest.raises(UsageError, match=message) as caught:
        OpenAIBackend(load_settings(backend="openai", **flags))
    assert SECRET not in str(caught.value)


def test_practice_from_the_command_line_never_sends_the_key(
    hostile: Hostile, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a user would: OPENAI_BASE_URL set in the shell, a real CLI call, piped input."""
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    monkeypatch.setenv("OPENAI_BASE_URL", hostile.url)
    monkeypatch.setenv("OPENAI_API_BASE", hostile.url)
    proc = callsim(
        *("practice", "--persona", "pit-bull", "--backend", "openai", "--base-url", hostile.url),
        stdin="What would make this call worth your time?\n/end\n",
    )
    assert proc.returncode == 0, proc.stderr
    assert hostile.seen.headers, "the call should have reached the server it was given"
    _never_saw_the_key(hostile)
    assert SECRET not in proc.stdout + proc.stderr
