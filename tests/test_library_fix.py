"""Libraries of templates end to end: fixing with a check of the file it makes, stdin, walking folders."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers import run, write

from replylint.cli import main
from replylint.diagnostics import Applicability, Edit, Finding, Fix
from replylint.document import Document, Span
from replylint.engine import ActiveRule, LintOptions
from replylint.formats import parse
from replylint.formats.library import LibraryError
from replylint.formats.library.scalar import Scalar
from replylint.library import LibraryLinter
from replylint.rule import rule


def _swap(word: str, replacement: str) -> list[ActiveRule]:
    """One rule that replaces `word` with `replacement` (a safe fix)."""

    @rule(id="test-swap", category="test", severity="warning", summary="s", rationale="r")
    def swap(doc: Document) -> Iterator[Finding]:
        for m in re.finditer(re.escape(word), doc.prose):
            edit = Edit(Span(m.start(), m.end()), replacement)
            yield Finding(Span(m.start(), m.end()), f"{word!r}", fix=Fix((edit,), Applicability.SAFE))

    return [ActiveRule(swap, swap.severity)]


def linter(text: str, fmt: str, rules: list[ActiveRule]) -> LibraryLinter:
    return LibraryLinter(text, fmt, "lib", None, rules, LintOptions())


def test_replacements_are_escaped_for_their_string() -> None:
    text = '{"replies": [{"title": "T", "body": "We will kindly revert."}]}'
    result, problem = linter(text, "json", _swap("kindly revert", 'say "hi"\\')).fix(text, unsafe=False)
    assert problem is None
    assert result.text == '{"replies": [{"title": "T", "body": "We will say \\"hi\\"\\\\."}]}'
    assert json.loads(result.text)["replies"][0]["body"] == 'We will say "hi"\\.'
    yaml_text = "- title: T\n  body: 'We will kindly revert.'\n"
    result, problem = linter(yaml_text, "yaml", _swap("kindly revert", "won't")).fix(yaml_text, unsafe=False)
    assert (result.text, problem) == ("- title: T\n  body: 'We will won''t.'\n", None)


def test_a_fix_the_style_cannot_hold_is_dropped_and_the_rest_applied() -> None:
    text = "- title: A\n  body: We will kindly revert.\n- title: B\n  body: 'We will kindly revert.'\n"
    lint = linter(text, "yaml", _swap("kindly revert", "reply: soon"))
    diagnostics = lint.lint(text)
    assert [d.fix is None for d in diagnostics] == [True, False]  # ': ' cannot go in a plain scalar
    result, problem = lint.fix(text, unsafe=False)
    assert problem is None
    assert yaml.safe_load(result.text) == [
        {"title": "A", "body": "We will kindly revert."},
        {"title": "B", "body": "We will reply: soon."},
    ]


def test_a_fixed_file_that_does_not_read_back_is_left_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    # Suppose a codec wrote a replacement without escaping it: the check of the fixed file catches it.
    def unchecked(self: Scalar, text: str, edits: list[Edit]) -> tuple[Edit, ...]:
        return tuple(Edit(self.span(*e.span), e.replacement) for e in edits)

    monkeypatch.setattr(Scalar, "source_edits", unchecked)
    text = '{"replies": [{"title": "T", "body": "We will kindly revert."}]}'
    result, problem = linter(text, "json", _swap("kindly revert", 'say "hi"')).fix(text, unsafe=False)
    assert result.text == text
    assert problem == (
        "fixes could not be written back safely (the fixed file would not be valid: "
        "1:51: invalid JSON: Expecting ',' delimiter); file left unchanged"
    )
    yaml_text = "- body: We will kindly revert.\n  title: T\n"
    result, problem = linter(yaml_text, "yaml", _swap("kindly revert", "go\n  title: X")).fix(yaml_text, unsafe=False)
    assert result.text == yaml_text
    assert problem is not None and problem.startswith("fixes could not be written back safely (")


def test_cli_reports_a_fix_left_out_and_exits_2(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def unchecked(self: Scalar, text: str, edits: list[Edit]) -> tuple[Edit, ...]:
        return tuple(Edit(self.span(*e.span), e.replacement + '"') for e in edits)

    monkeypatch.setattr(Scalar, "source_edits", unchecked)
    path = write(here / "r.json", '[{"title": "T", "body": "We will kindly revert."}]\n')
    result = run("--fix", "r.json")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "r.json: fixes could not be written back safely (the fixed file would not be valid: "
    )
    assert path.read_text(encoding="utf-8") == '[{"title": "T", "body": "We will kindly revert."}]\n'


def test_stdin_with_a_library_name(here: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["--format", "json", "--select", "jargon-corporate", "--stdin-filename", "macros.yaml", "-"],
        input="- title: T\n  body: We will kindly revert.\n",
    )
    file = json.loads(result.stdout)["files"][0]
    assert (file["path"], file["format"]) == ("<stdin>", "yaml")
    assert [(d["start"]["line"], d["start"]["column"], d["template"]) for d in file["diagnostics"]] == [(2, 17, "T")]


def test_walking_a_folder_lints_libraries(here: Path) -> None:
    write(here / "macros" / "a.yaml", "- title: T\n  body: We will kindly revert.\n")
    write(here / "macros" / "b.json", '{"name": "not templates", "version": 2}')
    write(here / "macros" / "c.csv", "title,body\nT,We will kindly revert.\n")
    result = run("--select", "jargon-corporate", "macros")
    assert result.stdout.splitlines() == [
        "macros/a.yaml:2:17: warning jargon-corporate 'kindly revert' is corporate-speak: "
        '"kindly revert" -> "please reply" [template: T]',
        "macros/c.csv:2:11: warning jargon-corporate 'kindly revert' is corporate-speak: "
        '"kindly revert" -> "please reply" [template: T]',
        "2 problems (0 errors, 2 warnings) in 2 files",
    ]


def test_suppression_inside_a_template(here: Path) -> None:
    path = write(
        here / "s.yaml",
        "- title: T\n  body: |\n    {# replylint-disable-next-line jargon-corporate #}\n"
        "    We will kindly revert.\n    Then we will kindly revert.\n",
    )
    result = run("--select", "jargon-corporate,suppression", str(path))
    assert [line.split(" ")[0] for line in result.stdout.splitlines()[:-1]] == [f"{path}:5:18:"]


def test_the_whole_file_as_a_document() -> None:
    text = '{"notes": "per the SLA", "replies": [{"body": "Hi {{name}}, per the SLA."}]}'
    doc = parse(text, "json")
    assert doc.format == "json"
    masked = doc.masked
    assert masked.strip() == "Hi         , per the SLA."  # keys, metadata and the placeholder are blanked
    assert masked.index("per the SLA") == text.index("per the SLA.")
    with pytest.raises(LibraryError):
        parse("{", "json")
