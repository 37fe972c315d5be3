"""YAML libraries: PyYAML's composer for the structure, and each string scalar re-read with positions.

PyYAML gives every node its start and end offsets but not where each decoded
character came from. The loader below notes, for every scalar token, where the
scalar itself starts (after any tag or anchor), its style and the indentation
PyYAML was at; the codecs (yamlcodecs.py) then read the scalar again exactly as PyYAML's
scanner does (plain, 'single', "double" with escapes, | literal and > folded
blocks with chomping and indentation indicators), keeping positions. A re-read
that does not give PyYAML's value falls back to an approximation without fixes.

Fixes are written back in the scalar's own style and read back; a replacement
the style cannot hold (a line break in a plain scalar, say) is not offered.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

from replylint.formats.library import LibraryError, position
from replylint.formats.library.scalar import Scalar, approximate
from replylint.formats.library.tree import MAP, MAX_DEPTH, SCALAR, SEQ, STR, Node
from replylint.formats.library.yamlcodecs import (
    STR_TAG,
    TOO_DEEP,
    YamlBlock,
    YamlPlain,
    YamlQuoted,
    resolves_to_str,
)


class _Loader(yaml.SafeLoader):
    """PyYAML's pure-Python loader, noting each scalar token: end offset -> (start, style, indent, flow level)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.scalar_tokens: dict[int, tuple[int, str | None, int, int]] = {}

    def _note(self, token: Any, style: str | None, indent: int, flow: int) -> Any:
        self.scalar_tokens[token.end_mark.index] = (token.start_mark.index, style, indent, flow)
        return token

    def scan_plain(self) -> Any:
        indent, flow = self.indent, self.flow_level
        return self._note(super().scan_plain(), None, indent, flow)

    def scan_flow_scalar(self, style: str) -> Any:
        indent, flow = self.indent, self.flow_level
        return self._note(super().scan_flow_scalar(style), style, indent, flow)

    def scan_block_scalar(self, style: str) -> Any:
        indent, flow = self.indent, self.flow_level
        return self._note(super().scan_block_scalar(style), style, indent, flow)


def check(text: str) -> list[YamlView] | None:
    """A quick look with libyaml, when it is there; None when it is not, or when it fails (load() says why)."""
    if not getattr(yaml, "__with_libyaml__", False):
        return None
    try:
        nodes = list(yaml.compose_all(text, Loader=yaml.CSafeLoader))  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - only a first look: the pure-Python loader reports the error
        return None
    return [YamlView(n) for n in nodes if n is not None]  # type: ignore[misc]


class YamlView:
    """A Node-like view of PyYAML's nodes, made only as far as it is looked at (see tree.DataView)."""

    __slots__ = ("_node",)
    ref = None
    label = None

    def __init__(self, node: Any) -> None:
        self._node = node

    @property
    def kind(self) -> str:
        node = self._node
        if isinstance(node, yaml.MappingNode):
            return MAP
        if isinstance(node, yaml.SequenceNode):
            return SEQ
        return STR if node.tag == STR_TAG else SCALAR

    @property
    def items(self) -> tuple[Any, ...]:
        node = self._node
        if isinstance(node, yaml.MappingNode):
            return tuple((_key(k), YamlView(v)) for k, v in node.value)
        if isinstance(node, yaml.SequenceNode):
            return tuple(YamlView(v) for v in node.value)
        return ()

    @property
    def text(self) -> str:
        return self._node.value if isinstance(self._node, yaml.ScalarNode) else ""

    def get(self, key: str) -> YamlView | None:
        node = self._node
        if isinstance(node, yaml.MappingNode):
            return next((YamlView(v) for k, v in node.value if _key(k) == key), None)
        return None

    def children(self) -> Iterator[tuple[str | int, Any]]:
        node = self._node
        if isinstance(node, yaml.MappingNode):
            yield from ((_key(k), YamlView(v)) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            yield from enumerate(YamlView(v) for v in node.value)


def _key(node: Any) -> str:
    return node.value if isinstance(node, yaml.ScalarNode) else "<key>"


def load(text: str) -> list[Node]:
    loader: _Loader | None = None
    try:
        loader = _Loader(text)  # checks that every character is allowed in YAML
        nodes = []
        while loader.check_node():
            node = loader.get_node()
            if node is not None:
                nodes.append(node)
        memo: dict[int, Node | None] = {}
        return [_convert(n, loader.scalar_tokens, memo, 0) for n in nodes]
    except yaml.MarkedYAMLError as exc:
        if exc.problem == TOO_DEEP:  # PyYAML 6.0.4's C loader, as RecursionError below
            raise LibraryError(1, 1, "invalid YAML: nested too deeply") from None
        mark = exc.problem_mark or exc.context_mark
        line, column = position(text, mark.index) if mark is not None else (1, 1)
        reason = exc.problem or exc.context or "malformed"
        if exc.context and exc.problem:
            reason = f"{exc.problem} ({exc.context})"
        raise LibraryError(line, column, f"invalid YAML: {reason}") from None
    except yaml.reader.ReaderError as exc:
        line, column = position(text, exc.position)
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise LibraryError(
            line, column, f"invalid YAML: unacceptable character #x{ord(char):04x}: {exc.reason}"
        ) from None
    except RecursionError:
        raise LibraryError(1, 1, "invalid YAML: nested too deeply") from None
    except (yaml.YAMLError, ValueError, OverflowError) as exc:  # e.g. an escape past U+10FFFF
        line, column = position(text, loader.get_mark().index) if loader is not None else (1, 1)
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise LibraryError(line, column, f"invalid YAML: {detail}") from None
    finally:
        if loader is not None:
            loader.dispose()


def _convert(node: Any, tokens: dict, memo: dict[int, Node | None], depth: int) -> Node:
    key = id(node)
    if key in memo:
        return memo[key] or Node(SCALAR, text="*")  # None: an alias of a node that holds it (a cycle)
    if depth > MAX_DEPTH:
        return Node(SCALAR, text="...")
    memo[key] = None
    if isinstance(node, yaml.ScalarNode):
        if node.tag != STR_TAG:
            out = Node(SCALAR, text=node.value)
        else:
            token = tokens.get(node.end_mark.index)
            ref = (node.value, node.start_mark.index, node.end_mark.index, token)
            out = Node(STR, text=node.value, ref=ref)
    elif isinstance(node, yaml.SequenceNode):
        out = Node(SEQ, tuple(_convert(n, tokens, memo, depth + 1) for n in node.value))
    else:
        items = tuple((_key(k), _convert(v, tokens, memo, depth + 1)) for k, v in node.value)
        out = Node(MAP, items)
    memo[key] = out
    return out


def scalar(text: str, node: Node) -> Scalar:
    value, start, end, token = node.ref
    if token is not None:
        begin, style, indent, flow = token
        codec: YamlPlain | YamlQuoted | YamlBlock
        if style is None:
            codec = YamlPlain(indent, bool(flow), tagged=not resolves_to_str(value))
        elif style in ("'", '"'):
            codec = YamlQuoted(style == '"')
        else:
            codec = YamlBlock(indent, style == ">")
        decoded = codec.decode(text, begin, end)
        if decoded is not None and decoded.value == value and decoded.end == end:
            return decoded
        start = begin
    return approximate(value, text, start, end)
