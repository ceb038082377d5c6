"""The small error hierarchy; the CLI turns each into one line and a named exit code."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Named process exit codes."""

    OK = 0
    FAILED = 1
    USAGE = 2
    DATA = 3
    BACKEND = 4
    RUN_ERRORS = 5
    INTERRUPTED = 130


class CallsimError(Exception):
    """Base class: a message the user can act on."""

    exit_code = ExitCode.FAILED


class UsageError(CallsimError):
    """A bad argument or option."""

    exit_code = ExitCode.USAGE


class DataError(CallsimError):
    """A persona, scenario, rubric, transcript or config file is invalid."""

    exit_code = ExitCode.DATA

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class NotFoundError(CallsimError):
    """A named persona, scenario or call does not exist."""

    exit_code = ExitCode.USAGE


class BackendError(CallsimError):
    """A model backend failed or is unavailable."""

    exit_code = ExitCode.BACKEND
