"""CSV libraries: a small RFC 4180 scanner that keeps the position of every field.

The first record is the header; each later record becomes a mapping from
column name to field, labelled `row N` as a spreadsheet numbers it (the header
is row 1). The delimiter is a comma, or a semicolon or tab when the header has
more of those. Quoted fields may hold the delimiter, line breaks and `""`
(one quote); a quote in an unquoted field is kept as it is. An unterminated
quoted field, or text after a closing quote, is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from replylint.formats.library import LibraryError, position
from replylint.formats.library.scalar import Builder, Scalar, approximate
from replylint.formats.library.tree import MAP, SEQ, STR, Node

Field = tuple[int, int, bool]  # begin, end (quotes included), quoted


def check(text: str) -> None:
    return None  # scanning is quick: no first look needed


def load(text: str) -> list[Node]:
    delimiter = _delimiter(text)
    records = _records(text, delimiter)
    header_at = next((i for i, r in enumerate(records) if not _blank(r)), None)
    if header_at is None:
        return []
    header = [_value(text, f).strip() for f in records[header_at]]
    rows: list[Node] = []
    for number, record in enumerate(records[header_at + 1 :], start=header_at + 2):
        if _blank(record):
            continue
        items: list[tuple[str, Node]] = []
        seen: set[str] = set()
        for name, field in zip(header, record, strict=False):
            if name and name not in seen:
                seen.add(name)
                items.append((name, Node(STR, text=_value(text, field), ref=(*field, delimiter))))
        rows.append(Node(MAP, tuple(items), label=f"row {number}"))
    return [Node(SEQ, tuple(rows))]


def scalar(text: str, node: Node) -> Scalar:
    begin, end, quoted, delimiter = node.ref
    decoded = CsvField(quoted, delimiter).decode(text, begin, end)
    return decoded if decoded is not None and decoded.value == node.text else approximate(node.text, text, begin, end)


def _delimiter(text: str) -> str:
    first = text[: text.find("\n")] if "\n" in text else text
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


@cache
def _unquoted(delimiter: str) -> re.Pattern[str]:
    return re.compile(rf"[^{re.escape(delimiter)}\r\n]*")


def _records(text: str, delimiter: str) -> list[list[Field]]:
    records: list[list[Field]] = []
    fields: list[Field] = []
    unquoted = _unquoted(delimiter)
    i, n = 0, len(text)
    while True:
        if text.startswith('"', i):
            j = i + 1
            while True:
                k = text.find('"', j)
                if k == -1:
                    line, column = position(text, i)
                    raise LibraryError(line, column, "invalid CSV: unterminated quoted field")
                if text.startswith('"', k + 1):
                    j = k + 2
                    continue
                break
            fields.append((i, k + 1, True))
            i = k + 1
            if i < n and text[i] not in (delimiter, "\r", "\n"):
                line, column = position(text, i)
                raise LibraryError(line, column, f"invalid CSV: unexpected {text[i]!r} after a closing quote")
        else:
            end = unquoted.match(text, i).end()  # type: ignore[union-attr]
            fields.append((i, end, False))
            i = end
        if i < n and text[i] == delimiter:
            i += 1
            continue
        records.append(fields)
        fields = []
        if i >= n:
            break
        i += 2 if text.startswith("\r\n", i) else 1
        if i >= n:
            break
    return records


def _blank(record: list[Field]) -> bool:
    return len(record) == 1 and record[0][0] == record[0][1]


def _value(text: str, field: Field) -> str:
    begin, end, quoted = field
    return text[begin + 1 : end - 1].replace('""', '"') if quoted else text[begin:end]


@dataclass(frozen=True)
class CsvField:
    quoted: bool
    delimiter: str = ","

    def decode(self, text: str, begin: int, end: int) -> Scalar | None:
        separators = (self.delimiter, "\r", "\n")
        out = Builder()
        if not self.quoted:
            if text.startswith('"', begin) or any(s in text[begin:end] for s in separators):
                return None
            if end < len(text) and text[end] not in separators:
                return None
            out.run(text, begin, end)
            return out.build(begin, end, begin, self)
        if not text.startswith('"', begin):
            return None
        i = begin + 1
        while True:
            k = text.find('"', i)
            if k == -1:
                return None
            out.run(text, i, k)
            if text.startswith('"', k + 1):
                out.add('"', k, k + 2)
                i = k + 2
                continue
            if k + 1 < len(text) and text[k + 1] not in separators:
                return None
            return out.build(begin, k + 1, begin + 1, self)

    def encode(self, replacement: str) -> str | None:
        if self.quoted:
            return replacement.replace('"', '""')
        if any(c in replacement for c in (self.delimiter, '"', "\r", "\n")):
            return None
        return replacement
