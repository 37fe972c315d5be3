"""The YAML scalar styles, read exactly as PyYAML's scanner reads them, but keeping positions.

Plain, 'single-quoted', "double-quoted" (escapes, escaped line breaks), | literal
and > folded block scalars (chomping and indentation indicators): each codec
mirrors the matching part of yaml/scanner.py, so a scalar read here gives
PyYAML's value, and says for every character which source range it came from.
A codec also writes a replacement in its style, or says it cannot.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import yaml

from replylint.formats.library.scalar import Builder, Scalar

STR_TAG = "tag:yaml.org,2002:str"
# What PyYAML's C loader says from 6.0.4 on, past 1,000 levels of nesting (before, Python's
# recursion limit stopped it first, a RecursionError): both are "nested too deeply" to a user.
TOO_DEEP = "exceeded maximum nesting depth"
BREAKS = "\r\n\x85\u2028\u2029"
NUL_SPACE_BREAK = "\0 \t" + BREAKS
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_QUOTED_RUN = re.compile(r"[^'\"\\ \t\r\n\x85\u2028\u2029]+")
_LINE_REST = re.compile(r"[^\r\n\x85\u2028\u2029]*")
ESCAPE_REPLACEMENTS = {
    "0": "\0",
    "a": "\x07",
    "b": "\x08",
    "t": "\x09",
    "\t": "\x09",
    "n": "\x0a",
    "v": "\x0b",
    "f": "\x0c",
    "r": "\x0d",
    "e": "\x1b",
    " ": "\x20",
    '"': '"',
    "\\": "\\",
    "/": "/",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
ESCAPE_CODES = {"x": 2, "u": 4, "U": 8}


@functools.cache
def _resolver() -> yaml.resolver.Resolver:
    return yaml.resolver.Resolver()


def resolves_to_str(value: str) -> bool:
    return _resolver().resolve(yaml.ScalarNode, value, (True, False)) == STR_TAG


def _line_break(text: str, i: int) -> tuple[str, int]:
    """PyYAML's line break at i: ('\\n' or the Unicode separator, the offset after it); ('', i) if none."""
    char = text[i : i + 1]
    if char and char in "\r\n\x85":
        return "\n", i + (2 if text.startswith("\r\n", i) else 1)
    if char and char in "\u2028\u2029":
        return char, i + 1
    return "", i


def _marker(text: str, i: int) -> bool:
    """A document marker (--- or ...) at i."""
    head = text[i : i + 3]
    return head in ("---", "...") and (text[i + 3 : i + 4] or "\0") in NUL_SPACE_BREAK


@dataclass(frozen=True)
class YamlPlain:
    indent: int  # PyYAML's indentation when the scalar started; continuation lines go deeper
    flow: bool  # inside [...] or {...}
    tagged: bool = False  # written with an explicit !!str: the text need not look like a string

    def decode(self, text: str, begin: int, end: int) -> Scalar | None:
        def peek(i: int) -> str:
            return text[i] if begin <= i < end else "\0"

        first, second = peek(begin), peek(begin + 1)
        if first in "\0 \t\r\n\x85\u2028\u2029-?:,[]{}#&*!|>'\"%@`" and not (
            second not in NUL_SPACE_BREAK and (first == "-" or (not self.flow and first in "?:"))
        ):
            return None
        stops = NUL_SPACE_BREAK
        indent = self.indent + 1
        out = Builder()
        pending: list[tuple[str | None, int, int]] = []  # (characters, or None for a copied run; source range)
        i, last = begin, begin
        while True:
            if peek(i) == "#":
                break
            j = i
            while True:
                char = peek(j)
                if (
                    char in stops
                    or (char == ":" and peek(j + 1) in stops + (",[]{}" if self.flow else ""))
                    or (self.flow and char in ",?[]{}")
                ):
                    break
                j += 1
            if j == i:
                break
            for chars, s, e in pending:
                if chars is None:
                    out.run(text, s, e)
                else:
                    out.add(chars, s, e)
            out.run(text, i, j)
            i = last = j
            spaces, i, column = self._spaces(text, i, end)
            if not spaces or peek(i) == "#" or (not self.flow and column is not None and column < indent):
                break
            pending = spaces
        if last != end:
            return None
        scalar = out.build(begin, end, begin, self)
        if not self.tagged and not resolves_to_str(scalar.value):
            return None
        return scalar

    @staticmethod
    def _spaces(text: str, i: int, end: int) -> tuple[list[tuple[str | None, int, int]] | None, int, int | None]:
        """PyYAML's scan_plain_spaces: what the white space at i reads as, where it ends, the column there."""
        start = i
        while i < end and text[i] == " ":
            i += 1
        spaces_end = i
        if i < end and text[i] in BREAKS:
            line_break, i = _line_break(text, i)
            if _marker(text, i):
                return None, i, 0
            breaks: list[str] = []
            column = 0
            while i < end and text[i] in " " + BREAKS:
                if text[i] == " ":
                    i += 1
                    column += 1
                else:
                    brk, i = _line_break(text, i)
                    breaks.append(brk)
                    column = 0
                    if _marker(text, i):
                        return None, i, 0
            chars = line_break if line_break != "\n" else (" " if not breaks else "")
            return [("".join([chars, *breaks]), start, i)], i, column
        if spaces_end > start:
            return [(None, start, spaces_end)], i, None
        return [], i, None

    def encode(self, replacement: str) -> str | None:
        if any(c in BREAKS or c == "\t" for c in replacement) or _NON_PRINTABLE.search(replacement):
            return None
        return replacement


