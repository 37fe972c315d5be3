"""Field paths: which strings of a library file are templates, as a config names them.

    macros[*].actions[*].value                 every action's value in every macro
    macros[*].actions[field=comment_value].value   only actions whose `field` is comment_value
    templates.*.body    *    [*]    replies[0]    "Saved replies"[*].text

A path is a chain of steps: `key` or `.key` (a mapping key; quote it with "..."
when it holds `.`, `[`, `]` or `=`), `*` or `[*]` (every value of a mapping or
item of a list), `[3]` (one list item), `[key=value]` (the items or values that
are mappings whose `key` is `value`). In a CSV file a field is a column name.

A config table names them per glob (see config.py):

    [tool.replylint.templates."macros/*.json"]
    fields = ["macros[*].actions[field=comment_value].value"]
    name = "title"          # or a list: ["title", "id"]
    format = "html"         # plain, markdown, template (the default) or html
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from replylint.config import did_you_mean, type_name
from replylint.formats.library.tree import MAP, SEQ, Node

KEY, ANY, INDEX, WHERE = "key", "any", "index", "where"
SPEC_KEYS = ("fields", "name", "format")


class Step(NamedTuple):
    kind: str  # KEY, ANY, INDEX or WHERE
    key: str = ""  # KEY: the key; WHERE: the key to test
    value: str = ""  # WHERE: the value it must have
    index: int = 0  # INDEX


class FieldPath(NamedTuple):
    text: str
    steps: tuple[Step, ...]

    @property
    def column(self) -> str:
        """The CSV column this names: the key of a one-step path, else the text as written."""
        if len(self.steps) == 1 and self.steps[0].kind == KEY:
            return self.steps[0].key
        return self.text


class TemplateSpec(NamedTuple):
    """What a config says about the library files matching `glob`."""

    glob: str
    fields: tuple[FieldPath, ...]
    names: tuple[str, ...] = ()  # keys (CSV: columns) that name a template; default title, name, id
    format: str | None = None  # the templates' own format; None: template (html when it looks like HTML)


class PathError(ValueError):
    pass


class TemplateConfigError(ValueError):
    def __init__(self, key: str, message: str, glob: str | None = None, subkey: str | None = None) -> None:
        super().__init__(message)
        self.key, self.message, self.glob, self.subkey = key, message, glob, subkey


_STOP_OUTSIDE = ".[]\"'="
_STOP_INSIDE = "[]\"'="


def parse_path(text: str) -> FieldPath:
    """Parse a field path; PathError says what is wrong and at which character (1-based)."""
    steps: list[Step] = []
    i, n = 0, len(text)

    def fail(message: str, at: int) -> PathError:
        return PathError(f"{message} at character {at + 1}" if at < n else f"{message} at the end")

    def name(at: int, stops: str) -> tuple[str, int]:
        if at < n and text[at] in "\"'":
            quote, out, j = text[at], [], at + 1
            while j < n and text[j] != quote:
                if text[j] == "\\" and j + 1 < n:
                    j += 1
                out.append(text[j])
                j += 1
            if j >= n:
                raise fail(f"unterminated {quote}", at)
            return "".join(out), j + 1
        j = at
        while j < n and text[j] not in stops:
            j += 1
        word = text[at:j]
        if not word:
            raise fail("expected a key", at)
        if word != word.strip():
            raise fail("a key cannot start or end with a space (quote it)", at)
        return word, j

    if not text:
        raise PathError("empty path")
    while i < n:
        if text[i] == "[":
            j = i + 1
            if text.startswith("*", j):
                if not text.startswith("]", j + 1):
                    raise fail("expected ']' after '*'", j + 1)
                steps.append(Step(ANY))
                i = j + 2
                continue
            digits = j
            while digits < n and text[digits].isdigit():
                digits += 1
            if digits > j and digits < n and text[digits] == "]":
                steps.append(Step(INDEX, index=int(text[j:digits])))
                i = digits + 1
                continue
            key, j = name(j, _STOP_INSIDE)
            if j >= n or text[j] != "=":
                raise fail("expected '*', a number or key=value inside [...]", j)
            value, j = name(j + 1, _STOP_INSIDE)
            if j >= n or text[j] != "]":
                raise fail("expected ']'", j)
            steps.append(Step(WHERE, key, value))
            i = j + 1
            continue
        if steps:
            if text[i] != ".":
                raise fail("expected '.' or '['", i)
            i += 1
        if text.startswith("*", i) and (i + 1 == n or text[i + 1] in ".["):
            steps.append(Step(ANY))
            i += 1
            continue
        key, i = name(i, _STOP_OUTSIDE)
        steps.append(Step(KEY, key))
    return FieldPath(text, tuple(steps))


Ancestors = tuple[tuple[tuple[str | int, ...], Node], ...]


def match(path: FieldPath, root: Node) -> Iterator[tuple[tuple[str | int, ...], Node, Ancestors]]:
    """(concrete path, node, containers from the root down to its parent) for each node the path selects."""
    found: list[tuple[tuple[str | int, ...], Node, Ancestors]] = [((), root, ())]
    for step in path.steps:
        following: list[tuple[tuple[str | int, ...], Node, Ancestors]] = []
        for where, node, ancestors in found:
            inner = (*ancestors, (where, node))
            for key, child in _step(step, node):
                following.append(((*where, key), child, inner))
        found = following
    yield from found


def _step(step: Step, node: Node) -> Iterator[tuple[str | int, Node]]:
    if step.kind == KEY:
        if node.kind == MAP:
            child = node.get(step.key)
            if child is not None:
                yield step.key, child
    elif step.kind == INDEX:
        if node.kind == SEQ and step.index < len(node.items):
            yield step.index, node.items[step.index]
    elif step.kind == ANY:
        yield from node.children()
    else:  # WHERE
        for key, child in node.children():
            test = child.get(step.key) if child.kind == MAP else None
            if test is not None and test.kind not in (MAP, SEQ) and test.text == step.value:
                yield key, child


def parse_templates(table: Any, formats: tuple[str, ...]) -> tuple[TemplateSpec, ...]:
    """Validate the config's `templates` table; TemplateConfigError names the key that is wrong."""
    if not isinstance(table, dict):
        raise TemplateConfigError(
            "templates",
            f'expected a table of glob = {{ fields = ["..."] }}, got {type_name(table)}',
            subkey="templates",
        )
    specs: list[TemplateSpec] = []
    for glob, entry in table.items():
        key = f"templates.{_quote(glob)}"
        if not isinstance(entry, dict):
            raise TemplateConfigError(
                key, f"expected a table with 'fields' (and optional 'name', 'format'), got {type_name(entry)}", glob
            )
        for sub in entry:
            if sub not in SPEC_KEYS:
                raise TemplateConfigError(
                    f"{key}.{sub}",
                    f"unknown key{did_you_mean(sub, SPEC_KEYS)}; known keys: {', '.join(SPEC_KEYS)}",
                    glob,
                    sub,
                )
        if "fields" not in entry:
            raise TemplateConfigError(
                key, "missing 'fields' (a list of field paths such as \"macros[*].actions[*].value\")", glob
            )
        fields = entry["fields"]
        if not isinstance(fields, list) or not fields or not all(isinstance(f, str) for f in fields):
            got = "an empty list" if fields == [] else type_name(fields)
            raise TemplateConfigError(
                f"{key}.fields", f"expected a list of field paths (strings), got {got}", glob, "fields"
            )
        paths: list[FieldPath] = []
        for number, text in enumerate(fields):
            try:
                paths.append(parse_path(text))
            except PathError as exc:
                raise TemplateConfigError(
                    f"{key}.fields[{number}]", f"bad field path {text!r}: {exc}", glob, "fields"
                ) from None
        names = entry.get("name", [])
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
            raise TemplateConfigError(
                f"{key}.name",
                f"expected a key name or a list of key names, got {type_name(entry['name'])}",
                glob,
                "name",
            )
        fmt = entry.get("format")
        if fmt is not None and fmt not in formats:
            shown = repr(fmt) if isinstance(fmt, str) else type_name(fmt)
            close = did_you_mean(fmt, formats) if isinstance(fmt, str) else ""
            raise TemplateConfigError(
                f"{key}.format", f"unknown format {shown}{close}; known formats: {', '.join(formats)}", glob, "format"
            )
        specs.append(TemplateSpec(glob, tuple(paths), tuple(names), fmt))
    return tuple(specs)


