"""Property tests for the library readers: any text reads or fails with one line; every string of a
well-formed file is decoded exactly; an edit written back reads back as the edited value."""

from __future__ import annotations

import csv
import io
import json

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from replylint.diagnostics import Edit
from replylint.document import Span
from replylint.fixer import apply_edits
from replylint.formats.library import LibraryError, csvlib, jsonlib, library_document, read_library, yamllib
from replylint.formats.library.tree import STR, Node

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
# Characters that matter to one format or another, and anything else.
TRICKY = st.sampled_from(list("ab :#-'\"\\\n\r\t,;[]{}|>&*!%@`é😀\x85\u2028"))
CHARS = TRICKY | st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00")
PIECES = st.sampled_from(
    ["body: ", "title: x\n", "- ", "  ", "\n", "|", ">-", "|2+", '"', "'", "\\", "{", "}", "[", "]", ",", ":",
     "#", "&a ", "*a", "!!str ", "---\n", "\t", "a b", "\\u00e9", "\\ud83d", "\r\n", '"body": ', "null", "é"]
)  # fmt: skip


def strings(roots: list[Node]) -> list[Node]:
    out: list[Node] = []
    pending = list(reversed(roots))
    while pending:
        node = pending.pop()
        if node.kind == STR:
            out.append(node)
        pending.extend(reversed([child for _, child in node.children()]))
    return out


@SETTINGS
@given(
    st.lists(PIECES | st.text(CHARS, max_size=3), max_size=30).map("".join), st.sampled_from(["yaml", "json", "csv"])
)
def test_any_text_reads_or_fails_with_one_line(text: str, fmt: str) -> None:
    try:
        library = read_library(text, fmt)
        library_document(text, fmt)
    except LibraryError as exc:
        assert "\n" not in str(exc)
        assert exc.line >= 1 and exc.column >= 1
        return
    for template in library.templates:
        assert template.scalar.value == template.node.text


def _check_edit(module: object, text: str, roots: list[Node], node: Node, data: st.DataObject) -> None:
    scalar = module.scalar(text, node)  # type: ignore[attr-defined]
    assert scalar.value == node.text
    assert scalar.codec is not None, (text, node.text)  # read exactly, not approximated
    start = data.draw(st.integers(0, len(scalar.value)))
    end = data.draw(st.integers(start, len(scalar.value)))
    replacement = data.draw(st.text(CHARS, max_size=10))
    edits = scalar.source_edits(text, [Edit(Span(start, end), replacement)])
    if edits is None:
        return  # not every style can hold every replacement; then no fix is offered
    fixed, _ = apply_edits(text, edits)
    before = strings(roots)
    after = [n.text for n in strings(module.load(fixed))]  # type: ignore[attr-defined]
    index = [id(n) for n in before].index(id(node))
    expected = [n.text for n in before]
    expected[index] = scalar.value[:start] + replacement + scalar.value[end:]
    assert after == expected, (text, fixed)


@SETTINGS
@given(
    st.lists(st.text(CHARS, max_size=40), min_size=1, max_size=3),
    st.sampled_from([None, "'", '"', "|", ">"]),
    st.sampled_from(["map", "seq", "nested", "flow"]),
    st.integers(10, 80),
    st.booleans(),
    st.data(),
)
def test_yaml_scalars_decode_exactly_and_edits_read_back(
    values: list[str], style: str | None, shape: str, width: int, crlf: bool, data: st.DataObject
) -> None:
    tree: object = {
        "map": {f"k{i}": v for i, v in enumerate(values)},
        "seq": values,
        "flow": {"a": values},
        "nested": [{"title": "t", "body": {"inner": v}} for v in values],
    }[shape]
    try:
        text = yaml.dump(tree, default_style=style, width=width, allow_unicode=True, default_flow_style=shape == "flow")
    except yaml.YAMLError:
        assume(False)
    if crlf:
        text = text.replace("\n", "\r\n")
    roots = yamllib.load(text)
    for node in strings(roots):
        _check_edit(yamllib, text, roots, node, data)


@SETTINGS
@given(
    st.sampled_from(["|", ">"]),
    st.sampled_from(["", "-", "+", "2", "2-", "+1", "4"]),
    st.lists(st.text(st.sampled_from(list("ab  cé:#-'\"\t")), max_size=10), min_size=1, max_size=6),
    st.sampled_from(["body: ", "- body: ", "x:\n  body: "]),
    st.data(),
)
def test_yaml_block_scalars_with_indicators(
    indicator: str, header: str, lines: list[str], prefix: str, data: st.DataObject
) -> None:
    base = "  " if prefix != "body: " else ""
    pad = data.draw(st.sampled_from(["  ", "    "]))
    text = (
        prefix
        + indicator
        + header
        + "\n"
        + "".join((base + pad + line if line.strip() else line) + "\n" for line in lines)
    )
    try:
        roots = yamllib.load(text)
    except LibraryError:
        return
    for node in strings(roots):
        _check_edit(yamllib, text, roots, node, data)


@SETTINGS
@given(st.lists(st.text(CHARS, max_size=30), min_size=1, max_size=3), st.booleans(), st.data())
def test_json_strings_decode_exactly_and_edits_read_back(
    values: list[str], ascii_only: bool, data: st.DataObject
) -> None:
    text = json.dumps({"items": [{"title": "x", "body": v} for v in values]}, ensure_ascii=ascii_only, indent=2)
    roots = jsonlib.load(text)
    for node in strings(roots):
        _check_edit(jsonlib, text, roots, node, data)


@SETTINGS
@given(
    st.lists(st.lists(st.text(CHARS, max_size=20), min_size=2, max_size=2), min_size=1, max_size=3),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["\n", "\r\n"]),
    st.data(),
)
def test_csv_fields_decode_exactly_and_edits_read_back(
    rows: list[list[str]], delimiter: str, newline: str, data: st.DataObject
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline, quoting=csv.QUOTE_ALL)
    writer.writerow(["title", "body"])
    writer.writerows(rows)
    text = buffer.getvalue()
    roots = csvlib.load(text)
    assert [[n.text for _, n in row.items] for row in roots[0].items] == rows
    for node in strings(roots):
        _check_edit(csvlib, text, roots, node, data)
