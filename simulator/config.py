"""Settings: CLI flag > environment (CALLSIM_*) > config file > default."""

from __future__ import annotations

import contextlib
import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from simulator.errors import DataError
from simulator.i18n import _, locale_lang
from simulator.safe_files import NoSuchFile, read_text
from simulator.validation_words import pydantic_message
from simulator.vocabulary import Lang

# A settings file is a dozen lines; past this it is not one.
MAX_CONFIG_BYTES = 256 * 1024


class Settings(BaseModel):
    """Everything a user can configure."""

    model_config = ConfigDict(extra="forbid")

    backend: str = "local"
    model: str | None = None
    base_url: str | None = None
    api_key_env: str | None = Field(
        default=None, description="Env var holding the key for a custom base URL"
    )
    judge_method: str = "json_schema"
    difficulty: str = "normal"
    mode: str = "coached"
    threads: int = Field(
        default=0,
        ge=0,
        description="llama.cpp threads for the local model; 0 picks from the cores free now",
    )
    temperature: float = 0.7
    timeout_s: float = 60.0
    voice: Literal["model", "authored"] = Field(
        default="model",
        description="authored: every client line comes from the persona's bank, no model "
        "(fast, deterministic; the scripted backend always works this way)",
    )
    capable: bool = Field(
        default=False,
        description="The openai backend's model states facts faithfully: it may speak reveals",
    )
    trainee: str | None = Field(default=None, description="Your name on every call you hold")
    # Unset everywhere: the locale decides at each start (LC_ALL/LC_MESSAGES/LANG "id..."
    # -> id), so nothing is written on first run and a changed locale is followed.
    lang: Lang = Field(
        default_factory=locale_lang, description="en or id: the language of calls and screens"
    )


ENV_PREFIX = "CALLSIM_"


def free_threads() -> int:
    """Threads for llama.cpp: the cores this process may use, less those already busy.

    llama.cpp runs one thread per core and stalls when another process holds one of them
    (a line that took 1.1 s took 6-50 s beside a build), so a busy core is left alone.
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    try:
        busy = round(os.getloadavg()[0])
    except OSError:  # no load average on this platform: leave one core for the rest
        busy = 1
    return max(1, min(cores, cores - busy))


def data_dir() -> Path:
    """Where transcripts, the index and history live (CALLSIM_HOME overrides)."""
    home = os.environ.get("CALLSIM_HOME")
    if home:
        path = Path(home).expanduser()
        if path.exists() and not path.is_dir():
            raise DataError(_("CALLSIM_HOME: {path} is not a directory").format(path=path))
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        path = Path(base) / "callsim"
    if not path.exists():
        # Conversations about clients, names and scores: other users on the machine may not
        # even list them. Created private; a folder the user made keeps its own mode.
        with contextlib.suppress(OSError):  # read-only parents: the write itself will say so
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def config_path() -> Path:
    """The user's config file (CALLSIM_CONFIG overrides)."""
    explicit = os.environ.get("CALLSIM_CONFIG")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "callsim" / "config.toml"


def _from_file(path: Path) -> dict[str, Any]:
    try:
        text = read_text(path, MAX_CONFIG_BYTES)
    except NoSuchFile:
        return {}
    except DataError as exc:  # a FIFO, a directory, a device, unreadable, huge, not UTF-8
        raise DataError(_("config file {problem}").format(problem=exc)) from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(_("{path}: invalid TOML ({why})").format(path=path, why=exc)) from exc
    except RecursionError as exc:  # tomllib recurses on nested inline arrays
        why = _("nested too deeply")
        raise DataError(_("{path}: invalid TOML ({why})").format(path=path, why=why)) from exc


def _from_env() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in Settings.model_fields:
        value = os.environ.get(ENV_PREFIX + name.upper())
        if value not in (None, ""):
            out[name] = value
    return out


def load_settings(**flags: Any) -> Settings:
    """Merge the layers; flags that are None are treated as not given."""
    path = config_path()
    merged: dict[str, Any] = {}
    for layer in (_from_file(path), _from_env(), {k: v for k, v in flags.items() if v is not None}):
        merged.update(layer)
    try:
        return Settings.model_validate(merged)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        bad = _("setting {field!r} (from flag, {env} or {path}): {why}")
        env = f"{ENV_PREFIX}{field.upper()}"
        why = pydantic_message(dict(first))
        raise DataError(bad.format(field=field, env=env, path=path, why=why)) from exc


def lang_of(args: Any) -> str:
    """The language a command works in: --lang, else CALLSIM_LANG, the config file, the
    locale (LC_ALL, LC_MESSAGES or LANG starting "id" means id), else en."""
    return load_settings(lang=getattr(args, "lang", None)).lang
