"""The document model: source text, regions that are not prose, and a line index.

Every position in replylint is a half-open span of character offsets into the
decoded source text (after a byte-order mark is removed, before any newline
translation: a draft is read with each lone CR as LF, which keeps every offset). Lines and columns exist only for output: both are 1-based and
columns count Unicode code points, so an emoji or a combining accent counts as
one column each and a tab counts as one. A line ends at LF, CRLF or a lone CR (an
old Mac file), as in Python's universal newlines, ruff and most editors.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple, TypeVar

if TYPE_CHECKING:
    from replylint.analysis import Sentence


_T = TypeVar("_T")


class Span(NamedTuple):
    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        if self.start == self.end:  # an insertion point
            return other.start < self.start < other.end
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


class SpanSet:
    """Spans that answer "does any of you overlap this one?" (as `Span.overlaps`) in log time.

    Rules ask it once per finding or per token; a scan of every region made a draft with
    thousands of regions and findings cost their product.
    """

    __slots__ = ("_order", "_starts", "_ends", "_reach")

    def __init__(self, spans: Iterable[Span]) -> None:
        given = list(spans)
        self._order = sorted(range(len(given)), key=given.__getitem__)  # positions in `spans`, by span
        self._starts = [given[i].start for i in self._order]
        self._ends = [given[i].end for i in self._order]
        self._reach: list[int] = []  # the furthest end among the spans up to each one
        furthest = -1
        for end in self._ends:
            furthest = max(furthest, end)
            self._reach.append(furthest)

    def overlaps(self, span: Span) -> bool:
        """Whether one of the spans overlaps `span`: starts before it ends and ends after it starts
        (for an empty one of the spans, the same as lying strictly inside `span`)."""
        before = bisect.bisect_left(self._starts, span.end)
        return before > 0 and self._reach[before - 1] > span.start

    def holding(self, offset: int) -> Iterator[int]:
        """The positions, in the spans as given, of those that hold `offset` (start at or before it
        and end after it), latest start first; none before the last point no span reaches past it."""
        index = bisect.bisect_right(self._starts, offset)
        while index > 0:
            index -= 1
            if self._reach[index] <= offset:
                return  # no span up to this one ends after `offset`
            if offset < self._ends[index]:
                yield self._order[index]


class RegionKind(enum.StrEnum):
    """Parts of a document that are not the agent's own prose."""

    QUOTE = "quote"  # quoted e-mail history, customer text
    SIGNATURE = "signature"  # after a "-- " line
    URL = "url"
    EMAIL = "email"
    PLACEHOLDER = "placeholder"  # {{ x }}, %{x}, [CUSTOMER NAME], [[agent note]]
    TEMPLATE_TAG = "template-tag"  # {% if %}, {# comment #}
    CODE = "code"  # Markdown code blocks and inline code
    COMMENT = "comment"  # HTML / Markdown comments
    MARKUP = "markup"  # Markdown syntax that is not words: link targets, raw HTML
    FRONT_MATTER = "front-matter"


class Region(NamedTuple):
    kind: RegionKind
    span: Span


class Position(NamedTuple):
    line: int  # 1-based
    column: int  # 1-based, in code points
    offset: int  # 0-based code-point offset into the source


def lone_cr_as_lf(text: str) -> str:
    """`text` with each CR that is not followed by LF (a line ending of an old Mac file) read as LF.

    The text keeps its length, so every offset still points at the same character of the
    file: drafts are parsed and linted in this form (a lone CR ends a line for rules,
    suppression comments and positions alike) while fixes are applied to the file's own text.
    """
    if "\r" not in text:  # nearly every file
        return text
    import re

    return re.sub(r"\r(?!\n)", "\n", text)


class LineIndex:
    """Maps offsets to (line, column) with a bisect over line starts (LF, CRLF or a lone CR ends a line)."""

    __slots__ = ("_starts", "_length")

    def __init__(self, text: str) -> None:
        text = lone_cr_as_lf(text)
        starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts = starts
        self._length = len(text)

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_start(self, line: int) -> int:
        """Offset where 1-based `line` starts."""
        return self._starts[line - 1]

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, self._length))
        line = bisect.bisect_right(self._starts, offset)
        return Position(line, offset - self._starts[line - 1] + 1, offset)


