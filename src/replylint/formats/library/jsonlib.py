"""JSON libraries: a parser that keeps positions, and JSON strings as scalars.

The standard json module says whether a file is valid (and where it is not)
and gives a quick first look; only a file that holds templates is parsed again
here, keeping the offset of every string, and only its templates' strings are
decoded character by character (escapes, surrogate pairs).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from replylint.formats.library import LibraryError, position
from replylint.formats.library.scalar import Builder, Scalar
from replylint.formats.library.tree import MAP, SCALAR, SEQ, STR, DataView, Node

_WS = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_LITERAL = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null|NaN|-?Infinity")
_PLAIN_RUN = re.compile(r'[^"\\]+')
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def check(text: str) -> list[DataView]:
    """The file's data, for a quick look (and to know it is valid); LibraryError when it is not JSON."""
    if not text.strip():
        return []
    try:
        return [DataView(json.loads(text))]
    except json.JSONDecodeError as exc:
        raise LibraryError(exc.lineno, exc.colno, f"invalid JSON: {exc.msg}") from None
    except RecursionError:
        raise LibraryError(1, 1, "invalid JSON: nested too deeply") from None


def load(text: str) -> list[Node]:
    """The file as a tree whose strings know their offsets (`ref`: where the opening quote is)."""
    if not text.strip():
        return []
    stack: list[tuple[str, list]] = []  # open containers: (MAP or SEQ, items so far)
    keys: list[str | None] = []  # for each open mapping, the key whose value comes next
    i = _WS.match(text, 0).end()  # type: ignore[union-attr]
    n = len(text)
    while True:
        # a value starts at i
        char = text[i] if i < n else ""
        value: Node | None = None
        if char in "{[":
            i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
            closer = "}" if char == "{" else "]"
            if text.startswith(closer, i):
                value, i = Node(MAP if char == "{" else SEQ), i + 1
            else:
                stack.append((MAP if char == "{" else SEQ, []))
                if char == "{":
                    key, i = _key(text, i)
                    keys.append(key)
                continue
        elif char == '"':
            value, i = _string(text, i)
        else:
            literal = _LITERAL.match(text, i)
            if literal is None:
                raise _error(text, i, "expected a value")
            value, i = Node(SCALAR, text=literal.group()), literal.end()
        # the value is complete: put it into the containers it closes
        while True:
            if not stack:
                i = _WS.match(text, i).end()  # type: ignore[union-attr]
                if i != n:
                    raise _error(text, i, "extra data after the value")
                return [value]
            kind, items = stack[-1]
            items.append((keys[-1], value) if kind == MAP else value)
            i = _WS.match(text, i).end()  # type: ignore[union-attr]
            char = text[i] if i < n else ""
            if char == ",":
                i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
                if kind == MAP:
                    keys[-1], i = _key(text, i)
                break
            if char != ("}" if kind == MAP else "]"):
                raise _error(text, i, f"expected ',' or '{'}' if kind == MAP else ']'}'")
            stack.pop()
            if kind == MAP:
                keys.pop()
            value, i = Node(kind, tuple(items)), i + 1


def _key(text: str, i: int) -> tuple[str, int]:
    if not text.startswith('"', i):
        raise _error(text, i, "expected a key in double quotes")
    node, i = _string(text, i)
    i = _WS.match(text, i).end()  # type: ignore[union-attr]
    if not text.startswith(":", i):
        raise _error(text, i, "expected ':'")
    return node.text, _WS.match(text, i + 1).end()  # type: ignore[union-attr]


def _string(text: str, i: int) -> tuple[Node, int]:
    match = _STRING.match(text, i)
    if match is None:
        raise _error(text, i, "unterminated string")
    literal = match.group()
    value = literal[1:-1] if "\\" not in literal else json.loads(literal)
    return Node(STR, text=value, ref=i), match.end()


def _error(text: str, offset: int, reason: str) -> LibraryError:
    line, column = position(text, offset)
    return LibraryError(line, column, f"invalid JSON: {reason}")


def scalar(text: str, node: Node) -> Scalar:
    """The string node as a Scalar with exact positions."""
    begin = node.ref
    literal = _STRING.match(text, begin)
    end = literal.end() if literal else begin
    body = text[begin + 1 : end - 1]
    # Written with \\u escapes for everything beyond ASCII (json.dumps' default)? Then fixes are too.
    ascii_only = body.isascii() and re.search(r"\\u(?:00[89a-fA-F]|0[1-9a-fA-F]|[1-9a-fA-F])", body) is not None
    decoded = JsonString(ascii_only).decode(text, begin, end)
    return decoded if decoded is not None else Builder().build(begin, end, begin + 1, None)


@dataclass(frozen=True)
class JsonString:
    ascii_only: bool = False

    def decode(self, text: str, begin: int, end: int) -> Scalar | None:
        if not text.startswith('"', begin):
            return None
        out = Builder()
        i, n = begin + 1, len(text)
        while i < n:
            run = _PLAIN_RUN.match(text, i)
            if run is not None:
                if any(c < " " for c in run.group()):
                    return None  # a raw control character: not valid JSON
                out.run(text, i, run.end())
                i = run.end()
                continue
            if text[i] == '"':
                return out.build(begin, i + 1, begin + 1, self)
            escape = text[i + 1 : i + 2]
            if escape in _ESCAPES:
                out.add(_ESCAPES[escape], i, i + 2)
                i += 2
            elif escape == "u" and _hex(text, i + 2):
                code, length = int(text[i + 2 : i + 6], 16), 6
                if 0xD800 <= code <= 0xDBFF and text.startswith("\\u", i + 6) and _hex(text, i + 8):
                    low = int(text[i + 8 : i + 12], 16)
                    if 0xDC00 <= low <= 0xDFFF:
                        code, length = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00), 12
                out.add(chr(code), i, i + length)
                i += length
            else:
                return None
        return None

    def encode(self, replacement: str) -> str | None:
        return json.dumps(replacement, ensure_ascii=self.ascii_only)[1:-1]


def _hex(text: str, at: int) -> bool:
    digits = text[at : at + 4]
    return len(digits) == 4 and all(c in "0123456789abcdefABCDEF" for c in digits)
