"""The in-process API: drafts and libraries of templates."""

from __future__ import annotations

import pytest

from replylint.api import lint_text
from replylint.formats.library import LibraryError


def test_lint_text_on_a_draft() -> None:
    found = lint_text("Per the SLA we will circle back.\n")
    assert {d.rule for d in found} >= {"jargon-acronym", "jargon-corporate"}
    assert all(d.template is None for d in found)


def test_lint_text_on_a_json_library_points_into_the_file_and_names_the_template() -> None:
    text = '{"macros": [{"title": "Refund", "body": "Per the SLA we will circle back."}]}'
    found = lint_text(text, "json", select=["jargon-acronym"])
    assert [(d.rule, d.start.column, d.matched, d.template) for d in found] == [
        ("jargon-acronym", 42, "Per the SLA", "Refund")
    ]


def test_lint_text_on_a_malformed_library_raises_library_error() -> None:
    with pytest.raises(LibraryError):
        lint_text('{"macros": [', "json")


def test_lint_text_lints_a_very_large_draft_in_sections_as_the_command_line_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from replylint import sections

    monkeypatch.setattr(sections, "LARGE_DRAFT", 300)
    monkeypatch.setattr(sections, "TARGET", 200)
    calls = []
    whole = sections.lint_sections

    def spy(*args: object, **kwargs: object) -> object:
        calls.append(args[0])
        return whole(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sections, "lint_sections", spy)
    reply = "Hi Sam,\n\nPer the SLA we will circle back.\n\nThanks, Jo\n\n"
    text = reply * 12
    found = lint_text(text, select=["jargon-acronym"])
    assert calls == [text]
    assert [(d.start.line, d.start.column, d.matched) for d in found] == [
        (3 + 6 * i, 1, "Per the SLA") for i in range(12)
    ]
    assert lint_text(reply, select=["jargon-acronym"])[0].matched == "Per the SLA"
    assert calls == [text]  # a short draft is linted whole


def test_the_readme_example_runs() -> None:
    """The README's in-process example, as written there."""
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"```python\n(from replylint\.api import lint_text\n.*?)```", readme, re.DOTALL)
    printed: list[tuple[object, ...]] = []
    exec(example, {"draft": "Per the SLA we will circle back.", "print": lambda *a: printed.append(a)})  # noqa: S102
    assert {"jargon-acronym", "jargon-corporate"} <= {p[2] for p in printed}
