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
