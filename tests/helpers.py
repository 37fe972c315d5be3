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


# Rules whose findings the library tests pin down (their wording is stable).
STABLE = "jargon-corporate,jargon-acronym,blame-accusatory"


def library_findings(path: Path, *args: str) -> list[tuple[str, int, int, str, str | None]]:
    """(rule, line, column, text, template) of each finding of the STABLE rules in one file."""
    import json

    result = run("--format", "json", "--select", STABLE, *args, str(path))
    file = json.loads(result.stdout)["files"][0]
    assert file["error"] is None, file["error"]
    return [
        (d["rule"], d["start"]["line"], d["start"]["column"], d["text"], d["template"]) for d in file["diagnostics"]
    ]
