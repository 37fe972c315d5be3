"""A string as it is written in a library file: its decoded value and where each character came from.

A JSON string `"We\\u2019ll fix it"` decodes to `We'll fix it`; a YAML block
scalar drops its indentation; a CSV field turns `""` into `"`. A Scalar keeps,
for every decoded character, the source range it was read from, so a finding
in the decoded text maps back to exact offsets in the file, and a fix is
written back in the scalar's own style (its codec) and read back to check it.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from replylint.diagnostics import Edit
from replylint.document import Span


class Codec(Protocol):
    """How one scalar style is read and written."""

    def decode(self, text: str, begin: int, end: int) -> Scalar | None:
        """Read the scalar that starts at `begin` (`end`: where it ends, for styles that cannot tell)."""
        ...

    def encode(self, replacement: str) -> str | None:
        """`replacement` written in this style, or None when the style cannot hold it."""
        ...


@dataclass(frozen=True, eq=False)
class Scalar:
    value: str
    starts: array  # source offset where each decoded character starts, plus one: where an insertion at the end goes
    ends: array  # source offset where each decoded character ends
    begin: int  # the whole scalar in the source, quotes, indicators and header included
    end: int
    codec: Codec | None = None  # None: positions are approximate and no fix is written back

    def span(self, start: int, end: int) -> Span:
        """The source span of the decoded span [start, end)."""
        n = len(self.value)
        first = self.starts[max(0, min(start, n))]
        if end <= start:
            return Span(first, first)
        return Span(first, self.ends[min(end, n) - 1])

    @property
    def content(self) -> Span:
        """The source span of the whole decoded value."""
        return self.span(0, len(self.value)) if self.value else Span(self.starts[0], self.starts[0])

    def source_edits(self, text: str, edits: Sequence[Edit]) -> tuple[Edit, ...] | None:
        """Edits of the decoded value as edits of the file, or None when they cannot be written in this style.

        The scalar is rewritten and read back: the result must be the decoded value with the edits applied.
        """
        if self.codec is None:
            return None
        out: list[Edit] = []
        expected: list[str] = []
        cursor = 0
        for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end)):
            start, end = edit.span
            encoded = self.codec.encode(edit.replacement)
            if encoded is None or start < cursor or end > len(self.value):
                return None
            expected += [self.value[cursor:start], edit.replacement]
            cursor = end
            out.append(Edit(self.span(start, end), encoded))
        expected.append(self.value[cursor:])
        pieces: list[str] = []
        position = self.begin
        for edit in out:
            if edit.span.start < position or edit.span.end > self.end:
                return None
            pieces += [text[position : edit.span.start], edit.replacement]
            position = edit.span.end
        pieces.append(text[position : self.end])
        rewritten = "".join(pieces)
        again = self.codec.decode(rewritten + text[self.end :], 0, len(rewritten))
        if again is None or again.value != "".join(expected) or again.end != len(rewritten):
            return None
        return tuple(out)


class Builder:
    """Collects decoded characters with their source ranges."""

    __slots__ = ("parts", "starts", "ends")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts = array("q")
        self.ends = array("q")

    def run(self, text: str, start: int, end: int) -> None:
        """Characters copied as they are."""
        if end > start:
            self.parts.append(text[start:end])
            self.starts.extend(range(start, end))
            self.ends.extend(range(start + 1, end + 1))

    def add(self, chars: str, start: int, end: int) -> None:
        """Characters read from the source range [start, end) (an escape, a folded line break)."""
        for char in chars:
            self.parts.append(char)
            self.starts.append(start)
            self.ends.append(end)

    def build(self, begin: int, end: int, tail: int, codec: Codec | None) -> Scalar:
        """`tail`: where an insertion after the last character goes when there is no character."""
        self.starts.append(self.ends[-1] if self.ends else tail)
        return Scalar("".join(self.parts), self.starts, self.ends, begin, end, codec)


def approximate(value: str, text: str, begin: int, end: int) -> Scalar:
    """A best guess at where `value`'s characters lie in text[begin:end], for a scalar no codec could read.

    Each character is looked for a little ahead of the previous one; one that is not found
    takes the position of the previous. No fix is ever written back through it.
    """
    builder = Builder()
    cursor = begin
    for char in value:
        found = text.find(char, cursor, min(end, cursor + 8))
        if found == -1:
            builder.add(char, cursor, cursor)
        else:
            builder.add(char, found, found + 1)
            cursor = found + 1
    return builder.build(begin, end, begin, None)
