"""A small common view of a parsed YAML, JSON or CSV file: mappings, sequences and scalars.

Each library format turns its file into this view, so finding the templates
(recognise.py, fields.py) and checking a fixed file against the original
(library.py) work the same way for all three. String nodes carry `ref`, the
parser's own handle, so the format can later find where the string lies in the
source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

MAP, SEQ, STR, SCALAR = "map", "seq", "str", "scalar"
MAX_DEPTH = 200  # deeper nesting is shown as one opaque scalar (never a template)


class Node(NamedTuple):
    kind: str  # MAP, SEQ, STR (a string) or SCALAR (a number, boolean, null, date...)
    items: tuple[Any, ...] = ()  # MAP: ((key, Node), ...); SEQ: (Node, ...)
    text: str = ""  # STR: the decoded string; SCALAR: how it is written
    ref: Any = None  # STR: the parser's handle to find the string in the source
    label: str | None = None  # how to name the node when it has no name field (CSV: "row 4")

    def get(self, key: str) -> Node | None:
        """The value of `key` in a mapping (the first one, if a key repeats)."""
        return next((value for k, value in self.items if k == key), None)

    def children(self) -> Iterator[tuple[str | int, Node]]:
        if self.kind == MAP:
            yield from self.items
        elif self.kind == SEQ:
            yield from enumerate(self.items)


class DataView:
    """A Node-like view of plain Python data (what json.loads returns), made only as far as it is
    looked at: a quick look for templates in a big file that holds none costs little."""

    __slots__ = ("_data",)
    ref = None
    label = None

    def __init__(self, data: Any) -> None:
        self._data = data

    @property
    def kind(self) -> str:
        data = self._data
        return (
            MAP
            if isinstance(data, dict)
            else SEQ
            if isinstance(data, list)
            else STR
            if isinstance(data, str)
            else SCALAR
        )

    @property
    def items(self) -> tuple[Any, ...]:
        data = self._data
        if isinstance(data, dict):
            return tuple((str(k), DataView(v)) for k, v in data.items())
        if isinstance(data, list):
            return tuple(DataView(v) for v in data)
        return ()

    @property
    def text(self) -> str:
        data = self._data
        return data if isinstance(data, str) else "" if isinstance(data, (dict, list)) else repr(data)

    def get(self, key: str) -> DataView | None:
        data = self._data
        return DataView(data[key]) if isinstance(data, dict) and key in data else None

    def children(self) -> Iterator[tuple[str | int, Any]]:
        data = self._data
        if isinstance(data, dict):
            yield from ((str(k), DataView(v)) for k, v in data.items())
        elif isinstance(data, list):
            yield from ((i, DataView(v)) for i, v in enumerate(data))


_BARE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def format_path(path: tuple[str | int, ...]) -> str:
    """`macros[3].actions[0]`; keys that are not plain words are quoted: `["Refund delayed"]`."""
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif _BARE.fullmatch(part):
            out.append(f".{part}" if out else part)
        else:
            escaped = part.replace("\\", "\\\\").replace('"', '\\"')
            out.append(f'["{escaped}"]')
    return "".join(out)


def same_shape(before: Node, after: Node, expected: dict[int, str]) -> bool:
    """True when `after` has the structure and values of `before`, except that string nodes
    whose id() is in `expected` must now hold that value. Iterative: no recursion limit."""
    pending = [(before, after)]
    seen: set[tuple[int, int]] = set()  # YAML aliases share nodes: compare each pair once
    while pending:
        old, new = pending.pop()
        if (id(old), id(new)) in seen:
            continue
        seen.add((id(old), id(new)))
        if old.kind != new.kind or len(old.items) != len(new.items):
            return False
        if old.kind in (STR, SCALAR):
            if new.text != expected.get(id(old), old.text):
                return False
            continue
        if old.kind == MAP:
            for (old_key, old_value), (new_key, new_value) in zip(old.items, new.items, strict=True):
                if old_key != new_key:
                    return False
                pending.append((old_value, new_value))
        else:
            pending.extend(zip(old.items, new.items, strict=True))
    return True
