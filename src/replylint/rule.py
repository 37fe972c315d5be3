"""What a rule is: metadata plus a pure check over a document.

Built-in Python rules, YAML pack rules and plugin rules all become `Rule`
values and go through the same engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from replylint.diagnostics import Applicability, Finding, Severity
from replylint.document import Document

Check = Callable[[Document], Iterable[Finding]]

RULE_ID_PATTERN = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"


class Example(NamedTuple):
    text: str
    note: str = ""


OPTION_KINDS = ("number", "integer", "strings", "boolean")


class Option(NamedTuple):
    """A setting a rule takes from `[tool.replylint.options.<rule-id>]`."""

    name: str
    kind: str  # one of OPTION_KINDS
    default: Any
    help: str = ""

    def accepts(self, value: Any) -> bool:
        if self.kind == "boolean":
            return isinstance(value, bool)
        if self.kind == "strings":
            return isinstance(value, list) and all(isinstance(v, str) for v in value)
        if isinstance(value, bool):
            return False
        return isinstance(value, int) if self.kind == "integer" else isinstance(value, (int, float))


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
    # Terms the team vocabulary allows are dropped from this rule's findings (the jargon packs).
    term_rule: bool = False
    options: tuple[Option, ...] = ()
    # Builds the check for configured option values (every option present, defaults filled in).
    configure: Callable[[Mapping[str, Any]], Check] | None = field(default=None, repr=False, compare=False)

    def with_options(self, values: Mapping[str, Any]) -> Rule:
        if not values or self.configure is None:
            return self
        merged = {o.name: o.default for o in self.options} | dict(values)
        return replace(self, check=self.configure(merged))


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
    options: Iterable[Option] = (),
) -> Callable[[Callable[..., Iterable[Finding]]], Rule]:
    """Decorator that turns a check function into a Rule.

    With `options`, the function takes `(doc, options)`, a mapping of every option's value.
    """
    declared = tuple(options)

    def wrap(function: Callable[..., Iterable[Finding]]) -> Rule:
        configure = None
        check: Check = function
        if declared:

            def configure(values: Mapping[str, Any]) -> Check:
                return lambda doc: function(doc, values)

            check = configure({o.name: o.default for o in declared})
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
            options=declared,
            configure=configure,
        )

    return wrap
