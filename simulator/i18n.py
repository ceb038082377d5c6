"""Screen text in the user's language: the stdlib's gettext, domain `callsim`, English source.

English is written in the code and is its own fallback; `locale/id/LC_MESSAGES/callsim.mo`
holds Bahasa Indonesia. One language is in force at a time: the call's for its screens,
the command's (`--lang`, CALLSIM_LANG, the config file, then the locale) for the rest.
"""

from __future__ import annotations

import contextlib
import gettext
import os
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.vocabulary import Lang

if TYPE_CHECKING:
    from jinja2 import Environment

DOMAIN = "callsim"
LOCALE_DIR = Path(__file__).parent / "locale"
SOURCE_LANG = "en"
KNOWN = ("en", "id")  # vocabulary.LANGS, repeated so --help imports nothing more

_active: gettext.NullTranslations = gettext.NullTranslations()
_lang = SOURCE_LANG


@lru_cache(maxsize=4)
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue for LANG; English (or a missing catalogue) translates nothing."""
    if lang == SOURCE_LANG:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def use_lang(lang: str) -> None:
    """Make LANG the language of every screen from now on (argparse's words included)."""
    global _active, _lang
    _lang = lang if lang in KNOWN else SOURCE_LANG
    _active = translations(_lang)
    _install_argparse()


def current_lang() -> str:
    """The language screens are shown in now."""
    return _lang


@contextlib.contextmanager
def lang_scope(lang: str) -> Iterator[None]:
    """LANG for the duration of a block, then the language before it."""
    before = _lang
    use_lang(lang)
    try:
        yield
    finally:
        use_lang(before)


def _(message: str) -> str:
    """MESSAGE in the language in force."""
    return _active.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for N, in the language in force."""
    return _active.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark MESSAGE for the catalogue without translating it yet (module-level tables)."""
    return message


def _install_argparse() -> None:
    """argparse looks its words up through module-level `_`/`ngettext` at call time."""
    import argparse

    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def locale_lang(environ: dict[str, str] | None = None) -> Lang:
    """The default language from the locale: LC_ALL, LC_MESSAGES or LANG starting "id"."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:  # the first one set decides, as the C library does
            return "id" if value.lower().startswith("id") else "en"
    return "en"


def setting_lang() -> str | None:
    """The `lang` setting without loading the settings model (it imports pydantic, and
    --help must stay instant): CALLSIM_LANG, else `lang` in the config file, else None."""
    env = os.environ.get("CALLSIM_LANG")
    if env:
        return env
    explicit = os.environ.get("CALLSIM_CONFIG")
    if explicit:
        path = Path(explicit).expanduser()
    else:
        base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
        path = Path(base) / "callsim" / "config.toml"
    try:
        import tomllib

        if path.is_file() and path.stat().st_size < 256 * 1024:
            value = tomllib.loads(path.read_text(encoding="utf-8")).get("lang")
            return value if isinstance(value, str) else None
    except (OSError, ValueError, RecursionError):
        pass  # a broken config file is reported by the command that loads it
    return None


def argv_lang(argv: Sequence[str]) -> str | None:
    """A --lang given on the command line, read before the parser exists."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None


def install_jinja(env: Environment) -> None:
    """`{% trans %}` and `_()` in templates, through the same catalogue (jinja2.ext.i18n)."""
    env.add_extension("jinja2.ext.i18n")
    gettext_: Any = _
    ngettext_: Any = ngettext
    env.install_gettext_callables(gettext_, ngettext_, newstyle=True)  # type: ignore[attr-defined]
