"""What a rule is: metadata plus a pure check over a document.

Built-in Python rules, YAML pack rules and plugin rules all become `Rule`
values and go through the same engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from replylint.diagnostics import Applicability, Finding, Severity
from replylint.document import Document

Check = Callable[[Document], Iterable[Finding]]

RULE_ID_PATTERN = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"


class Example(NamedTuple):
    text: str
    note: str = ""


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    severity: Severity
    summary: str
    rationale: str
    check: Check = field(repr=False, compare=False)
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()
    fix: Applicability | None = None  # the best fix the rule can offer, if any
    origin: str = "builtin"  # builtin, a pack file, or a plugin "package version"
    # Terms the team vocabulary allows are dropped from this rule's findings.
    term_rule: bool = False


def rule(
    *,
    id: str,
    category: str,
    severity: str,
    summary: str,
    rationale: str,
    bad: Iterable[str] = (),
    good: Iterable[str] = (),
    fix: Applicability | None = None,
) -> Callable[[Check], Rule]:
    """Decorator that turns a check function into a Rule."""

    def wrap(check: Check) -> Rule:
        return Rule(
            id=id,
            category=category,
            severity=Severity.parse(severity),
            summary=summary,
            rationale=rationale,
            check=check,
            bad=tuple(Example(t) for t in bad),
            good=tuple(Example(t) for t in good),
            fix=fix,
        )

    return wrap
