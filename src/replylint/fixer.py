"""Apply fixes: one pass that skips overlapping edits, then re-lint, a bounded number of times.

Pure: text in, text out. The engine has already dropped every fix that would
touch a protected region (placeholders, quotes, code, comments).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple, TypeVar

from replylint.diagnostics import Applicability, Diagnostic, Edit
from replylint.document import Span, SpanSet

MAX_PASSES = 5
T = TypeVar("T")


class FixResult(NamedTuple):
    text: str
    applied: int  # edits applied over all passes
    settled: bool  # False: fixes kept producing new fixes; the original is kept
    diagnostics: tuple[Diagnostic, ...]  # what is left after fixing


def applicable(diagnostic: Diagnostic, unsafe: bool) -> bool:
    fix = diagnostic.fix
    if fix is None:
        return False
    return fix.applicability is Applicability.SAFE or (unsafe and fix.applicability is Applicability.UNSAFE)


def apply_edits(text: str, edits: Sequence[Edit]) -> tuple[str, int]:
    """Apply non-overlapping edits in order of position; later overlapping ones are skipped."""
    out: list[str] = []
    cursor, applied = 0, 0
    for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end)):
        if edit.span.start < cursor:
            continue
        out.append(text[cursor : edit.span.start])
        out.append(edit.replacement)
        cursor = edit.span.end
        applied += 1
    out.append(text[cursor:])
    return "".join(out), applied


def fix_text(
    text: str, lint: Callable[[str], Sequence[Diagnostic]], unsafe: bool = False, protected: Iterable[Span] = ()
) -> FixResult:
    """Fix until nothing fixable is left, or give up after MAX_PASSES and keep the original.

    `protected`: the spans of `text` no fix may change (its document's regions: see Kept).
    """
    current, total = text, 0
    kept = Kept(protected)
    diagnostics = tuple(lint(current))
    for _ in range(MAX_PASSES):
        fixes = [d for d in diagnostics if applicable(d, unsafe) and kept.allows(d)]
        if not fixes:
            return FixResult(current, total, True, diagnostics)
        chosen = choose_fixes(fixes, lambda d: d)
        edits = [e for d in chosen for e in d.fix.edits]  # type: ignore[union-attr]
        current, applied = apply_edits(current, edits)
        kept = kept.moved(edits)
        total += applied
        diagnostics = tuple(lint(current))
    if any(applicable(d, unsafe) and kept.allows(d) for d in diagnostics):
        return FixResult(text, 0, False, tuple(lint(text)))
    return FixResult(current, total, True, diagnostics)


class Kept:
    """The spans of the original text that no fix may change (quotes, placeholders, code...),
    followed through each pass's edits.

    The engine drops a fix that touches a region of the text it lints, but a pass's edits can
    make the next text's regions read differently: a sentence inserted between two quotation
    marks pairs every later quotation mark anew, and the customer's quoted words became prose a
    later pass fixed (found by fuzzing). So every pass is also held to where the original's
    regions are now.
    """

    __slots__ = ("spans", "_set")

    def __init__(self, spans: Iterable[Span]) -> None:
        self.spans = sorted(span for span in spans if span.start < span.end)
        self._set = SpanSet(self.spans)

    def allows(self, diagnostic: Diagnostic) -> bool:
        """Whether none of the diagnostic's fix edits touches a kept span (as Document.is_protected)."""
        return not self.spans or not any(self._set.overlaps(e.span) for e in diagnostic.fix.edits)  # type: ignore[union-attr]

    def moved(self, edits: Sequence[Edit]) -> Kept:
        """The kept spans after `edits` (that none of them touched) are applied."""
        if not self.spans or not edits:
            return self
        ordered = sorted(edits, key=lambda e: (e.span.start, e.span.end))
        out, shift, index = [], 0, 0
        for span in self.spans:  # in order; an edit before a span ends by its start
            while index < len(ordered) and ordered[index].span.end <= span.start:
                edit = ordered[index]
                shift += len(edit.replacement) - (edit.span.end - edit.span.start)
                index += 1
            out.append(Span(span.start + shift, span.end + shift))
        return Kept(out)


def choose_fixes(items: Sequence[T], diagnostic_of: Callable[[T], Diagnostic]) -> list[T]:
    """Whole fixes in order of position: one diagnostic's edits go together, and a fix with an
    edit that overlaps one already taken is skipped.

    The edits taken are kept in order (they never overlap, so their ends are in order too) and
    each new edit is checked against its neighbours only: checking every edit taken made a draft
    with thousands of fixes cost their square.
    """
    taken: list[tuple[int, int]] = []  # the spans of the edits taken, in order
    chosen: list[T] = []
    for item in sorted(items, key=lambda i: diagnostic_of(i).span):
        edits = diagnostic_of(item).fix.edits  # type: ignore[union-attr]
        if any(_overlaps_taken(e, taken) for e in edits):
            continue
        for edit in edits:
            bisect.insort(taken, (edit.span.start, edit.span.end))
        chosen.append(item)
    return chosen


def _overlaps_taken(edit: Edit, taken: list[tuple[int, int]]) -> bool:
    """Whether `edit` overlaps an edit in `taken`: only those starting by its end and ending from
    its start can, and they sit together just before the first that starts after its end."""
    index = bisect.bisect_right(taken, (edit.span.end, math.inf))
    while index > 0:
        index -= 1
        start, end = taken[index]
        if end < edit.span.start:
            return False  # this one, and every one before it, ends before the edit starts
        if _overlap(edit, Edit(Span(start, end), "")):
            return True
    return False


def _overlap(a: Edit, b: Edit) -> bool:
    if a.span.start == a.span.end or b.span.start == b.span.end:
        return a.span.start == b.span.start or a.span.overlaps(b.span) or b.span.overlaps(a.span)
    return a.span.start < b.span.end and b.span.start < a.span.end
