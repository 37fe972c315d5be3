"""Which strings of a library file are templates, and what each template is called.

Out of the box (no config for the file):

- a mapping with a body-like field (`body`, `content`, `text`, `response`,
  `reply`, `message`, `value`, `comment`; the first of these that holds a
  string) is one template, wherever it lies in the top four levels: the file
  itself (osTicket e-mail templates), an item of a list (canned responses), a
  value of a mapping. Its name is its `title`, `name` or `id`, else the key it
  sits under, else its path (`macros[3]`);
- a Zendesk macro action (`{"field": "comment_value", "value": "..."}`;
  `comment_value_html` is HTML), named after its macro's title;
- a mapping or list of texts (mostly four words or more), such as
  `{"Refund delayed": "Hi ...", ...}`, in the top three levels: each text is a
  template named by its key;
- in a CSV file, the body-like column of each row, named by a title, name or
  id column, else `row N` (the header is row 1, as in a spreadsheet).

A config names the fields instead (fields.py). Keys and field names match
without regard to case out of the box, exactly when configured.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from replylint.formats.library.fields import KEY, TemplateSpec, match
from replylint.formats.library.tree import MAP, SCALAR, SEQ, STR, Node, format_path

BODY_FIELDS = ("body", "content", "text", "response", "reply", "message", "value", "comment")
NAME_FIELDS = ("title", "name", "id")
ZENDESK_COMMENTS = {"comment_value": None, "comment_value_html": "html"}
DEFAULT_DEPTH = 4  # how deep (in containers) a template may lie when no config names the fields
TEXTS_DEPTH = 2  # how deep a mapping or list of texts may lie
PROSE_WORDS = 4

Path = tuple[str | int, ...]


class Found(NamedTuple):
    node: Node  # a STR node
    path: Path  # where it is, from the document's root
    name: str  # what the template is called in reports
    format: str | None  # the format its text is in, when the file says so (Zendesk HTML comments)


def select(roots: Sequence[Node], spec: TemplateSpec | None = None, tabular: bool = False) -> list[Found]:
    """The templates in a file's documents (YAML may hold several); each string only once."""
    out: list[Found] = []
    for number, root in enumerate(roots):
        found: list[Found] = []
        if spec is not None:
            _configured(root, spec, tabular, found)
        else:
            _visit(root, (), (), 0, tabular, found)
        if len(roots) > 1:
            found = [f._replace(name=f"document {number + 1}: {f.name}") for f in found]
        out.extend(found)
    seen: set[int] = set()
    unique = []
    for f in out:
        if id(f.node) not in seen:  # a YAML alias repeats a node: lint it once, where it is written
            seen.add(id(f.node))
            unique.append(f)
    return unique


Ancestors = tuple[tuple[Path, Node], ...]


def _visit(node: Node, path: Path, ancestors: Ancestors, depth: int, tabular: bool, out: list[Found]) -> None:
    if node.kind == MAP:
        entry = _entry(node, path, ancestors)
        if entry is not None:
            out.extend(entry)
            return
    if node.kind not in (MAP, SEQ):
        return
    if not tabular and depth <= TEXTS_DEPTH and _is_texts(node):
        for key, child in node.children():
            if child.text.strip():
                name = key if isinstance(key, str) else format_path((*path, key))
                out.append(Found(child, (*path, key), name, None))
        return
    if depth < DEFAULT_DEPTH:
        inner = (*ancestors, (path, node))
        for key, child in node.children():
            _visit(child, (*path, key), inner, depth + 1, tabular, out)


def _entry(node: Node, path: Path, ancestors: Ancestors) -> list[Found] | None:
    """The template(s) a mapping is, [] for a mapping that is no template, None to look inside it."""
    keys = _folded(node)
    kind, value = keys.get("field"), keys.get("value")
    if kind is not None and value is not None and kind[1].kind == STR:
        if kind[1].text not in ZENDESK_COMMENTS or value[1].kind != STR or not value[1].text.strip():
            return []  # a macro action that sets something else (status, tags...)
        entry_path, entry = path, node
        if len(ancestors) >= 2 and ancestors[-1][1].kind == SEQ:  # the macro that holds the actions
            entry_path, entry = ancestors[-2]
        name = _name((entry,), entry_path, NAME_FIELDS, folded=True) or format_path((*path, value[0]))
        return [Found(value[1], (*path, value[0]), name, ZENDESK_COMMENTS[kind[1].text])]
    for field in BODY_FIELDS:
        hit = keys.get(field)
        if hit is not None and hit[1].kind == STR:
            if not hit[1].text.strip():
                return []
            name = _name((node,), path, NAME_FIELDS, folded=True) or format_path((*path, hit[0]))
            return [Found(hit[1], (*path, hit[0]), name, None)]
    return None


def _folded(node: Node) -> dict[str, tuple[str, Node]]:
    """Keys in lower case -> (key as written, value); the first of keys that differ only in case."""
    out: dict[str, tuple[str, Node]] = {}
    for key, value in node.items:
        out.setdefault(key.lower(), (key, value))
    return out


def _is_texts(node: Node) -> bool:
    """A mapping or list whose values are all strings, mostly sentences: {"Refund delayed": "Hi ..."}."""
    values = [child for _, child in node.children()]
    if not values or any(v.kind != STR for v in values):
        return False
    if node.kind == MAP and any(k.lower() in BODY_FIELDS or k.lower() in NAME_FIELDS for k, _ in node.items):
        return False
    prose = sum(1 for v in values if len(v.text.split()) >= PROSE_WORDS or "\n" in v.text.strip())
    return prose * 2 >= len(values)


def _name(chain: Sequence[Node], entry_path: Path, names: Sequence[str], folded: bool) -> str | None:
    """The first name field in `chain` (nearest first), else the entry's label, key or path; None at the root."""
    for node in chain:
        if node.kind != MAP:
            continue
        keys = _folded(node) if folded else {k: (k, v) for k, v in reversed(node.items)}
        for name in names:
            hit = keys.get(name.lower() if folded else name)
            if hit is not None and hit[1].kind in (STR, SCALAR) and hit[1].text.strip():
                return " ".join(hit[1].text.split())
    entry = chain[0]
    if entry.label:
        return entry.label
    if entry_path and isinstance(entry_path[-1], str):
        return entry_path[-1]
    return format_path(entry_path) or None


def _configured(root: Node, spec: TemplateSpec, tabular: bool, out: list[Found]) -> None:
    names = spec.names or NAME_FIELDS
    folded = not spec.names
    for field in spec.fields:
        if tabular:
            column = field.column
            for number, row in enumerate(root.items if root.kind == SEQ else ()):
                hit = row.get(column) if row.kind == MAP else None
                if hit is not None and hit.kind == STR and hit.text.strip():
                    name = _name((row,), (number,), names, folded) or f"row {number + 2}"
                    out.append(Found(hit, (number, column), name, spec.format))
            continue
        for where, node, ancestors in match(field, root):
            if node.kind != STR or not node.text.strip():
                continue
            chain = [n for _, n in reversed(ancestors)]
            if field.steps[-1].kind == KEY and ancestors and ancestors[-1][1].kind == MAP:
                name = _name(chain, ancestors[-1][0], names, folded)
            else:  # the string is itself the entry: named by a name field above it, else by its key
                name = _name(chain, where, names, folded) if any(_has(n, names) for n in chain) else None
                name = name or (where[-1] if where and isinstance(where[-1], str) else None)
            out.append(Found(node, where, name or format_path(where) or "template", spec.format))


def _has(node: Node, names: Sequence[str]) -> bool:
    return node.kind == MAP and any(node.get(n) is not None for n in names)
