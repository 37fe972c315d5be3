"""The changes that keep adversarial drafts linear (benchmarks/worstcase.py) find exactly what
the simpler, quadratic forms found: the sentence-end run guard, the placeholder guards, the
once-per-sentence exceptions, the span sets that answer "does a region overlap this?", and
the choice of fixes that checks each edit against its neighbours only."""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Iterator

import pytest

from replylint import fixer
from replylint.analysis import _patterns as sentence_patterns
from replylint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from replylint.document import Position, Span, SpanSet
from replylint.formats import parse
from replylint.formats.placeholders import _EMAIL, _EMAIL_BODY, _URL
from replylint.formats.placeholders import _matches as placeholder_matches
from replylint.packs import kinds


def _random_span_sets(seed: int, count: int = 400) -> Iterator[list[Span]]:
    """Sets of up to 7 spans in 0..42: empty, short, nested and equal ones."""
    rng = random.Random(seed)
    for _ in range(count):
        spans = []
        for _ in range(rng.randrange(0, 8)):
            start = rng.randrange(0, 30)
            spans.append(Span(start, start + rng.choice([0, 0, 1, 2, 5, 12])))
        yield spans


def test_span_set_answers_as_a_scan_of_every_span() -> None:
    checked = 0
    for spans in _random_span_sets(5):
        index = SpanSet(spans)
        for start in range(0, 34):
            for length in (0, 1, 2, 4, 9):
                query = Span(start, start + length)
                assert index.overlaps(query) == any(s.overlaps(query) for s in spans), (spans, query)
                checked += 1
    assert checked > 50_000


def test_span_set_holding_gives_every_span_that_holds_an_offset() -> None:
    checked = 0
    for spans in _random_span_sets(6):
        index = SpanSet(spans)
        for offset in range(0, 34):
            held = list(index.holding(offset))
            assert sorted(held) == [i for i, s in enumerate(spans) if s.start <= offset < s.end], (spans, offset)
            assert [spans[i].start for i in held] == sorted((spans[i].start for i in held), reverse=True)
            checked += 1
    assert checked == 400 * 34


def _old_sentence_end() -> re.Pattern[str]:
    mark = "[.!?…]"
    no_abbreviation = "".join(
        f"(?<!{a}{mark})"
        for a in (r"e\.g", r"i\.e", r"\betc", r"\bMrs", r"\bMr", r"\bMs", r"\bDr", r"\bvs", r"\bNo", r"\bno")
    )
    return re.compile(
        rf"""{mark}{no_abbreviation}{mark}*["'”’)\]]*(?=\s)"""
        r"""|\n[ \t]*\n+|\n(?=[ \t]*(?:[-*•]|\d+[.)])\s)|\n(?=[ \t]*[A-Z][\w ]{0,30}:[ \t])"""
    )


def test_sentence_ends_are_found_as_before_the_run_guard() -> None:
    """Only the first two marks of a run are tried now; every short text over the characters
    that matter (marks, closers, white space, the ends of abbreviations) ends sentences where
    the unguarded pattern did."""
    old, new = _old_sentence_end(), sentence_patterns()[0]
    alphabet = [".", "!", "…", " ", "\n", '"', ")", "g", "o", "N", "x"]
    checked = 0
    for length in range(1, 6):
        for chars in itertools.product(alphabet, repeat=length):
            text = "".join(chars)
            assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)], text
            checked += 1
    rng = random.Random(7)
    pieces = ["e.g", "i.e", "etc", "Mrs", "Mr", "Dr", "vs", "No", "no", ".", "!", "?", "…", " ", "\n", '"', "’", ")"]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 12)))
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)], text
        checked += 1
    assert checked > 170_000