@dataclass(frozen=True)
class YamlQuoted:
    double: bool

    def decode(self, text: str, begin: int, end: int) -> Scalar | None:
        quote = '"' if self.double else "'"
        if not text.startswith(quote, begin):
            return None
        out = Builder()
        i = self._non_spaces(text, begin + 1, out)
        while i is not None and text[i : i + 1] != quote:
            i = self._spaces(text, i, out)
            if i is not None:
                i = self._non_spaces(text, i, out)
        if i is None:
            return None
        return out.build(begin, i + 1, begin + 1, self)

    def _non_spaces(self, text: str, i: int, out: Builder) -> int | None:
        while True:
            run = _QUOTED_RUN.match(text, i)
            if run is not None:
                out.run(text, i, run.end())
                i = run.end()
            char = text[i : i + 1]
            if not self.double and char == "'" and text.startswith("'", i + 1):
                out.add("'", i, i + 2)
                i += 2
            elif (self.double and char == "'") or (not self.double and char and char in '"\\'):
                out.run(text, i, i + 1)
                i += 1
            elif self.double and char == "\\":
                escape = text[i + 1 : i + 2]
                if escape and escape in ESCAPE_REPLACEMENTS:
                    out.add(ESCAPE_REPLACEMENTS[escape], i, i + 2)
                    i += 2
                elif escape and escape in ESCAPE_CODES:
                    length = ESCAPE_CODES[escape]
                    digits = text[i + 2 : i + 2 + length]
                    if len(digits) != length or any(c not in "0123456789ABCDEFabcdef" for c in digits):
                        return None
                    code = int(digits, 16)
                    if code > 0x10FFFF:
                        return None
                    out.add(chr(code), i, i + 2 + length)
                    i += 2 + length
                elif escape and escape in BREAKS:
                    _, after = _line_break(text, i + 1)
                    found = self._breaks(text, after)
                    if found is None:
                        return None
                    breaks, end = found
                    out.add("".join(breaks), i, end)
                    i = end
                else:
                    return None
            else:
                return i

    def _spaces(self, text: str, i: int, out: Builder) -> int | None:
        start = i
        while text[i : i + 1] in (" ", "\t"):
            i += 1
        char = text[i : i + 1]
        if not char:
            return None  # the end of the text inside quotes
        if char in BREAKS:
            line_break, after = _line_break(text, i)
            found = self._breaks(text, after)
            if found is None:
                return None
            breaks, end = found
            chars = line_break if line_break != "\n" else (" " if not breaks else "")
            out.add(chars + "".join(breaks), start, end)
            return end
        out.run(text, start, i)
        return i

    @staticmethod
    def _breaks(text: str, i: int) -> tuple[list[str], int] | None:
        breaks: list[str] = []
        while True:
            if _marker(text, i):
                return None
            while text[i : i + 1] in (" ", "\t"):
                i += 1
            if text[i : i + 1] and text[i] in BREAKS:
                brk, i = _line_break(text, i)
                breaks.append(brk)
            else:
                return breaks, i

    def encode(self, replacement: str) -> str | None:
        if not self.double:
            if any(c in BREAKS for c in replacement) or _NON_PRINTABLE.search(replacement):
                return None
            return replacement.replace("'", "''")
        out = []
        for char in replacement:
            if char == "\\" or char == '"':
                out.append("\\" + char)
            elif char == "\n":
                out.append("\\n")
            elif char == "\t":
                out.append("\\t")
            elif char in BREAKS or _NON_PRINTABLE.match(char):
                code = ord(char)
                out.append(
                    f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}"
                )
            else:
                out.append(char)
        return "".join(out)


