"""The pure lint loop: a document and the active rules in, diagnostics out.

No I/O, no printing, no globals. A rule that raises becomes one `rule-error`
diagnostic and the other rules still run.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from replylint.diagnostics import Diagnostic, Finding, Fix, Severity
from replylint.document import Document, Span
from replylint.rule import Rule


class ActiveRule(NamedTuple):
    rule: Rule
    severity: Severity


class LintOptions(NamedTuple):
    # Terms the team allows: findings of term rules whose matched text contains one are dropped.
    allowed_terms: tuple[str, ...] = ()
    # Accepts any registered rule id or category (for suppression comments).
    is_known: Callable[[str], bool] = lambda name: False


def lint(doc: Document, rules: Sequence[ActiveRule], options: LintOptions | None = None) -> list[Diagnostic]:
    from replylint.suppress import parse_directives

    options = options or LintOptions()

    suppressions = parse_directives(doc, options.is_known)
    allowed = _allowed_pattern(tuple(options.allowed_terms))
    out: list[Diagnostic] = []
    for active in rules:
        rule = active.rule
        try:
            findings = list(rule.check(doc))
        except Exception as exc:  # noqa: BLE001 - one failing rule must not stop the run
            detail = str(exc).splitlines()[0] if str(exc) else ""
            out.append(
                _diagnostic(
                    doc,
                    "rule-error",
                    "internal",
                    Severity.ERROR,
                    Finding(
                        Span(0, 0),
                        f"rule {rule.id!r} failed on this file: {type(exc).__name__}{': ' + detail if detail else ''}",
                    ),
                )
            )
            continue
        for finding in findings:
            if allowed is not None and rule.term_rule and allowed.search(doc.text(finding.span)):
                continue
            if suppressions.suppresses(finding.span.start, rule.id, rule.category):
                continue
            out.append(_diagnostic(doc, rule.id, rule.category, active.severity, finding))
    if not suppressions.errors and not suppressions.directives:  # most drafts: no suppression comments
        out.sort(key=lambda d: d.sort_key)
        return out
    active_ids = {a.rule.id for a in rules}
    for span, message in suppressions.errors:
        if "suppression-invalid" in active_ids:
            out.append(
                _diagnostic(
                    doc,
                    "suppression-invalid",
                    "suppression",
                    _severity(rules, "suppression-invalid"),
                    Finding(span, message),
                )
            )
    if "suppression-unused" in active_ids:
        for directive in suppressions.unused():
            names = " ".join(directive.names) or "all rules"
            out.append(
                _diagnostic(
                    doc,
                    "suppression-unused",
                    "suppression",
                    _severity(rules, "suppression-unused"),
                    Finding(directive.span, f"replylint-{directive.action} ({names}) suppresses nothing; remove it"),
                )
            )
    out.sort(key=lambda d: d.sort_key)
    return out


def _severity(rules: Sequence[ActiveRule], rule_id: str) -> Severity:
    return next(a.severity for a in rules if a.rule.id == rule_id)


@functools.cache  # one pattern per term list, not one per linted document
def _allowed_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    if not terms:
        return None
    alternation = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)


def _fits(fix: Fix, text: str) -> bool:
    """True when the edits lie inside the text, do not overlap, and split no character as a reader sees it."""
    cursor = 0
    for edit in sorted(fix.edits, key=lambda e: (e.span.start, e.span.end)):
        start, end = edit.span
        if not cursor <= start <= end <= len(text) or _inside_character(text, start) or _inside_character(text, end):
            return False
        cursor = end
    return True


def _inside_character(text: str, offset: int) -> bool:
    """True when `offset` falls between a CR and its LF, a letter and a combining mark after it (a match of
    'SLA' in a decomposed 'SLÁ'), or around a zero-width joiner."""
    if not 0 < offset < len(text):
        return False
    after = text[offset]
    if after < "\u0300":  # ASCII and Latin-1: no marks (most offsets stop here)
        return after == "\n" and text[offset - 1] == "\r"
    import unicodedata

    return unicodedata.category(after) in ("Mn", "Mc", "Me") or "\u200d" in (after, text[offset - 1])


def _diagnostic(doc: Document, rule_id: str, category: str, severity: Severity, finding: Finding) -> Diagnostic:
    span, size = finding.span, len(doc.source)
    if not 0 <= span.start <= span.end <= size:  # a plugin's bad span must not break output
        start = min(max(span.start, 0), size)
        span = Span(start, min(max(span.end, start), size))
    fix = finding.fix
    if fix is not None and (not _fits(fix, doc.source) or any(doc.is_protected(e.span) for e in fix.edits)):
        fix = None  # never touch placeholders, quotes, code or comments, nor half a character
    return Diagnostic(
        rule=rule_id,
        category=category,
        severity=severity,
        # One line, whatever a rule (or a plugin) quotes: a line break would break every line-based
        # report, and a quoted placeholder or phrase may run over one.
        message=" ".join(finding.message.split()),
        span=span,
        start=doc.lines.position(span.start),
        end=doc.lines.position(span.end),
        matched=doc.text(span),
        suggestion=finding.suggestion,
        fix=fix,
        replacements=finding.replacements,
    )
