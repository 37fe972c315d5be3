"""The pure lint loop: failing rules, spans, protected fixes, allowed vocabulary, ordering."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replylint.diagnostics import Applicability, Edit, Finding, Fix, Severity
from replylint.document import Document, RegionKind, Span
from replylint.engine import ActiveRule, LintOptions, lint
from replylint.formats import parse
from replylint.registry import Registry
from replylint.rule import Rule, rule


def active(*rules: Rule) -> list[ActiveRule]:
    return [ActiveRule(r, r.severity) for r in rules]


def make_rule(rule_id: str, check, severity: str = "warning", category: str = "test") -> Rule:  # type: ignore[no-untyped-def]
    return rule(
        id=rule_id,
        category=category,
        severity=severity,
        summary=f"{rule_id} summary",
        rationale=f"{rule_id} rationale",
        bad=["bad"],
        good=["good"],
    )(check)


def word_rule(word: str, rule_id: str = "test-word", fix: str | None = None) -> Rule:
    """Reports every occurrence of `word` in the prose; optionally with a fix replacing it."""

    def check(doc: Document) -> Iterator[Finding]:
        start = doc.prose.find(word)
        while start != -1:
            span = Span(start, start + len(word))
            yield Finding(span, f"found {word!r}", fix=Fix((Edit(span, fix),), Applicability.SAFE) if fix else None)
            start = doc.prose.find(word, start + 1)

    return make_rule(rule_id, check)


# --------------------------------------------------------------------------- a rule that raises


def test_rule_that_raises_becomes_one_rule_error_and_the_run_continues() -> None:
    def boom(doc: Document) -> Iterator[Finding]:
        raise ValueError("table index out of range\nsecond line of detail")

    broken = make_rule("test-boom", boom)
    fine = word_rule("refund")
    diagnostics = lint(parse("Your refund is on its way."), active(broken, fine))
    assert [(d.rule, d.category, d.severity, d.message) for d in diagnostics] == [
        (
            "rule-error",
            "internal",
            Severity.ERROR,
            "rule 'test-boom' failed on this file: ValueError: table index out of range",
        ),
        ("test-word", "test", Severity.WARNING, "found 'refund'"),
    ]
    error = diagnostics[0]
    assert error.span == Span(0, 0)
    assert (error.start.line, error.start.column) == (1, 1)


def test_rule_failing_halfway_reports_only_the_error() -> None:
    def half(doc: Document) -> Iterator[Finding]:
        yield Finding(Span(0, 4), "first")
        raise KeyError("missing")

    diagnostics = lint(parse("Your refund."), active(make_rule("test-half", half)))
    assert [(d.rule, d.message) for d in diagnostics] == [
        ("rule-error", "rule 'test-half' failed on this file: KeyError: 'missing'")
    ]


def test_exception_without_a_message() -> None:
    def bare(doc: Document) -> Iterator[Finding]:
        raise RuntimeError

    [d] = lint(parse("Hello."), active(make_rule("test-bare", bare)))
    assert d.message == "rule 'test-bare' failed on this file: RuntimeError"


def test_each_failing_rule_gets_its_own_error() -> None:
    def boom(doc: Document) -> Iterator[Finding]:
        raise ZeroDivisionError("division by zero")

    diagnostics = lint(parse("Hello."), active(make_rule("test-a", boom), make_rule("test-b", boom)))
    assert [d.message.split(":")[0] for d in diagnostics] == [
        "rule 'test-a' failed on this file",
        "rule 'test-b' failed on this file",
    ]


def test_rule_error_on_an_empty_document() -> None:
    def boom(doc: Document) -> Iterator[Finding]:
        raise IndexError("list index out of range")

    [d] = lint(parse(""), active(make_rule("test-empty", boom)))
    assert d.rule == "rule-error" and d.span == Span(0, 0)


# --------------------------------------------------------------------------- spans


def test_span_past_the_end_is_clamped() -> None:
    def wild(doc: Document) -> Iterator[Finding]:
        yield Finding(Span(3, 10_000), "too far")
        yield Finding(Span(500, 600), "starts past the end")

    text = "Hi Sam\nthanks"
    diagnostics = lint(parse(text), active(make_rule("test-wild", wild)))
    for d in diagnostics:
        assert 0 <= d.span.start <= d.span.end <= len(text)
        assert (d.end.line, d.end.column) == (2, 7)
    assert [d.matched for d in diagnostics] == ["Sam\nthanks", ""]


def test_positions_agree_with_spans() -> None:
    text = "Hi Zoë,\r\n\r\n\tOur 🙂 refund is on its way.\n"
    [d] = lint(parse(text), active(word_rule("refund")))
    assert d.span.start == text.index("refund")
    assert (d.start.line, d.start.column, d.start.offset) == (3, 8, d.span.start)  # tab and emoji: one column each
    assert (d.end.line, d.end.column, d.end.offset) == (3, 14, d.span.end)
    assert d.matched == "refund"


def test_diagnostics_are_sorted_by_position_then_rule() -> None:
    text = "Refund: refund, refund."
    diagnostics = lint(parse(text.lower()), active(word_rule("refund", "test-z"), word_rule("refund", "test-a")))
    assert [(d.span.start, d.rule) for d in diagnostics] == [
        (0, "test-a"),
        (0, "test-z"),
        (8, "test-a"),
        (8, "test-z"),
        (16, "test-a"),
        (16, "test-z"),
    ]


WORDS = [
    "refund", "TAT", "SLA", "soon", "ASAP", "sorry", "Sorry", "apologise", "you", "should", "have", "backed", "up",
    "guarantee", "100%", "never", "happen", "again", "as", "per", "kindly", "revert", "backend", "hotfix",
    "someone", "will", "be", "in", "touch", "delayed", "was", "our", "mistake", "obviously", "e.g.", "Mr.",
    "{{ ticket.id }}", "%{x}", "[CUSTOMER NAME]", "https://example.com/a?b=c", "a@b.co", '"quoted words"',
    "`code`", "<!-- replylint-disable -->", "<!-- replylint-disable-next-line jargon -->", "{# replylint-enable #}",
    "**bold**", "> quoted", "On Mon, Ann wrote:", "-- ", "😀", "e\u0301", "\t", "\r\n", "\n", "\n\n", ".", "?", "!",
    "- item", "1.", "```", "---", "[link](https://example.com)",
]  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    parts=st.lists(st.sampled_from(WORDS), max_size=40),
    fmt=st.sampled_from(["plain", "markdown", "template"]),
)
def test_every_rule_keeps_its_spans_inside_the_text(registry: Registry, parts: list[str], fmt: str) -> None:
    text = " ".join(parts)
    diagnostics = lint(parse(text, fmt), registry.select(), LintOptions(is_known=registry.is_known))
    assert not [d.message for d in diagnostics if d.rule == "rule-error"]
    for d in diagnostics:
        assert 0 <= d.span.start <= d.span.end <= len(text), d
        assert (d.start.offset, d.end.offset) == (d.span.start, d.span.end)
        assert d.matched == text[d.span.start : d.span.end]
        line_start = text.rfind("\n", 0, d.span.start) + 1
        assert d.start.line == text.count("\n", 0, d.span.start) + 1
        assert d.start.column == d.span.start - line_start + 1
        if d.fix is not None:
            for edit in d.fix.edits:
                assert 0 <= edit.span.start <= edit.span.end <= len(text)


# --------------------------------------------------------------------------- protected regions


def test_fix_touching_a_placeholder_is_dropped() -> None:
    text = "Hi {{ ticket.requester.first_name }}, thanks."

    def touches(doc: Document) -> Iterator[Finding]:
        start = text.index("first_name")
        yield Finding(Span(start, start + 10), "x", fix=Fix((Edit(Span(start, start + 10), "name"),)))
        thanks = text.index("thanks")
        yield Finding(Span(thanks, thanks + 6), "y", fix=Fix((Edit(Span(thanks, thanks + 6), "Thanks"),)))

    doc = parse(text, "template")
    assert doc.regions_of(RegionKind.PLACEHOLDER)
    first, second = lint(doc, active(make_rule("test-fix", touches)))
    assert first.fix is None  # never rewrite a placeholder
    assert second.fix is not None and second.fix.edits[0].replacement == "Thanks"


def test_fix_with_one_edit_in_a_quote_is_dropped_whole() -> None:
    text = 'You wrote "cancel it" and I will cancel it.'

    def two_edits(doc: Document) -> Iterator[Finding]:
        inside = text.index("cancel")
        outside = text.rindex("cancel")
        edits = (Edit(Span(outside, outside + 6), "stop"), Edit(Span(inside, inside + 6), "stop"))
        yield Finding(Span(outside, outside + 6), "x", fix=Fix(edits))

    [d] = lint(parse(text), active(make_rule("test-quote", two_edits)))
    assert d.fix is None


def test_insertion_inside_code_is_dropped_but_at_its_edge_is_kept() -> None:
    text = "Run `make build` now."
    code = text.index("`")

    def inserts(doc: Document) -> Iterator[Finding]:
        yield Finding(Span(0, 3), "inside", fix=Fix((Edit(Span(code + 3, code + 3), "X"),)))
        yield Finding(Span(0, 3), "edge", fix=Fix((Edit(Span(code, code), "the command "),)))

    doc = parse(text, "markdown")
    assert [r.kind for r in doc.regions] == [RegionKind.CODE]
    edge, inside = sorted(lint(doc, active(make_rule("test-insert", inserts))), key=lambda d: d.message)
    assert (edge.message, edge.fix is not None) == ("edge", True)
    assert (inside.message, inside.fix) == ("inside", None)


def test_first_party_fix_next_to_a_url_is_kept(registry: Registry) -> None:
    text = "We will circle back at https://example.com/status today."
    [d] = lint(parse(text), registry.select(select=["jargon-corporate"]))
    assert d.fix is not None and d.fix.edits[0].replacement == "follow up"


# --------------------------------------------------------------------------- allowed vocabulary


def test_allowed_terms_drop_term_rule_findings(registry: Registry) -> None:
    text = "Our TAT is two days and we will respond per the SLA."
    rules = registry.select(select=["jargon-acronym"])
    assert [d.matched for d in lint(parse(text), rules)] == ["TAT", "per the SLA"]
    assert [d.matched for d in lint(parse(text), rules, LintOptions(allowed_terms=("tat",)))] == ["per the SLA"]
    # a term inside a longer finding drops that finding too
    assert [d.matched for d in lint(parse(text), rules, LintOptions(allowed_terms=("SLA",)))] == ["TAT"]


def test_allowed_terms_match_whole_words_only(registry: Registry) -> None:
    rules = registry.select(select=["jargon-acronym"])
    diagnostics = lint(parse("Our TAT is two days."), rules, LintOptions(allowed_terms=("TA", "TATA")))
    assert [d.matched for d in diagnostics] == ["TAT"]


def test_allowed_terms_do_not_touch_rules_that_are_not_term_rules() -> None:
    plain = word_rule("refund", "test-plain")
    term = dataclasses.replace(word_rule("refund", "test-term"), term_rule=True)
    diagnostics = lint(parse("Your refund."), active(plain, term), LintOptions(allowed_terms=("refund",)))
    assert [d.rule for d in diagnostics] == ["test-plain"]


def test_active_rule_severity_overrides_the_rule_default() -> None:
    r = word_rule("refund")
    [d] = lint(parse("Your refund."), [ActiveRule(r, Severity.ERROR)])
    assert d.severity is Severity.ERROR


def test_suppression_errors_need_the_suppression_rule_active(registry: Registry) -> None:
    text = "<!-- replylint-disabel jargon -->\nOur TAT is two days.\n"
    options = LintOptions(is_known=registry.is_known)
    only_jargon = lint(parse(text, "markdown"), registry.select(select=["jargon-acronym"]), options)
    assert [d.rule for d in only_jargon] == ["jargon-acronym"]
    with_suppression = lint(parse(text, "markdown"), registry.select(select=["jargon-acronym", "suppression"]), options)
    assert [d.rule for d in with_suppression] == ["suppression-invalid", "jargon-acronym"]


def test_a_message_quotes_a_wrapped_admission_on_one_line() -> None:
    from replylint.api import lint_text

    found = lint_text("Hi Ann,\nyour order was\ndelayed. It ships on Monday.\n", select=["apology-missing"])
    assert [(d.matched, d.message) for d in found] == [
        ("was\ndelayed", "the reply admits a problem on our side ('was delayed') but never apologises")
    ]