@dataclass(frozen=True)
class Document:
    """A parsed draft. `regions` lists everything that is not prose."""

    source: str
    format: str = "plain"
    regions: tuple[Region, ...] = ()
    path: str | None = field(default=None, compare=False)
    # Single characters shown in `masked` inside blanked regions, as (offset, character): what
    # an HTML character reference stands for, and line breaks at block-level tags, so the
    # prose reads like the rendered text and sentences end at a block (see formats/html.py).
    overlay: tuple[tuple[int, str], ...] = ()
    # The text is a template (a .liquid file, a template in a library): its placeholders are
    # meant to be there, and template comments ({# ... #}) hold suppression directives.
    templated: bool = False

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.source)

    @cached_property
    def masked(self) -> str:
        """The source with every non-prose region blanked to spaces.

        Same length as the source and newlines are kept, so a match in the
        masked text has the same offsets, lines and columns as in the source.
        """
        masked = mask(self.source, (r.span for r in self.regions))
        return lay(masked, self.overlay) if self.overlay else masked

    @cached_property
    def prose(self) -> str:
        """`masked` with curly apostrophes and quotes made straight (same length)."""
        text = self.masked
        for curly, straight in _STRAIGHTEN:
            if curly in text:  # str.translate with a table walks every character in Python's slow path
                text = text.replace(curly, straight)
        return text

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Sentences of the prose (see replylint.analysis), computed once per document."""
        from replylint.analysis import sentences

        return sentences(self)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence `offset` lies in, else None (sentences are in order and never overlap)."""
        sentences = self.sentences
        index = bisect.bisect_right(self._sentence_starts, offset) - 1
        if index >= 0 and offset < sentences[index].span.end:
            return sentences[index]
        return None

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [sentence.span.start for sentence in self.sentences]

    def derived(self, compute: Callable[[Document], _T]) -> _T:
        """`compute(self)`, worked out once per document: for an analysis several rules share."""
        cache: dict[Callable[[Document], object], object] = self.__dict__.setdefault("_derived", {})
        if compute not in cache:
            cache[compute] = compute(self)
        return cache[compute]  # type: ignore[return-value]

    def is_protected(self, span: Span) -> bool:
        """True when `span` touches text a fix must never change."""
        return self._protected.overlaps(span)

    @cached_property
    def _protected(self) -> SpanSet:
        return SpanSet(region.span for region in self.regions)

    @cached_property
    def _hidden(self) -> SpanSet:
        return SpanSet(r.span for r in self.regions if r.kind in (RegionKind.MARKUP, RegionKind.COMMENT))

    def regions_of(self, *kinds: RegionKind) -> list[Region]:
        return [r for r in self.regions if r.kind in kinds]

    def text(self, span: Span) -> str:
        return self.source[span.start : span.end]

    def shown(self, span: Span) -> str:
        """The words of `span` for a message: one line, tags and comments inside it left out."""
        text = self.source[span.start : span.end]
        if self._hidden.overlaps(span):
            text = self.masked[span.start : span.end]
        return " ".join(text.split())


_STRAIGHTEN = (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'))


def mask(text: str, spans: Iterable[Span]) -> str:
    chars: list[str] | None = None
    for span in spans:
        start, end = span.start, min(span.end, len(text))
        if start >= end:
            continue
        if chars is None:
            chars = list(text)
        chars[start:end] = "\n".join(" " * len(line) for line in text[start:end].split("\n"))
    return text if chars is None else "".join(chars)


def lay(masked: str, overlay: Iterable[tuple[int, str]]) -> str:
    """Put single characters into a masked text (same length; line breaks of the source stay)."""
    chars = list(masked)
    for offset, char in overlay:
        if 0 <= offset < len(chars) and chars[offset] != "\n" and len(char) == 1:
            chars[offset] = char
    return "".join(chars)


def merge_regions(regions: Sequence[Region]) -> tuple[Region, ...]:
    """Sort regions by position; drop ones wholly inside an earlier region."""
    out: list[Region] = []
    for region in sorted(regions, key=lambda r: (r.span.start, -r.span.end)):
        if out and out[-1].span.contains(region.span):
            continue
        out.append(region)
    return tuple(out)
