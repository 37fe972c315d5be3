"""Small helpers shared by the CLI-level tests (imported as `helpers`; pytest puts tests/ on sys.path)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from replylint.cli import main


def run(*args: str) -> Result:
    """The CLI, in-process; exceptions propagate so a traceback fails the test loudly."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
