"""The `callsim` command line. Imports stay lazy so --help answers instantly."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from simulator.display import echo, printable
from simulator.errors import CallsimError, ExitCode
from simulator.i18n import N_, _, argv_lang, locale_lang, setting_lang, use_lang

DIFFICULTIES = ("easy", "normal", "hard")
# argparse's own help line for --version, in argparse's words (translated with them).
VERSION_HELP = N_("show program's version number and exit")
EXIT_CODES = N_("""\
Wherever a call id is expected, `last` means your latest practice call (not a
scenario batch run; --include-runs or an explicit id for those).

exit codes:
  0    success
  1    failed: a scenario run missed its expectations (callsim run)
  2    bad arguments, or an unknown persona, scenario or call id
  3    invalid data: a persona, scenario, config, transcript or archive member
  4    backend unavailable: unreachable server, rejected model or key
  5    callsim run: the backend failed during a run (an error, not a pass or fail)
  130  interrupted""")


def _backend_flags(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group(_("backend"))
    g.add_argument("--backend", help=_("local (default, embedded model), openai, scripted"))
    g.add_argument("--model", help=_("model name (openai) or GGUF path (local)"))
    g.add_argument(
        "--base-url", help=_("OpenAI-compatible server URL, e.g. http://127.0.0.1:8080/v1")
    )
    g.add_argument(
        "--api-key-env",
        help=_("env var holding the key for --base-url (never OPENAI_API_KEY by default)"),
    )
    g.add_argument("--seed", type=int, default=None, help=_("seed for reproducible calls"))


class OneLineParser(argparse.ArgumentParser):
    """A bad argument is one line ("callsim: error: argument --lang: invalid choice..."),
    like every other error, not the usage block first: `--help` shows the usage."""

    def error(self, message: str) -> NoReturn:
        """Print the error on one line and exit 2."""
        self.exit(2, _("callsim: error: {problem}").format(problem=message) + "\n")


def build_parser() -> argparse.ArgumentParser:
    """Every subcommand; each names the module:function that runs it."""
    from simulator.cli.commands import add_more, lang_flag

    parser = OneLineParser(
        prog="callsim",
        description=_("Practise discovery calls and negotiations with client personas, offline."),
        epilog=_(EXIT_CODES),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version", action="version", version="callsim 0.1.0", help=_(VERSION_HELP)
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("practice", help=_("hold a practice call with a client persona"))
    p.add_argument("--persona", help=_("persona id (see `callsim personas list`)"))
    p.add_argument("--scenario", help=_("scenario id or file: brief, persona and difficulty"))
    p.add_argument("--difficulty", choices=DIFFICULTIES)
    p.add_argument("--mode", choices=("coached", "exam"), help=_("coached shows live scores"))
    p.add_argument(
        "--resume", metavar="ID", help=_("continue an unfinished call (`last`: your latest)")
    )
    p.add_argument("--trainee", metavar="NAME", help=_("your name on the call, for cohort reports"))
    p.add_argument("--plain", action="store_true", help=_("plain line mode (no REPL)"))
    lang_flag(p)
    _backend_flags(p)
    p.set_defaults(run="simulator.cli.practice:run")

    pp = sub.add_parser("personas", help=_("list, show or validate client personas"))
    psub = pp.add_subparsers(dest="action", metavar="ACTION", required=True)
    pl = psub.add_parser("list", help=_("every persona"))
    lang_flag(pl)
    pl.set_defaults(run="simulator.cli.personas_cmd:list_")
    ps = psub.add_parser("show", help=_("one persona's public profile"))
    ps.add_argument("name")
    lang_flag(ps)
    ps.add_argument("--hidden", action="store_true", help=_("also show hidden facts (coaches)"))
    ps.set_defaults(run="simulator.cli.personas_cmd:show")
    pv = psub.add_parser("validate", help=_("check persona files; one line per problem"))
    pv.add_argument("paths", nargs="+")
    pv.set_defaults(run="simulator.cli.personas_cmd:validate")
    pn = psub.add_parser(
        "new", help=_("write your own client persona from a few prompts (validated before saving)")
    )
    pn.add_argument(
        "--from",
        dest="from_",
        metavar="TEXT",
        help=_("draft it from a one-paragraph description (needs a capable backend)"),
    )
    pn.add_argument(
        "--out", metavar="PATH", help=_("where to write (default: your personas folder)")
    )
    pn.add_argument("--force", action="store_true", help=_("replace an existing file"))
    _backend_flags(pn)
    pn.set_defaults(run="simulator.cli.personas_cmd:new")

    add_more(sub, _backend_flags)
    return parser


def startup_lang(argv: Sequence[str]) -> str:
    """The language of --help and a command's screens: --lang in ARGV, else the `lang`
    setting (CALLSIM_LANG, the config file, the locale), read without the settings model;
    a call's own screens switch to the call's language later."""
    for chosen in (argv_lang(argv), setting_lang()):
        if chosen is not None:
            return chosen if chosen in ("en", "id") else "en"  # the command says what is wrong
    return locale_lang()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: dispatch, and turn user mistakes into one line and an exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    use_lang(startup_lang(argv))
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return ExitCode.USAGE
    module_name, _sep, func = args.run.partition(":")
    # Library log lines (an HTTP request, a tracing warning) would land inside a client's
    # line: only warnings, and only once the command's own output is not at stake.
    logging.basicConfig(level=logging.WARNING, format="callsim: %(name)s: %(message)s")
    try:
        from simulator.cli.ids import resolve_last

        resolve_last(args)
        handler = getattr(importlib.import_module(module_name), func)
        return int(handler(args) or 0)
    except CallsimError as exc:
        for line in str(exc).splitlines() or [type(exc).__name__]:
            echo(
                _("callsim: error: {problem}").format(problem=printable(line, limit=500)),
                err=True,
                one_line=True,
            )
        return int(exc.exit_code)
    except KeyboardInterrupt:
        print("\n" + _("callsim: interrupted"), file=sys.stderr)
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        return ExitCode.OK
    except OSError as exc:
        # A read-only or full data dir, CALLSIM_HOME at a file, ...: one line, not a traceback.
        where = f"{exc.filename}: " if exc.filename else ""
        why = exc.strerror or type(exc).__name__
        echo(_("callsim: error: {problem}").format(problem=where + why), err=True, one_line=True)
        return ExitCode.DATA


def entry() -> None:
    """The console script: run the command, then leave without tearing down native models.

    The embedded model and the encoder keep native thread pools; tearing them down at
    interpreter exit crashed the process now and then (a segfault printed after a paused
    call was saved). Everything is on disk by then, so output is flushed and the process
    leaves at once.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe has nothing to flush
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    entry()