def _old_placeholder_pattern() -> re.Pattern[str]:
    placeholder = r"""
        \{\{\{[^\n]*?\}\}\}
      | \{\{[^\n]*?\}\}
      | %\{[^{}\n]*\}
      | \$\{[^{}\n]*\}
      | \[\[[^\[\]\n]*\]\]
      | \[[A-Z][A-Z0-9 _./&-]*\](?![(\[:])
      | \{[a-z_][a-z0-9_.]*\}
      | \b__[a-z]+__\b
    """
    tag = r"\{%[^\n]*?%\}|\{\#[^#]*(?:\#(?!\})[^#]*)*\#\}"
    assert _EMAIL_BODY in _EMAIL and _EMAIL != _EMAIL_BODY  # the guard this test is about
    return re.compile(
        rf"(?P<tag>{tag})|(?P<placeholder>{placeholder})|(?P<url>{_URL})|(?P<email>{_EMAIL_BODY})", re.VERBOSE
    )


@pytest.mark.parametrize("seed", range(4))
def test_placeholders_are_found_as_before_the_guards(seed: int) -> None:
    """Inside a run of braces only the first brace, and inside a run of address characters only
    the first, is tried now (right after a match, every alternative unguarded); drafts made of
    the pieces that matter give the same regions (all shorter than the 1,000-character limit a
    placeholder now has)."""
    old = _old_placeholder_pattern()
    pieces = ["{", "{{", "{{{", "}", "}}", "}}}", "{%", "%}", "{#", "#}", "%{", "${", "[[", "]]", "[", "]", "NAME",
              "name", "a", "a.", "-", "_", "__", "@", "x@y.com", "b@c", ".com", "http://", "www.", "/", " ", "\n",
              "#", "%", "$", "'", "1"]  # fmt: skip
    rng = random.Random(seed)
    regions = 0
    for _ in range(5_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 30)))
        found = [(m.lastgroup, m.span()) for m in placeholder_matches(text)]
        assert found == [(m.lastgroup, m.span()) for m in old.finditer(text)], text
        regions += len(found)
    assert regions > 5_000


def _naive_matches(pattern: kinds.TokenSet, doc: object, common: kinds.Common) -> list[tuple[int, int]]:
    """`kinds._matches` as it was: each match looks up its sentence and scans it for exceptions."""
    text = doc.prose  # type: ignore[attr-defined]
    out = []
    for match in pattern.finditer(text):
        sentence = next(
            (s.span for s in doc.sentences if s.span.start <= match.start() < s.span.end),  # type: ignore[attr-defined]
            Span(match.start(), match.start()),
        )
        end = max(sentence.end, match.end())
        if common.exceptions is not None and any(
            e.start() < match.end() and match.start() < e.end()
            for e in common.exceptions.finditer(text, sentence.start, end)
        ):
            continue
        if common.unless is not None and common.unless.search(text, sentence.start, end):
            continue
        out.append(match.span())
    return out


def test_exceptions_once_per_sentence_keep_the_same_matches() -> None:
    tokens = kinds.compile_tokens([r"[A-Z]{4,}", r"sorry", r"we will \w+"], False, "tokens", True)
    common = kinds.Common(
        id="t",
        message="m",
        suggestion=None,
        ignorecase=False,
        fix=None,
        trusted=True,
        exceptions=kinds.compile_tokens([r"HELP(?: [A-Z]+)?", r"(?:tap|click) [A-Z]+", r"sorry to"], False, "e", True),
        unless=kinds.compile_tokens([r"by Friday", r"LATER"], False, "u", True),
    )
    rng = random.Random(3)
    words = ["PLEASE", "HELP", "CENTRE", "tap", "OPEN", "sorry", "to", "we", "will", "call", "by", "Friday",
             "LATER", "now", "ok", ".", "!", "\n\n", ",", "(HELP)"]  # fmt: skip
    found = 0
    for _ in range(3_000):
        doc = parse(" ".join(rng.choice(words) for _ in range(rng.randrange(1, 40))))
        expected = _naive_matches(tokens, doc, common)
        assert [m.span() for m in kinds._matches(tokens, doc, common)] == expected, doc.source
        found += len(expected)
    assert found > 3_000