def line_of(text: str, glob: str | None, subkey: str | None) -> int:
    """The config line that sets `subkey` of the `glob` entry, or opens that entry; 0 if not found.

    With no glob, the line that sets or opens `subkey` itself (the `templates` table).
    """
    if glob is None:
        pattern = rf"^\s*[\"']?{re.escape(subkey or '')}[\"']?\s*=|^\s*\[[^\]\n]*\b{re.escape(subkey or '')}\b"
        hit = re.search(pattern, text, re.MULTILINE)
        return text.count("\n", 0, hit.start()) + 1 if hit else 0
    starts = [at for at in (text.find(f'"{glob}"'), text.find(f"'{glob}'")) if at >= 0]
    bare = re.search(rf"(?<![\w\"'.-]){re.escape(glob)}(?=\s*=|\])", text)  # an unquoted key
    if bare is not None:
        starts.append(bare.start())
    if not starts:
        return 0
    at = min(starts)
    if subkey is not None:
        line_end = text.find("\n", at)
        on_line = text[at : line_end if line_end >= 0 else len(text)]
        if not re.search(rf"[{{,]\s*{re.escape(subkey)}\s*=", on_line):  # not in an inline table: a table below
            hit = re.compile(rf"^\s*{re.escape(subkey)}\s*=", re.MULTILINE).search(text, at)
            next_table = re.compile(r"^\s*\[", re.MULTILINE).search(text, line_end + 1 if line_end >= 0 else len(text))
            if hit is not None and (next_table is None or hit.start() < next_table.start()):
                at = hit.start()
    return text.count("\n", 0, at) + 1


def _quote(glob: str) -> str:
    return glob if re.fullmatch(r"[A-Za-z0-9_-]+", glob) else '"' + glob.replace('"', '\\"') + '"'
