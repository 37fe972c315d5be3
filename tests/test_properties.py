"""Property tests over every input format (issue 5).

For any text in any supported format: linting never raises; every span lies inside
the text, on character boundaries; lines and columns agree with the offsets; the
JSON, SARIF, GitLab and JUnit reports parse; fixing settles within fixer.MAX_PASSES and a
second fix changes nothing; and no fix changes a protected region (placeholders,
template tags, quoted text, code, comments, markup, and in a library everything
outside the templates' text). A fixed library still reads with the same structure.

Inputs come from tests/strategies.py: mostly drafts built from pieces of a reply and
from the rules' own examples, so that rules fire and offer fixes. The budget comes
from a Hypothesis profile (see strategies.profile): REPLYLINT_HYPOTHESIS_PROFILE=thorough
runs 2,000 examples per property. Reader-level properties of libraries (every string
decodes exactly, edits read back) are in test_library_fuzz.py.

Decisions the properties pin down:
- Lines end at LF, CRLF or a lone CR (document.LineIndex), as in ruff and Python's universal
  newlines: U+2028, U+0085 or a form feed is a column of its line, and CRLF counts two code
  points, the CR ending its line.
- The in-process API takes any str, lone surrogates included (a decoded file cannot
  hold them, a caller's string can); it never raises on one.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from conftest import shared_registry
from hypothesis import given
from hypothesis import strategies as st
from strategies import (
    ALL_FORMATS,
    DRAFT_FORMATS,
    GREETINGS,
    LIBRARY_FORMATS,
    any_unicode,
    drafts,
    files,
    profile,
    well_formed_libraries,
)

from replylint.api import lint_text
from replylint.cli import main
from replylint.diagnostics import Applicability, Diagnostic, Edit, Finding, Fix
from replylint.document import Document, Region, Span, lone_cr_as_lf
from replylint.engine import ActiveRule, LintOptions, lint
from replylint.fixer import MAX_PASSES, applicable, apply_edits, choose_fixes, fix_text
from replylint.formats import parse
from replylint.formats.library import LibraryError, library_document, read_library
from replylint.library import LibraryLinter
from replylint.registry import Registry, build_registry
from replylint.rule import rule

# Terms banned with a replacement, so that vocabulary-banned offers safe fixes near placeholders
# ({{ ticket.id }}), signatures ("Sam") and quoted text too.
BANNED = {"ticket": "request", "refund": "money back", "Sam": "Alex", "per the SLA": "as promised"}
EXTENSION = {"plain": ".txt", "markdown": ".md", "template": ".liquid", "html": ".html"}
EXTENSION.update({fmt: f".{fmt}" for fmt in LIBRARY_FORMATS})


@cache
def banned_registry() -> Registry:
    return build_registry(banned=BANNED)


def lint_in_process(text: str, fmt: str) -> list[Diagnostic] | None:
    """The API's diagnostics; None for a library that does not read (LibraryError, checked to be one line)."""
    try:
        return lint_text(text, fmt, registry=shared_registry())
    except LibraryError as exc:
        assert fmt in LIBRARY_FORMATS
        assert "\n" not in str(exc) and "\r" not in str(exc), str(exc)
        assert str(exc).startswith(f"{exc.line}:{exc.column}: invalid {fmt.upper()}: "), str(exc)
        return None


def linter_for(registry: Registry, fmt: str, text: str) -> Callable[[str], list[Diagnostic]]:
    """What the runner lints each version of one file with (see Session._prepare)."""
    rules = registry.select()
    options = LintOptions(is_known=registry.is_known)
    if fmt in LIBRARY_FORMATS:
        return LibraryLinter(text, fmt, "<text>", None, rules, options).lint
    return lambda current: lint(parse(current, fmt), rules, options)


def document_for(fmt: str, text: str) -> Document:
    """The whole text as one document, with its protected regions (for a library: in file coordinates)."""
    return library_document(text, fmt) if fmt in LIBRARY_FORMATS else parse(text, fmt)


def splits_a_pair(text: str, offset: int) -> bool:
    """True when `offset` falls between the CR and LF of a CRLF, or inside a surrogate pair."""
    if not 0 < offset < len(text):
        return False
    before, after = text[offset - 1], text[offset]
    return (before, after) == ("\r", "\n") or ("\ud800" <= before <= "\udbff" and "\udc00" <= after <= "\udfff")