@dataclass(frozen=True)
class YamlBlock:
    indent: int  # PyYAML's indentation when the block started (the block's content goes deeper)
    folded: bool

    def decode(self, text: str, begin: int, end: int) -> Scalar | None:
        if text[begin : begin + 1] != (">" if self.folded else "|"):
            return None
        i = begin + 1
        chomping: bool | None = None
        increment: int | None = None
        for _ in range(2):
            char = text[i : i + 1]
            if char in ("+", "-") and chomping is None and char:
                chomping = char == "+"
                i += 1
            elif char and char in "123456789" and increment is None:
                increment = int(char)
                i += 1
        while text[i : i + 1] == " ":
            i += 1
        if text[i : i + 1] == "#":
            i = _LINE_REST.match(text, i).end()  # type: ignore[union-attr]
        if text[i : i + 1] and text[i] not in BREAKS:
            return None
        _, i = _line_break(text, i)
        column = 0
        min_indent = max(self.indent + 1, 1)
        breaks: list[tuple[str, int, int]] = []
        if increment is None:
            max_indent = 0
            end_at = i
            while text[i : i + 1] and text[i] in " " + BREAKS:
                if text[i] != " ":
                    brk, after = _line_break(text, i)
                    breaks.append((brk, i, after))
                    i, column, end_at = after, 0, after
                else:
                    i += 1
                    column += 1
                    max_indent = max(max_indent, column)
            indent = max(min_indent, max_indent)
        else:
            indent = min_indent + increment - 1
            breaks, i, column, end_at = self._breaks(text, i, column, indent)
        out = Builder()
        line_break: tuple[str, int, int] = ("", i, i)
        while column == indent and text[i : i + 1]:
            for brk in breaks:
                out.add(*brk)
            leading_non_space = text[i] not in " \t"
            rest = _LINE_REST.match(text, i).end()  # type: ignore[union-attr]
            out.run(text, i, rest)
            brk, after = _line_break(text, rest)
            line_break = (brk, rest, after)
            column = 0
            breaks, i, column, end_at = self._breaks(text, after, column, indent)
            if column == indent and text[i : i + 1]:
                if self.folded and brk == "\n" and leading_non_space and text[i] not in " \t":
                    if not breaks:
                        out.add(" ", rest, after)
                else:
                    out.add(*line_break)
            else:
                break
        if chomping is not False and line_break[0]:
            out.add(*line_break)
        if chomping is True:
            for brk in breaks:
                out.add(*brk)
        return out.build(begin, end_at, end_at, self)

    @staticmethod
    def _breaks(text: str, i: int, column: int, indent: int) -> tuple[list[tuple[str, int, int]], int, int, int]:
        """PyYAML's scan_block_scalar_breaks: the empty lines at i, where they end, the column, the end mark."""
        breaks: list[tuple[str, int, int]] = []
        end_at = i
        while column < indent and text[i : i + 1] == " ":
            i += 1
            column += 1
        while text[i : i + 1] and text[i] in BREAKS:
            brk, after = _line_break(text, i)
            breaks.append((brk, i, after))
            i, column, end_at = after, 0, after
            while column < indent and text[i : i + 1] == " ":
                i += 1
                column += 1
        return breaks, i, column, end_at

    def encode(self, replacement: str) -> str | None:
        if any(c in BREAKS for c in replacement) or _NON_PRINTABLE.search(replacement):
            return None
        return replacement
