"""Inline suppression comments: Markdown and template directives, scopes, and errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.cli import main
from replylint.engine import LintOptions, lint
from replylint.formats import parse
from replylint.registry import Registry

LINE = "Our TAT is two days."  # jargon-acronym at column 5


def found(registry: Registry, text: str, fmt: str = "markdown", select: tuple[str, ...] = ()) -> list[tuple]:
    rules = registry.select(select=select or ("jargon-acronym", "blame-accusatory", "suppression"))
    diagnostics = lint(parse(text, fmt), rules, LintOptions(is_known=registry.is_known))
    return [(d.rule, d.start.line, d.start.column) for d in diagnostics]


# --------------------------------------------------------------------------- Markdown


def test_disable_until_enable(registry: Registry) -> None:
    text = f"<!-- replylint-disable jargon-acronym -->\n{LINE}\n{LINE}\n<!-- replylint-enable -->\n{LINE}\n"
    assert found(registry, text) == [("jargon-acronym", 5, 5)]


def test_disable_without_enable_runs_to_the_end(registry: Registry) -> None:
    text = f"{LINE}\n\n<!-- replylint-disable jargon-acronym -->\n\n{LINE}\n\n{LINE}\n"
    assert found(registry, text) == [("jargon-acronym", 1, 5)]


def test_disable_only_the_named_rule(registry: Registry) -> None:
    text = f"<!-- replylint-disable jargon-acronym -->\n{LINE} You broke it.\n"
    assert found(registry, text) == [("blame-accusatory", 2, 22)]


def test_disable_next_line(registry: Registry) -> None:
    text = f"<!-- replylint-disable-next-line jargon-acronym -->\n{LINE}\n{LINE}\n"
    assert found(registry, text) == [("jargon-acronym", 3, 5)]


def test_disable_next_line_skips_blank_lines(registry: Registry) -> None:
    text = f"<!-- replylint-disable-next-line jargon-acronym -->\n\n{LINE}\n\n{LINE}\n"
    assert found(registry, text) == [("jargon-acronym", 5, 5)]


def test_disable_next_line_after_text_on_the_same_line(registry: Registry) -> None:
    text = f"{LINE} <!-- replylint-disable-next-line jargon-acronym -->\n{LINE}\n"
    assert found(registry, text) == [("jargon-acronym", 1, 5)]


def test_category_name(registry: Registry) -> None:
    text = f"<!-- replylint-disable-next-line jargon -->\n{LINE}\n"
    assert found(registry, text) == []


def test_several_names_with_commas_or_spaces(registry: Registry) -> None:
    text = f"<!-- replylint-disable-next-line jargon-acronym, blame -->\n{LINE} You broke it.\n"
    assert found(registry, text) == []
    text = f"<!-- replylint-disable-next-line jargon-acronym blame-accusatory -->\n{LINE} You broke it.\n"
    assert found(registry, text) == []


def test_blanket_disable(registry: Registry) -> None:
    text = f"<!-- replylint-disable -->\n{LINE} You broke it.\n<!-- replylint-enable -->\nYou broke it.\n"
    assert found(registry, text) == [("blame-accusatory", 4, 1)]


def test_blanket_disable_next_line(registry: Registry) -> None:
    text = f"<!-- replylint-disable-next-line -->\n{LINE} You broke it.\n{LINE}\n"
    assert found(registry, text) == [("jargon-acronym", 3, 5)]


def test_nested_scopes_close_independently(registry: Registry) -> None:
    text = (
        "<!-- replylint-disable jargon-acronym -->\n"
        "<!-- replylint-disable blame -->\n"
        f"{LINE} You broke it.\n"
        "<!-- replylint-enable blame -->\n"
        f"{LINE} You broke it.\n"
        "<!-- replylint-enable jargon-acronym -->\n"
        f"{LINE}\n"
    )
    assert found(registry, text) == [("blame-accusatory", 5, 22), ("jargon-acronym", 7, 5)]


def test_directive_without_spaces_inside_the_comment(registry: Registry) -> None:
    text = f"<!--replylint-disable-next-line jargon-acronym-->\n{LINE}\n"
    assert found(registry, text) == []


def test_directive_inside_a_code_block_is_not_a_directive(registry: Registry) -> None:
    text = f"```\n<!-- replylint-disable -->\n```\n\n{LINE}\n"
    assert found(registry, text) == [("jargon-acronym", 5, 5)]


def test_ordinary_comments_are_ignored(registry: Registry) -> None:
    text = f"<!-- agent note: customer is VIP -->\n{LINE}\n"
    assert found(registry, text) == [("jargon-acronym", 2, 5)]


# --------------------------------------------------------------------------- templates and plain text


def test_template_comment_directive(registry: Registry) -> None:
    text = f"{{# replylint-disable-next-line jargon-acronym #}}\n{LINE}\n{LINE}\n"
    assert found(registry, text, "template") == [("jargon-acronym", 3, 5)]


def test_template_disable_enable(registry: Registry) -> None:
    text = f"{{# replylint-disable jargon #}}\nHi {{{{ name }}}}, {LINE}\n{{# replylint-enable #}}\n{LINE}\n"
    assert found(registry, text, "template") == [("jargon-acronym", 4, 5)]


def test_liquid_file_through_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "macro.liquid").write_text(
        "Hi {{ ticket.requester.first_name }},\n\n"
        "{# replylint-disable-next-line jargon-acronym #}\n"
        f"{LINE}\n\n"
        "{% if ticket.priority == 'urgent' %}We will respond per the SLA.{% endif %}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["--select", "jargon-acronym,suppression", "macro.liquid"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "macro.liquid:6:53: warning jargon-acronym 'per the SLA' is internal shorthand the customer may not know: "
        '"per the SLA" -> "within the time we promised"',
        "1 problem (0 errors, 1 warning) in 1 file",
    ]


def test_html_comment_in_a_template_is_not_a_directive(registry: Registry) -> None:
    text = f"<!-- replylint-disable-next-line jargon-acronym -->\n{LINE}\n"
    assert ("jargon-acronym", 2, 5) in found(registry, text, "template")


@pytest.mark.parametrize(
    "directive",
    [
        "<!-- replylint-disable-next-line jargon-acronym -->",
        "{# replylint-disable-next-line jargon-acronym #}",
        "<!-- replylint-disable -->",
    ],
)
def test_plain_text_ignores_directives(registry: Registry, directive: str) -> None:
    text = f"{directive}\n{LINE}\n"
    assert found(registry, text, "plain") == [("jargon-acronym", 2, 5)]


# --------------------------------------------------------------------------- invalid and unused directives


def messages(registry: Registry, text: str, fmt: str = "markdown") -> list[tuple[str, str, str]]:
    rules = registry.select(select=("jargon-acronym", "suppression"))
    diagnostics = lint(parse(text, fmt), rules, LintOptions(is_known=registry.is_known))
    return [(d.rule, d.severity.label, d.message) for d in diagnostics]


def test_malformed_directive_is_an_error_and_suppresses_nothing(registry: Registry) -> None:
    text = f"<!-- replylint-disabel jargon-acronym -->\n{LINE}\n"
    assert messages(registry, text) == [
        (
            "suppression-invalid",
            "error",
            "malformed replylint comment 'replylint-disabel': "
            "use replylint-disable, replylint-enable or replylint-disable-next-line",
        ),
        ("jargon-acronym", "warning", "'TAT' is internal shorthand the customer may not know"),
    ]


def test_malformed_directive_with_a_space(registry: Registry) -> None:
    text = f"<!-- replylint disable -->\n{LINE}\n"
    assert [m[0] for m in messages(registry, text)] == ["suppression-invalid", "jargon-acronym"]


def test_unknown_rule_name_is_an_error_and_suppresses_nothing(registry: Registry) -> None:
    text = f"<!-- replylint-disable-next-line jargon-acronym, no-such-rule -->\n{LINE}\n"
    assert messages(registry, text) == [
        ("suppression-invalid", "error", "replylint-disable-next-line names unknown rule or category 'no-such-rule'"),
        ("jargon-acronym", "warning", "'TAT' is internal shorthand the customer may not know"),
    ]


def test_rule_names_are_case_sensitive(registry: Registry) -> None:
    text = f"<!-- replylint-disable JARGON -->\n{LINE}\n"
    assert messages(registry, text)[0] == (
        "suppression-invalid",
        "error",
        "replylint-disable names unknown rule or category 'JARGON'",
    )


def test_invalid_directive_position(registry: Registry) -> None:
    text = f"Thanks!\n\n  <!-- replylint-enabel -->\n{LINE}\n"
    [invalid] = [d for d in found(registry, text) if d[0] == "suppression-invalid"]
    assert invalid == ("suppression-invalid", 3, 3)


def test_unused_directive(registry: Registry) -> None:
    text = "<!-- replylint-disable-next-line blame-accusatory -->\nThanks for writing in.\n"
    assert messages(registry, text) == [
        (
            "suppression-unused",
            "warning",
            "replylint-disable-next-line (blame-accusatory) suppresses nothing; remove it",
        )
    ]


def test_unused_blanket_directive(registry: Registry) -> None:
    text = "<!-- replylint-disable -->\nThanks for writing in.\n<!-- replylint-enable -->\n"
    assert messages(registry, text) == [
        ("suppression-unused", "warning", "replylint-disable (all rules) suppresses nothing; remove it")
    ]


def test_enable_is_never_unused(registry: Registry) -> None:
    assert messages(registry, "<!-- replylint-enable -->\nThanks for writing in.\n") == []


def test_used_directive_is_not_reported(registry: Registry) -> None:
    assert messages(registry, f"<!-- replylint-disable-next-line jargon -->\n{LINE}\n") == []


def test_unused_directive_through_the_cli_exits_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reply.md").write_text(
        "<!-- replylint-disable-next-line blame -->\nThanks for writing in.\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["--format", "json", "reply.md"])
    assert result.exit_code == 1
    [d] = json.loads(result.stdout)["files"][0]["diagnostics"]
    assert (d["rule"], d["category"], d["start"], d["text"]) == (
        "suppression-unused",
        "suppression",
        {"line": 1, "column": 1, "offset": 0},
        "<!-- replylint-disable-next-line blame -->",
    )


def test_invalid_directive_through_the_cli_exits_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reply.md").write_text("<!-- replylint-disabel -->\nThanks for writing in.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["reply.md"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "reply.md:1:1: error suppression-invalid malformed replylint comment 'replylint-disabel': "
        "use replylint-disable, replylint-enable or replylint-disable-next-line"
    )


def test_suppression_rules_can_be_ignored(registry: Registry) -> None:
    text = "<!-- replylint-disabel -->\n<!-- replylint-disable-next-line blame -->\nThanks.\n"
    rules = registry.select(ignore=("suppression",))
    assert lint(parse(text, "markdown"), rules, LintOptions(is_known=registry.is_known)) == []


def test_disable_all_is_a_blanket_disable(registry: Registry) -> None:
    # "disable all" is the same as naming nothing: it hides every rule and so is not unused.
    text = f"<!-- replylint-disable all -->\n{LINE}\n"
    assert found(registry, text) == []