def test_the_same_reply_again_reuses_the_token_sets_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """A library of many identical templates: each is a new string with the same text, and the
    token sets answer it from the last text they saw instead of working it out again."""
    from replylint import tokens

    words = tokens.TokenSet([r"\bsorry\b", r"\bdelay\b"], [("sorry",), ("delay",)], True, True)
    text = "Sorry for the delay."
    assert [m.group() for m in words.finditer(text)] == ["Sorry", "delay"]
    asked: list[str] = []
    real = tokens._text
    monkeypatch.setattr(tokens, "_text", lambda t: asked.append(t) or real(t))
    again = "".join(list(text))
    assert again == text and again is not text
    assert [m.group() for m in words.finditer(again)] == ["Sorry", "delay"]
    assert asked == []
    assert [m.group() for m in words.finditer("No delay at all.")] == ["delay"]
    assert asked == ["No delay at all."]


def _old_choose_fixes(items: list[Diagnostic]) -> list[Diagnostic]:
    """fixer.choose_fixes as it was: every new edit checked against every edit taken."""
    taken: list[Edit] = []
    chosen = []
    for item in sorted(items, key=lambda d: d.span):
        edits = item.fix.edits  # type: ignore[union-attr]
        if any(fixer._overlap(e, t) for e in edits for t in taken):
            continue
        taken.extend(edits)
        chosen.append(item)
    return chosen


def test_fixes_are_chosen_as_when_each_edit_was_checked_against_all() -> None:
    rng = random.Random(11)
    chosen = 0
    for _ in range(3_000):
        items = []
        for _ in range(rng.randrange(1, 12)):
            edits = []
            cursor = rng.randrange(0, 20)
            for _ in range(rng.choice([1, 1, 2])):  # a fix's own edits never overlap (engine._fits)
                start = cursor + rng.choice([0, 0, 1, 3])
                end = start + rng.choice([0, 0, 1, 2, 4])
                edits.append(Edit(Span(start, end), "x"))
                cursor = end
            span = Span(edits[0].span.start, edits[-1].span.end)
            fix = Fix(tuple(edits), Applicability.SAFE)
            here = Position(1, 1, 0)
            items.append(Diagnostic("r", "c", Severity.WARNING, "m", span, here, here, fix=fix))
        expected = _old_choose_fixes(items)
        assert fixer.choose_fixes(items, lambda d: d) == expected, items
        chosen += len(expected)
    assert chosen > 5_000


def test_suppression_scopes_are_found_as_by_a_scan_of_all() -> None:
    """Each finding used to be checked against every scope; now only scopes that can reach it.
    The answer, and which directives count as used, are the same."""
    from replylint.suppress import Directive, Suppressions, _Scope

    rng = random.Random(13)
    hits = 0
    for _ in range(2_000):
        plan = []
        for _ in range(rng.randrange(0, 10)):
            start = rng.randrange(0, 40)
            names = rng.choice([(), ("r1",), ("r2", "c1")])
            plan.append((start, start + rng.choice([0, 1, 3, 8, 40]), names))
        queries = [(rng.randrange(0, 50), rng.choice(["r1", "r2", "r3"]), rng.choice(["c1", "c2"])) for _ in range(20)]

        def build(plan: list[tuple[int, int, tuple[str, ...]]] = plan) -> Suppressions:
            made = Suppressions()
            for start, end, names in plan:
                directive = Directive(Span(start, start), "disable", names)
                made.scopes.append(_Scope(start, end, names, directive))
                made.directives.append(directive)
            return made

        new, old = build(), build()
        for offset, rule, category in queries:
            expected = False
            for scope in old.scopes:
                if scope.start <= offset < scope.end and (
                    not scope.names or rule in scope.names or category in scope.names
                ):
                    scope.directive.used = True
                    expected = True
            assert new.suppresses(offset, rule, category) == expected, (plan, offset, rule, category)
            hits += expected
        assert [d.used for d in new.directives] == [d.used for d in old.directives], plan
    assert hits > 5_000