def splits_a_character(text: str, offset: int) -> bool:
    """True when `offset` falls inside a character as a reader sees it: a CRLF, a surrogate pair, a letter
    and the combining marks after it, or a sequence joined by a zero-width joiner."""
    if splits_a_pair(text, offset):
        return True
    if not 0 < offset < len(text):
        return False
    before, after = text[offset - 1], text[offset]
    return (
        unicodedata.category(after) in ("Mn", "Mc", "Me")
        or after == "\u200d"
        or (before == "\u200d" and after >= "\u0300")
    )


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column in code points), worked out afresh: LF, CRLF or a lone CR ends a line."""
    ends = [m.end() for m in re.finditer(r"\r\n|\r|\n", text[:offset])]
    if ends and text[offset - 1 : offset + 1] == "\r\n":  # between a CR and its LF: the CR's line
        ends.pop()
    line_start = ends[-1] if ends else 0
    return len(ends) + 1, offset - line_start + 1


def library_boundaries(text: str, fmt: str) -> tuple[set[int], set[int]]:
    """Offsets in the file where a decoded character of a template starts (or an insertion at its
    end goes), and where one ends: a span in a library must start and end on them."""
    starts: set[int] = set()
    ends: set[int] = set()
    for template in read_library(text, fmt).templates:
        starts.update(template.scalar.starts)
        ends.update(template.scalar.ends)
    return starts, ends


# --------------------------------------------------------------------------- 1. never raises


@pytest.mark.parametrize("fmt", ALL_FORMATS)
@profile()
@given(data=st.data())
def test_linting_never_raises(fmt: str, data: st.DataObject) -> None:
    text = data.draw(files(fmt), label="text")
    diagnostics = lint_in_process(text, fmt)
    if fmt in DRAFT_FORMATS:
        assert diagnostics is not None
    assert [d.message for d in diagnostics or () if d.rule == "rule-error"] == []


@pytest.mark.parametrize("fmt", ALL_FORMATS)
@profile(0.5)
@given(text=any_unicode)
def test_the_api_takes_any_string_even_lone_surrogates(fmt: str, text: str) -> None:
    diagnostics = lint_in_process(text, fmt)
    assert [d.message for d in diagnostics or () if d.rule == "rule-error"] == []


# --------------------------------------------------------------------------- 2. spans inside the text


@pytest.mark.parametrize("fmt", ALL_FORMATS)
@profile()
@given(data=st.data())
def test_spans_lie_inside_the_text_on_character_boundaries(fmt: str, data: st.DataObject) -> None:
    text = data.draw(st.one_of(files(fmt), files(fmt), any_unicode), label="text")
    diagnostics = lint_in_process(text, fmt)
    if not diagnostics:
        return
    spans: list[tuple[str, Span]] = []
    for d in diagnostics:
        spans.append((d.rule, d.span))
        assert d.matched == text[d.span.start : d.span.end], d
        if d.fix is not None:
            spans += [(f"{d.rule} fix", e.span) for e in d.fix.edits]
    starts, ends = library_boundaries(text, fmt) if fmt in LIBRARY_FORMATS else (set(), set())
    for what, (start, end) in spans:
        assert 0 <= start <= end <= len(text), (what, start, end)
        assert not splits_a_pair(text, start) and not splits_a_pair(text, end), (what, start, end)
        if what.endswith(" fix"):  # a fix must not leave an accent on another letter, or half a CRLF
            assert not splits_a_character(text, start) and not splits_a_character(text, end), (what, start, end)
        if fmt in LIBRARY_FORMATS and what != "rule-error":  # through escapes: whole decoded characters
            assert start in starts, (what, start, end, text[start : end + 1])
            assert end == start or end in ends, (what, start, end, text[start : end + 1])


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("Per the SLA\u0301 we will reply.", "plain"),  # decomposed 'SLÁ': the fix put the accent on 'promised'
        ("Kindly revert\u0301 with the date.", "template"),  # a safe fix: 'Please replý'
        ("Thanks!!\u20dd", "markdown"),  # an enclosing mark
        ('{"replies": [{"title": "T", "body": "Kindly revert\u0301 with the date."}]}', "json"),
        ('{"replies": [{"title": "T", "body": "Kindly revert\\u0301 with the date."}]}', "json"),
    ],
)
def test_no_fix_splits_a_letter_from_its_accent(text: str, fmt: str) -> None:
    def marked(text: str) -> list[str]:  # each combining mark with the letter it sits on
        if fmt == "json":
            text = json.loads(text)["replies"][0]["body"]
        return [text[i - 1 : i + 1] for i in range(1, len(text)) if unicodedata.category(text[i]).startswith("M")]

    # (A combining accent in U+0300-U+036F belongs to its word, so 'SLÁ' is no 'SLA' and the first
    # four find nothing now; the property holds for what any rule finds, an enclosing mark's too.)
    diagnostics = lint_in_process(text, fmt) or []
    for d in diagnostics if fmt in DRAFT_FORMATS else ():
        for edit in d.fix.edits if d.fix else ():
            assert not splits_a_character(text, edit.span.start), (d.rule, edit)
            assert not splits_a_character(text, edit.span.end), (d.rule, edit)
    fixed = _settles(shared_registry(), fmt, text, unsafe=True)
    assert fixed is not None and marked(fixed) == marked(text)


def _any_rule(found: Sequence[tuple[Span, Sequence[Edit] | None]]) -> list[ActiveRule]:
    """A rule, as a plugin might write one, that reports the given spans with the given fix edits."""

    @rule(id="test-any-span", category="test", severity="warning", summary="s", rationale="r")
    def any_span(doc: Document) -> Iterator[Finding]:
        for span, edits in found:
            yield Finding(span, "m", fix=None if edits is None else Fix(tuple(edits), Applicability.SAFE))

    return [ActiveRule(any_span, any_span.severity)]


offsets = st.integers(-3, 60)
# Mostly spans that could be right (forwards, near the start, where greetings hold placeholders), some not.
spans_of_any_rule = st.builds(lambda start, size: Span(start, start + size), st.integers(0, 60), st.integers(0, 8))
spans_of_any_rule |= st.builds(Span, offsets, offsets)
edits_of_any_rule = st.lists(st.builds(Edit, spans_of_any_rule, st.sampled_from(["", "Z", "\n"])), max_size=2)


@profile()
@given(
    text=st.tuples(st.sampled_from(GREETINGS), drafts("template")).map("".join),  # a placeholder near the start
    found=st.lists(st.tuples(spans_of_any_rule, st.none() | edits_of_any_rule), max_size=4),
)
def test_the_engine_keeps_any_rules_spans_and_fixes_inside_the_text(
    text: str, found: list[tuple[Span, list[Edit] | None]]
) -> None:
    """A plugin's rule may report any span and any edits: the diagnostics still point inside the text,
    a fix whose edits do not fit the text (outside it, backwards, overlapping) is not offered, and
    fixing never changes a protected region (the engine's guard, which first-party rules, matching
    only prose, never need)."""
    rules = _any_rule(found)
    diagnostics = lint(parse(text, "template"), rules)
    assert len(diagnostics) == len(found)
    for d in diagnostics:
        assert 0 <= d.span.start <= d.span.end <= len(text), d.span
        assert (d.start.offset, d.end.offset) == d.span
        assert (d.start.line, d.start.column) == position(text, d.span.start)
        # the engine quotes the document (a lone CR read as LF); lint_draft quotes the file
        assert d.matched == lone_cr_as_lf(text)[d.span.start : d.span.end]
        cursor = 0
        for edit in sorted(d.fix.edits if d.fix else (), key=lambda e: e.span):
            assert cursor <= edit.span.start <= edit.span.end <= len(text), d.fix
            cursor = edit.span.end
    fixed, followed = _fix_keeping_track(Registry(tuple(a.rule for a in rules)), "template", text, unsafe=False)
    for region, original in followed:
        assert fixed[region.span.start : region.span.end] == original, (region.kind, original)


@pytest.mark.parametrize(
    ("span", "edits", "expected_span", "fixed"),
    [
        (Span(-3, 2), [Edit(Span(0, 1), "J")], Span(0, 2), "Jello world"),
        (Span(5, 2), [Edit(Span(0, 1), "J")], Span(5, 5), "Jello world"),
        (Span(20, 30), None, Span(11, 11), "hello world"),
        (Span(0, 5), [Edit(Span(8, 3), "Z")], Span(0, 5), "hello world"),  # was 'hello woZlo world'
        (Span(0, 5), [Edit(Span(50, 60), "Z")], Span(0, 5), "hello world"),  # was 'hello worldZ'
        (Span(0, 5), [Edit(Span(-4, -2), "Z")], Span(0, 5), "hello world"),
        (Span(0, 5), [Edit(Span(0, 5), "bye"), Edit(Span(3, 7), "Z")], Span(0, 5), "hello world"),  # was 'bye world'
        (Span(0, 5), [Edit(Span(5, 5), ","), Edit(Span(0, 5), "Hi")], Span(0, 5), "Hi, world"),
    ],
)
def test_a_plugins_bad_span_is_kept_inside_the_text_and_its_bad_fix_not_offered(
    span: Span, edits: list[Edit] | None, expected_span: Span, fixed: str
) -> None:
    rules = _any_rule([(span, edits)])
    [diagnostic] = lint(parse("hello world", "plain"), rules)
    assert (diagnostic.span, diagnostic.start.offset, diagnostic.end.offset) == (expected_span, *expected_span)
    result = fix_text(
        "hello world", lambda current: lint(parse(current, "plain"), rules if current == "hello world" else [])
    )
    assert result.text == fixed


# --------------------------------------------------------------------------- 3. lines and columns


@pytest.mark.parametrize("fmt", ALL_FORMATS)
@profile()
@given(data=st.data())
def test_lines_and_columns_agree_with_the_offsets(fmt: str, data: st.DataObject) -> None:
    text = data.draw(files(fmt), label="text")
    for d in lint_in_process(text, fmt) or ():
        assert (d.start.offset, d.end.offset) == d.span, d
        assert (d.start.line, d.start.column) == position(text, d.span.start), d
        assert (d.end.line, d.end.column) == position(text, d.span.end), d


# --------------------------------------------------------------------------- 5. fixes settle


def _settles(registry: Registry, fmt: str, text: str, unsafe: bool) -> str | None:
    """The fixed text, after checking that fixing settled and that fixing again changes nothing."""
    if fmt in LIBRARY_FORMATS:
        try:
            linter = LibraryLinter(
                text, fmt, "<text>", None, registry.select(), LintOptions(is_known=registry.is_known)
            )
        except LibraryError:
            return None
        result, problem = linter.fix(text, unsafe)
        assert problem is None, problem
        assert result.settled
        again, problem = linter.fix(result.text, unsafe)
        assert problem is None, problem
    else:
        lint_version = linter_for(registry, fmt, text)
        result = fix_text(text, lint_version, unsafe)
        assert result.settled, text
        again = fix_text(result.text, lint_version, unsafe)
    assert (again.text, again.applied, again.settled) == (result.text, 0, True)
    assert not [d for d in result.diagnostics if applicable(d, unsafe)]
    return result.text


@pytest.mark.parametrize("fmt", ALL_FORMATS)
@profile()
@given(data=st.data(), unsafe=st.booleans())
def test_fixes_settle_and_a_second_fix_changes_nothing(fmt: str, unsafe: bool, data: st.DataObject) -> None:
    text = data.draw(well_formed_libraries(fmt) if fmt in LIBRARY_FORMATS else drafts(fmt), label="text")
    _settles(shared_registry(), fmt, text, unsafe)
    _settles(banned_registry(), fmt, text, unsafe)


# --------------------------------------------------------------------------- 6. protected regions


def _applied(edits: Sequence[Edit]) -> list[Edit]:
    """The edits fixer.apply_edits applies: in order of position, an overlapping later one skipped."""
    out: list[Edit] = []
    cursor = 0
    for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end)):
        if edit.span.start >= cursor:
            out.append(edit)
            cursor = edit.span.end
    return out


def _moved(span: Span, edits: Sequence[Edit]) -> Span | None:
    """Where `span` is after the (non-overlapping) edits; None when an edit changes text inside it."""
    shift = 0
    for edit in edits:
        start, end = edit.span
        grows = len(edit.replacement) - (end - start)
        if start == end:  # an insertion: inside the region changes it, at its start moves it
            if span.start < start < span.end:
                return None
            if start <= span.start:
                shift += grows
        elif start < span.end and span.start < end:
            return None
        elif end <= span.start:
            shift += grows
    return Span(span.start + shift, span.end + shift)


def _fix_keeping_track(registry: Registry, fmt: str, text: str, unsafe: bool) -> tuple[str, list[tuple[Region, str]]]:
    """Fix `text` as --fix does, pass by pass, and follow every protected region of every version through
    the edits. Returns the fixed text and [(where a region ended up, its original text)]."""
    lint_version = linter_for(registry, fmt, text)
    current = text
    followed: list[tuple[Region, str]] = []
    for _ in range(MAX_PASSES):
        doc = document_for(fmt, current)
        followed += [(r, current[r.span.start : r.span.end]) for r in doc.regions if r.span.start < r.span.end]
        fixes = [d for d in lint_version(current) if applicable(d, unsafe)]
        if not fixes:
            break
        edits = _applied([e for d in choose_fixes(fixes, lambda d: d) for e in d.fix.edits])  # type: ignore[union-attr]
        for i, (region, original) in enumerate(followed):
            moved = _moved(region.span, edits)
            assert moved is not None, (f"a fix changes a {region.kind} region", original, edits)
            followed[i] = (Region(region.kind, moved), original)
        current, _ = apply_edits(current, edits)
    return current, followed


@pytest.mark.parametrize("fmt", ALL_FORMATS)
@profile()
@given(data=st.data(), unsafe=st.booleans())
def test_fixes_never_change_a_protected_region(fmt: str, unsafe: bool, data: st.DataObject) -> None:
    text = data.draw(well_formed_libraries(fmt) if fmt in LIBRARY_FORMATS else drafts(fmt), label="text")
    for rules in (shared_registry(), banned_registry()):
        fixed, followed = _fix_keeping_track(rules, fmt, text, unsafe)
        for region, original in followed:
            assert fixed[region.span.start : region.span.end] == original, (region.kind, original)
        if fixed != text:  # what --fix writes is what was followed here
            assert _settles(rules, fmt, text, unsafe) == fixed


# --------------------------------------------------------------------------- libraries keep their structure


def _read(text: str, fmt: str) -> Any:
    """The file as the standard library reads it."""
    if fmt == "json":
        return json.loads(text)
    if fmt == "yaml":
        import yaml

        return list(yaml.safe_load_all(text))
    header = text[: text.index("\n")]  # the header the strategy writes has no quotes: its delimiter is plain
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=next(c for c in ",;\t" if c in header)))


def _skeleton(text: str, fmt: str) -> Any:
    """The file read by the standard parser, every string replaced by its type: what a fix must keep."""
    return _strings_blanked(_read(text, fmt))


def _strings_blanked(tree: Any) -> Any:
    if isinstance(tree, str):
        return str
    if isinstance(tree, dict):
        return {k: _strings_blanked(v) for k, v in tree.items()}
    if isinstance(tree, list):
        return [_strings_blanked(v) for v in tree]
    return tree


def _strings(text: str, fmt: str) -> list[str]:
    """Every string value in the file in document order (keys left out)."""
    out: list[str] = []
    pending = [_read(text, fmt)]
    while pending:
        node = pending.pop()
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, dict):
            pending.extend(reversed(list(node.values())))
        elif isinstance(node, list):
            pending.extend(reversed(node))
    return out


@pytest.mark.parametrize("fmt", LIBRARY_FORMATS)
@profile()
@given(data=st.data(), unsafe=st.booleans())
def test_a_fixed_library_reads_with_the_same_structure(fmt: str, unsafe: bool, data: st.DataObject) -> None:
    text = data.draw(well_formed_libraries(fmt), label="text")
    fixed = _settles(banned_registry(), fmt, text, unsafe)
    assert fixed is not None
    assert _skeleton(fixed, fmt) == _skeleton(text, fmt)
    templates = {t.scalar.value for t in read_library(text, fmt).templates}
    for old, new in zip(_strings(text, fmt), _strings(fixed, fmt), strict=True):
        assert old == new or old in templates, (old, new)  # only a template's own text changes


# --------------------------------------------------------------------------- through the CLI


_ENCODINGS = st.sampled_from([("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE)])


@st.composite
def folders(draw: st.DrawFn, well_formed: bool = False) -> dict[str, bytes]:
    """One file in each format (file name -> bytes), in UTF-8 with or without a BOM, or in UTF-16."""
    out: dict[str, bytes] = {}
    for fmt in ALL_FORMATS:
        strategy = well_formed_libraries(fmt) if well_formed and fmt in LIBRARY_FORMATS else files(fmt)
        text = draw(strategy, label=fmt).replace("\x00", "")  # a NUL makes a binary file, an error by design
        encoding, bom = draw(_ENCODINGS, label=f"{fmt} encoding")
        out[f"draft{EXTENSION[fmt]}"] = bom + text.encode(encoding)
    return out


def _write(folder: Path, contents: dict[str, bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in contents.items():
        (folder / name).write_bytes(data)


def _decoded(data: bytes) -> str:
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding)
    return data.decode("utf-8")


def _bom(data: bytes) -> bytes:
    return next((bom for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE) if data.startswith(bom)), b"")


def _crlf_only(text: str) -> bool:
    return "\r\n" in text and "\n" not in text.replace("\r\n", "")


def _cli(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@profile(0.25)
@given(contents=folders(), piped=st.sampled_from(ALL_FORMATS))
def test_cli_reports_always_parse(contents: dict[str, bytes], piped: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _check_reports(Path(tmp, "drafts"), contents, piped)


def _check_reports(folder: Path, contents: dict[str, bytes], piped: str) -> None:
    _write(folder, contents)
    code, out, err = _cli("--format", "json", str(folder))
    report = json.loads(out)
    errors = [f["error"] for f in report["files"] if f["error"]]
    assert code == 2 if errors else code in (0, 1), (code, err)
    assert err.splitlines() == errors  # one line each, naming the file
    assert all(e.startswith(str(folder / "draft")) for e in errors)
    assert not any(f["format"] in DRAFT_FORMATS for f in report["files"] if f["error"])
    for file in report["files"]:
        text = _decoded(contents[Path(file["path"]).name])
        for d in file["diagnostics"]:
            start, end = d["start"], d["end"]
            assert d["text"] == text[start["offset"] : end["offset"]]
            assert (start["line"], start["column"]) == position(text, start["offset"])
            assert (end["line"], end["column"]) == position(text, end["offset"])
            assert d["rule"] != "rule-error", d["message"]
    for fmt in ("sarif", "gitlab", "junit"):
        other, out, _ = _cli("--format", fmt, str(folder))
        assert other == code
        ElementTree.fromstring(out) if fmt == "junit" else json.loads(out)
    # The same file piped in, named by --stdin-filename, gets the same report.
    name = f"draft{EXTENSION[piped]}"
    _, out, _ = _cli("--format", "json", "--stdin-filename", name, "-", stdin=contents[name])
    [from_stdin] = json.loads(out)["files"]
    [from_file] = [f for f in report["files"] if Path(f["path"]).name == name]
    assert from_stdin["diagnostics"] == from_file["diagnostics"]
    assert (from_stdin["error"] is None) == (from_file["error"] is None)


@profile(0.25)
@given(contents=folders(well_formed=True))
def test_cli_fix_settles_and_a_second_fix_changes_nothing(contents: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _check_fixes(Path(tmp, "drafts"), contents)


def _check_fixes(folder: Path, contents: dict[str, bytes]) -> None:
    _write(folder, contents)
    code, out, err = _cli("--fix", "--unsafe-fixes", "--format", "json", str(folder))
    assert code in (0, 1), err
    report = json.loads(out)
    assert not [
        d for f in report["files"] for d in f["diagnostics"] if d["fix"] and d["fix"]["applicability"] != "display"
    ]
    fixed = {p.name: p.read_bytes() for p in folder.iterdir()}
    for name, data in fixed.items():  # same encoding, byte-order mark and line endings
        assert _bom(data) == _bom(contents[name]), name
        if _crlf_only(_decoded(contents[name])):
            assert "\n" not in _decoded(data).replace("\r\n", ""), name
    code, out, err = _cli("--fix", "--unsafe-fixes", str(folder))
    assert code in (0, 1), err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == fixed
    code, out, err = _cli("--diff", "--unsafe-fixes", str(folder))
    assert (out, code) == ("", 0), err  # nothing left to fix: --diff shows nothing and exits 0
