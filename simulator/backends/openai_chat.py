"""Any OpenAI-compatible server (OpenAI, Ollama, vLLM, llama.cpp server) via LangChain."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

from simulator.backends import ActorRequest, ChatMessage
from simulator.backends.prompting import chat_messages
from simulator.config import Settings
from simulator.errors import BackendError, UsageError

OPENAI_HOSTS = {"api.openai.com"}
DEFAULT_MODEL = "gpt-4o-mini"
NO_KEY = "no-key-needed"
STRUCTURED_METHODS = ("json_schema", "function_calling", "json_mode")
LINE_TOKENS = 80
REPLY_TOKENS = 800  # room for the judge's JSON


def resolve_api_key(settings: Settings) -> str:
    """The key to send: OPENAI_API_KEY only to OpenAI itself, unless the user names one."""
    if settings.api_key_env:
        value = os.environ.get(settings.api_key_env)
        if not value:
            raise UsageError(f"--api-key-env: environment variable {settings.api_key_env} is empty")
        return value
    host = urlparse(settings.base_url).hostname if settings.base_url else "api.openai.com"
    if host in OPENAI_HOSTS:
        value = os.environ.get("OPENAI_API_KEY")
        if not value:
            raise UsageError(
                "the openai backend needs OPENAI_API_KEY (or --base-url for a local server)"
            )
        return value
    # A custom server never receives the OpenAI key by default: it may not be OpenAI's to see.
    return NO_KEY


def _to_langchain(messages: list[ChatMessage]) -> list[tuple[str, str]]:
    return [(m.role if m.role != "assistant" else "ai", m.content) for m in messages]


class OpenAIBackend:
    """Chat-format prompting through LangChain's ChatOpenAI."""

    name = "openai"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.model = settings.model or DEFAULT_MODEL
        if settings.judge_method not in STRUCTURED_METHODS:
            raise UsageError(
                f"judge_method: expected one of {', '.join(STRUCTURED_METHODS)}, "
                f"got {settings.judge_method!r}"
            )
        self._key = resolve_api_key(settings)
        self._clients: dict[int, Any] = {}

    def client(self, max_tokens: int) -> Any:
        """The LangChain chat model for a reply length, built on first use."""
        if max_tokens not in self._clients:
            from langchain_openai import ChatOpenAI
            from pydantic import SecretStr

            options: dict[str, Any] = {"max_tokens": max_tokens}
            self._clients[max_tokens] = ChatOpenAI(
                model=self.model,
                base_url=self.settings.base_url,
                api_key=SecretStr(self._key),
                temperature=self.settings.temperature,
                timeout=self.settings.timeout_s,
                max_retries=0,
                **options,
            )
        return self._clients[max_tokens]

    def stream_line(self, request: ActorRequest) -> Iterator[str]:
        """Stream the persona's line from the chat model."""
        try:
            # A persona line is short; a chat model left to run on only wastes server time.
            messages = _to_langchain(chat_messages(request))
            for chunk in self.client(LINE_TOKENS).stream(messages, seed=request.seed):
                text = chunk.content if isinstance(chunk.content, str) else ""
                if text:
                    yield text
        except Exception as exc:  # the SDK raises many transport types; all mean "down"
            raise BackendError(
                f"{self.settings.base_url or 'OpenAI'}: {type(exc).__name__}: {exc}"
            ) from exc

    def complete(self, messages: list[ChatMessage], *, schema: dict[str, Any] | None = None) -> str:
        """One reply; with a schema, structured output by the configured method."""
        try:
            if schema is None:
                reply = self.client(REPLY_TOKENS).invoke(_to_langchain(messages))
                return str(reply.content)
            structured = self.client(REPLY_TOKENS).with_structured_output(
                schema, method=self.settings.judge_method, include_raw=False
            )
            result = structured.invoke(_to_langchain(messages))
            return json.dumps(result)
        except Exception as exc:
            raise BackendError(
                f"{self.settings.base_url or 'OpenAI'}: {type(exc).__name__}: {exc}"
            ) from exc
