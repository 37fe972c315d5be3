"""Rules the engine itself reports: suppression comments and rules that fail."""

from __future__ import annotations

from collections.abc import Iterator

from replylint.diagnostics import Finding
from replylint.document import Document
from replylint.rule import Rule, rule


def _none(doc: Document) -> Iterator[Finding]:
    return iter(())


suppression_invalid = rule(
    id="suppression-invalid",
    category="suppression",
    severity="error",
    summary="A replylint comment that cannot be understood.",
    rationale=(
        "A misspelt directive or an unknown rule id in a replylint comment is reported, never "
        "read as 'disable everything', so a typo cannot silence the linter."
    ),
    bad=["<!-- replylint-disabel blame -->", "<!-- replylint-disable no-such-rule -->"],
    good=["<!-- replylint-disable-next-line jargon-acronym -->"],
)(_none)

suppression_unused = rule(
    id="suppression-unused",
    category="suppression",
    severity="warning",
    summary="A replylint-disable comment that suppresses nothing.",
    rationale="A suppression that no longer hides anything hides future problems; remove it.",
    bad=["<!-- replylint-disable-next-line blame-accusatory -->\nThanks for writing in."],
    good=["<!-- replylint-disable-next-line jargon-acronym -->\nYour RMA number is 1234."],
)(_none)

rule_error = rule(
    id="rule-error",
    category="internal",
    severity="error",
    summary="A rule failed on this file; the other rules still ran.",
    rationale="A rule that raises an error, or whose pattern runs too long, is reported and skipped for that file.",
)(_none)

RULES: tuple[Rule, ...] = (suppression_invalid, suppression_unused, rule_error)
ENGINE_RULE_IDS = frozenset(r.id for r in RULES)
