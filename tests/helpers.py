"""Small helpers shared by the CLI-level tests (imported as `helpers`; pytest puts tests/ on sys.path)."""

from __future__ import annotations

import gc
from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from replylint.cli import main
from replylint.engine import LintOptions, lint
from replylint.formats import parse
from replylint.registry import build_registry
from replylint.tokens import TokenSet

TESTS = Path(__file__).resolve().parent
EXAMPLES = TESTS.parent / "examples"


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


def all_drafts(held_out: bool = True) -> list[tuple[str, str]]:
    """(text, format) of every rule case and dev-set draft, and with `held_out` every held-out draft and example file."""
    drafts: list[tuple[str, str]] = []
    for path in sorted((TESTS / "rules" / "cases").glob("*.yaml")):
        drafts += [(c["text"], c.get("format", "plain")) for c in yaml.safe_load(path.read_text("utf-8"))["cases"]]
    for path in sorted(TESTS.glob("*/drafts.yaml")) if held_out else [TESTS / "devset" / "drafts.yaml"]:
        drafts += [(d["text"], d.get("format", "plain")) for d in yaml.safe_load(path.read_text("utf-8"))["drafts"]]
    for path in sorted(EXAMPLES.rglob("*")) if held_out else []:
        if path.suffix in (".txt", ".md", ".liquid", ".hbs", ".j2"):
            drafts.append((path.read_text("utf-8"), "markdown" if path.suffix == ".md" else "plain"))
    return drafts


def first_party_token_sets() -> list[TokenSet]:
    """Every trusted token set of the built-in rules and first-party packs (built by linting once)."""
    registry = build_registry(plugins=False)
    rules = registry.select()
    for fmt in ("plain", "markdown", "template"):  # builds the built-in rules' token sets too
        lint(parse("Sorry, we're looking into it. Call 555 or DM us. It'll work 100%.", fmt), rules, LintOptions())
    return [o for o in gc.get_objects() if isinstance(o, TokenSet) and o.trusted]
