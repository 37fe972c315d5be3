"""Fuzz targets: pure functions that run one input through replylint and check what must hold.

Nothing here imports atheris. `fuzz_replylint.py` drives these functions under
libFuzzer; `tests/test_fuzz_regressions.py` replays the saved crashing inputs
through the same functions in the normal test run.

Every target takes the raw fuzz input (bytes). The first byte chooses (the file
ending, the config file name, unsafe fixes); the rest is the payload, read as
UTF-8 with invalid bytes replaced (files reach replylint decoded, so a lone
surrogate never does). Saved inputs are ordinary files instead (see `replay`):
their ending says the format and their bytes are the payload.

A target returns normally when replylint behaved, whether the input was linted
or refused with one of the project's own errors (a one-line message). Anything
else is a finding: an exception of another type, a `Broken` invariant, or a
`rule-error` diagnostic (the engine turns a crashing rule into one).
"""

from __future__ import annotations

import functools
import json
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from replylint.diagnostics import Diagnostic, Edit, FileResult, Severity
from replylint.document import LineIndex, Span, lone_cr_as_lf
from replylint.engine import ActiveRule, LintOptions, lint
from replylint.formats import EXTENSIONS, LIBRARY_FORMATS, parse
from replylint.registry import Registry, build_registry
from replylint.sections import lint_draft

# Every file ending replylint reads, in a fixed order (the first byte of an input picks one).
ENDINGS = tuple(sorted(EXTENSIONS))
UNSAFE = 0x80  # fix: this bit of the first byte asks for unsafe fixes too
PYPROJECT = 0x01  # config: this bit of the first byte writes pyproject.toml instead of .replylint.toml

# A short reply every rule family has something to say about, for rules built from fuzzed config or packs.
SAMPLE = (
    "Hi {{ first_name }},\n\nPer the SLA you should have read the FAQ. Sorry for any inconvenience!!\n"
    "We will circle back ASAP and it will 100% be fixed.\n\n> the customer's words\n\n-- \nAgent\n"
)
SAMPLE_LIBRARIES = {
    "json": '{"macros": [{"title": "Refund", "body": "Per the SLA we will circle back ASAP.", "id": 3}]}',
    "yaml": "replies:\n  - title: Refund\n    body: |\n      Per the SLA we will circle back ASAP.\n",
    "csv": "title,body\nRefund,Per the SLA we will circle back ASAP.\n",
}


class Broken(AssertionError):
    """An invariant that does not hold: a finding, like an unexpected exception."""


class Framed(NamedTuple):
    choice: int
    payload: bytes

    @property
    def text(self) -> str:
        return self.payload.decode("utf-8", "replace")

    @property
    def ending(self) -> str:
        return ENDINGS[(self.choice & 0x7F) % len(ENDINGS)]


def frame(data: bytes) -> Framed:
    return Framed(data[0], data[1:]) if data else Framed(0, b"")


def unframe(choice: int, payload: bytes) -> bytes:
    """The fuzz input that `frame` reads as (choice, payload): how seeds are written."""
    return bytes([choice & 0xFF]) + payload


def choice_for(ending: str, unsafe: bool = False) -> int:
    return ENDINGS.index(ending) | (UNSAFE if unsafe else 0)


@functools.cache
def registry() -> Registry:
    """The default registry (first-party rules and installed plugins), built once per process."""
    return build_registry()


def _rules() -> tuple[list[ActiveRule], LintOptions]:
    reg = registry()
    return reg.select(), LintOptions(is_known=reg.is_known)


def _one_line(message: str, what: str) -> None:
    """One line however it is read: no line break of any kind (str.splitlines: CR, FF, U+2028...)."""
    if message.splitlines() != [message]:
        raise Broken(f"{what} is not one line: {message!r}")


# --- parse -------------------------------------------------------------------------------------------


def check_parse(text: str, ending: str) -> None:
    """formats.parse for every format: regions inside the text, masks of the same length, sentences."""
    from replylint.formats.library import LibraryError

    fmt = EXTENSIONS[ending]
    try:
        doc = parse(text, fmt, f"fuzz{ending}")
    except LibraryError as exc:
        if fmt not in LIBRARY_FORMATS:
            raise
        _one_line(str(exc), "LibraryError")
        if exc.line < 1 or exc.column < 1 or exc.line > lone_cr_as_lf(text).count("\n") + 2:
            raise Broken(f"LibraryError at {exc.line}:{exc.column} outside the text") from None
        return
    # (a draft's lone CR is read as LF, the same length; a library file's document is its text)
    if doc.source != (text if fmt in LIBRARY_FORMATS else lone_cr_as_lf(text)):
        raise Broken("the document's source is not the text")
    for region in doc.regions:
        _in_bounds(region.span, len(text), f"region {region.kind}")
    masked = doc.masked
    if len(masked) != len(text) or len(doc.prose) != len(text):
        raise Broken("the masked text is not as long as the source")
    newline = text.find("\n")
    while newline != -1:  # (the mask may add line breaks of its own: HTML block tags)
        if masked[newline] != "\n":
            raise Broken(f"the mask lost the line break at offset {newline}")
        newline = text.find("\n", newline + 1)
    for sentence in doc.sentences:
        _in_bounds(sentence.span, len(text), "sentence")


def _in_bounds(span: Span, length: int, what: str) -> None:
    if not 0 <= span.start <= span.end <= length:
        raise Broken(f"{what} span {tuple(span)} outside the text (length {length})")


# --- lint --------------------------------------------------------------------------------------------


def lint_text(text: str, ending: str) -> list[Diagnostic] | None:
    """The diagnostics for `text` read as a file with `ending` (None: a library that cannot be read)."""
    from replylint.formats.library import LibraryError

    fmt = EXTENSIONS[ending]
    rules, options = _rules()
    if fmt in LIBRARY_FORMATS:
        from replylint.library import LibraryLinter

        try:
            return LibraryLinter(text, fmt, f"fuzz{ending}", None, rules, options).lint(text)
        except LibraryError as exc:
            _one_line(str(exc), "LibraryError")
            return None
    return lint_draft(text, fmt, f"fuzz{ending}", rules, options)


def check_lint(text: str, ending: str) -> None:
    """The whole lint path: no rule fails; spans, positions and fixes agree with the text; reports render."""
    diagnostics = lint_text(text, ending)
    if diagnostics is None:
        return
    check_diagnostics(text, diagnostics, EXTENSIONS[ending] in LIBRARY_FORMATS)
    _check_reports(f"fuzz{ending}", EXTENSIONS[ending], diagnostics)


def check_diagnostics(text: str, diagnostics: Sequence[Diagnostic], library: bool = False) -> None:
    from replylint.report.text import format_diagnostic

    lines = LineIndex(text)
    for d in diagnostics:
        if d.rule == "rule-error":
            raise Broken(d.message)
        _in_bounds(d.span, len(text), d.rule)
        if d.start != lines.position(d.span.start) or d.end != lines.position(d.span.end):
            raise Broken(f"{d.rule}: positions {d.start}, {d.end} do not match span {tuple(d.span)}")
        if d.matched != text[d.span.start : d.span.end]:
            raise Broken(f"{d.rule}: matched text {d.matched!r} is not the text at its span")
        _one_line(format_diagnostic("fuzz", d), f"{d.rule}'s line in the text report")
        if library and d.template is None:
            raise Broken(f"{d.rule}: a finding in a library names no template")
        if d.fix is not None:
            for edit in d.fix.edits:
                _in_bounds(edit.span, len(text), f"{d.rule} fix edit")
    if [d.sort_key for d in diagnostics] != sorted(d.sort_key for d in diagnostics):
        raise Broken("diagnostics are not in order")


def _check_reports(path: str, fmt: str, diagnostics: Sequence[Diagnostic]) -> None:
    from replylint.report import ReportContext, reporter

    results = [FileResult(path, fmt, tuple(diagnostics))]
    context = ReportContext(version="0")
    text = reporter("text")(results, context)
    if len(text.splitlines()) != len(diagnostics) + 1:
        raise Broken("the text report is not one line per finding plus a summary")
    for name in ("json", "sarif", "gitlab"):
        json.loads(reporter(name)(results, context))


# --- fix ---------------------------------------------------------------------------------------------


def check_fix(text: str, ending: str, unsafe: bool) -> None:
    """Fixing settles, never changes protected text, and the fixed text lints without a fixable finding."""
    fmt = EXTENSIONS[ending]
    if fmt in LIBRARY_FORMATS:
        _check_library_fix(text, fmt, ending, unsafe)
        return
    from replylint.fixer import fix_text

    rules, options = _rules()
    passes: list[tuple[str, tuple[Diagnostic, ...]]] = []

    def lint_recorded(current: str) -> list[Diagnostic]:
        diagnostics = lint_draft(current, fmt, f"fuzz{ending}", rules, options)
        passes.append((current, tuple(diagnostics)))
        return diagnostics

    protected = [r.span for r in parse(text, fmt, f"fuzz{ending}").regions]
    result = fix_text(text, lint_recorded, unsafe, protected)  # as sections.fix_draft does
    for linted, diagnostics in passes:
        check_diagnostics(linted, diagnostics)
    if not result.settled:
        raise Broken("fixes did not settle")
    _follow(passes, result.text, protected, unsafe, lambda d: d)


def _check_library_fix(text: str, fmt: str, ending: str, unsafe: bool) -> None:
    from replylint.formats.library import LibraryError, library_document, read_library
    from replylint.library import LibraryLinter

    rules, options = _rules()
    passes: list[tuple[str, tuple[Any, ...]]] = []

    class Recorded(LibraryLinter):
        def _lint(self, current: str, library: Any) -> list[Any]:  # type: ignore[override]
            mapped = super()._lint(current, library)
            passes.append((current, tuple(mapped)))
            return mapped

    try:
        linter = Recorded(text, fmt, f"fuzz{ending}", None, rules, options)
        protected = [r.span for r in library_document(text, fmt).regions]
    except LibraryError:
        return
    result, problem = linter.fix(text, unsafe)
    if problem is not None:
        raise Broken(problem)
    if not result.settled:
        raise Broken("fixes did not settle")
    check_diagnostics(result.text, result.diagnostics, library=True)
    if result.text != text:
        try:
            read_library(result.text, fmt)
        except LibraryError as exc:
            raise Broken(f"the fixed library cannot be read: {exc}") from None
        _follow(passes, result.text, protected, unsafe, lambda m: m.diagnostic)


def _follow(
    passes: Sequence[tuple[str, Sequence[Any]]],
    final: str,
    protected: list[Span],
    unsafe: bool,
    diagnostic_of: Callable[[Any], Diagnostic],
) -> None:
    """Replay the fixer's passes: each pass's chosen edits make the next text, no edit touches a span
    that was protected in the original, and those spans hold their original text at the end."""
    from replylint.fixer import applicable, choose_fixes

    original = passes[0][0] if passes else final
    spans = list(protected)
    current = original
    for (before, items), (after, _) in zip(passes, passes[1:], strict=False):
        if before != current:
            break  # the fixer went back to the original text (only when it did not settle)
        fixes = [i for i in items if applicable(diagnostic_of(i), unsafe)]
        chosen = choose_fixes(fixes, diagnostic_of)
        edits = [e for i in chosen for e in diagnostic_of(i).fix.edits]
        current, spans = _apply(current, edits, spans)
        if current != after:
            raise Broken("the fixer's pass did not make the text its chosen edits make")
    if current != final:
        raise Broken("the fixed text is not what the passes made")
    for old, new in zip(protected, spans, strict=True):
        if original[old.start : old.end] != final[new.start : new.end]:
            raise Broken(f"protected text at {tuple(old)} changed: {original[old.start : old.end]!r}")


def _apply(text: str, edits: Sequence[Edit], spans: list[Span]) -> tuple[str, list[Span]]:
    """fixer.apply_edits (later overlapping edits skipped), moving `spans` along; an edit inside one is Broken."""
    out: list[str] = []
    cursor = 0
    moved = [[s.start, s.end] for s in spans]
    for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end)):
        start, end = edit.span
        if start < cursor:
            continue
        for old in spans:
            inside = old.start < start < old.end if start == end else start < old.end and old.start < end
            if inside:
                raise Broken(f"a fix edits protected text {text[old.start : old.end]!r} at {tuple(old)}")
        out += [text[cursor:start], edit.replacement]
        cursor = end
        delta = len(edit.replacement) - (end - start)
        for span, pair in zip(spans, moved, strict=True):
            if span.start >= end:  # after the edit (an insertion at its start goes before it)
                pair[0] += delta
                pair[1] += delta
    out.append(text[cursor:])
    return "".join(out), [Span(a, b) for a, b in moved]


# --- decode ------------------------------------------------------------------------------------------


def check_decode(data: bytes) -> None:
    """Any bytes give text or an InputError; text written back in its encoding gives the same bytes;
    read a block at a time (a large file), the same text or the same error, in blocks ending at line ends."""
    from replylint.files import InputError, decode, encode

    try:
        file = decode(data)
    except InputError as exc:
        _one_line(str(exc), "InputError")
        _same_in_blocks(data, f"error: {exc}")
        return
    if encode(file, file.text) != data:
        raise Broken(f"decoded as {file.encoding} (BOM {file.bom}), but does not encode back to the same bytes")
    _same_in_blocks(data, file.text)


def _same_in_blocks(data: bytes, whole: str) -> None:
    from replylint.files import InputError, read_blocks

    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "draft.txt"
        path.write_bytes(data)
        size = 1 + len(data) % 7
        try:
            blocks = list(read_blocks(path, size=size))
        except InputError as exc:
            blocks = [f"error: {exc}"]
    if "".join(blocks) != whole:
        raise Broken(f"read in blocks of {size} bytes: {''.join(blocks)[:80]!r}, whole: {whole[:80]!r}")
    text = "".join(blocks)
    at = 0
    for block in blocks[:-1]:
        at += len(block)
        if not (block.endswith("\n") or (block.endswith("\r") and text[at : at + 1] != "\n")):
            raise Broken(f"a block of {size} bytes does not end at a line end: {block[-20:]!r}")


# --- config ------------------------------------------------------------------------------------------


def check_config(text: str, pyproject: bool, folder: Path | None = None) -> None:
    """A config file of any text loads or fails with a one-line ConfigError naming it; what loads
    is checked against the registry and then used: globs, template fields, rule options, banned terms."""
    from replylint.builtin.vocabulary import vocabulary_rule
    from replylint.config import ConfigError, check_rule_names, check_rule_options, load_settings

    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        path = Path(scratch) / ("pyproject.toml" if pyproject else ".replylint.toml")
        path.write_text(text, encoding="utf-8")
        reg = registry()
        try:
            settings = load_settings(path)
            check_rule_names(settings, reg.is_known, reg.suggest)
            check_rule_options(settings, reg.get, reg.suggest)
        except ConfigError as exc:
            _one_line(str(exc), "ConfigError")
            if not str(exc).startswith(f"{path}:") and str(exc) != str(path):
                raise Broken(f"ConfigError does not start with the file name: {exc}") from None
            return
        draft = Path(scratch) / "sub" / "draft.txt"
        _ = settings.ignored_for(draft), settings.is_excluded(draft), settings.is_included(draft)
        for fmt, sample in SAMPLE_LIBRARIES.items():
            spec = settings.templates_for(Path(scratch) / f"macros.{fmt}")
            if spec is not None:
                from replylint.library import LibraryLinter

                rules, options = _rules()
                check_diagnostics(sample, LibraryLinter(sample, fmt, "x", spec, rules, options).lint(sample), True)
        rules = reg.select(settings.select, settings.ignore, dict(settings.severity), settings.options_for())
        rules.append(ActiveRule(vocabulary_rule(dict(settings.ban)), Severity.WARNING))
        options = LintOptions(allowed_terms=settings.allow, is_known=reg.is_known)
        check_diagnostics(SAMPLE, lint(parse(SAMPLE, "template"), rules, options))


# --- packs -------------------------------------------------------------------------------------------


def check_pack(text: str) -> None:
    """A rule pack of any text compiles or fails with a one-line PackError naming it; its rules then
    run on a sample reply and on their own examples without failing (a match past the time limit is
    the documented guard, not a failure)."""
    from replylint.packs import PackError
    from replylint.packs.loader import parse_pack

    name = "fuzz-pack.yaml"
    try:
        rules = parse_pack(text, name)
    except PackError as exc:
        _one_line(str(exc), "PackError")
        if not str(exc).startswith(f"{name}:"):
            raise Broken(f"PackError does not start with the file name: {exc}") from None
        return
    active = [ActiveRule(r, r.severity) for r in rules]
    for sample in (SAMPLE, *(e.text for r in rules for e in (*r.bad, *r.good))):
        for d in lint(parse(sample, "template"), active, LintOptions()):
            if d.rule == "rule-error" and "TimeoutError" not in d.message:
                raise Broken(d.message)
            if d.rule != "rule-error":
                check_diagnostics(sample, [d])


# --- the targets, over raw fuzz input ------------------------------------------------------------------


def parse_input(data: bytes) -> None:
    framed = frame(data)
    check_parse(framed.text, framed.ending)


def lint_input(data: bytes) -> None:
    framed = frame(data)
    check_lint(framed.text, framed.ending)


def fix_input(data: bytes) -> None:
    framed = frame(data)
    check_fix(framed.text, framed.ending, bool(framed.choice & UNSAFE))


def decode_input(data: bytes) -> None:
    check_decode(data)


def config_input(data: bytes) -> None:
    framed = frame(data)
    check_config(framed.text, bool(framed.choice & PYPROJECT))


def packs_input(data: bytes) -> None:
    check_pack(frame(data).text)


TARGETS: dict[str, Callable[[bytes], None]] = {
    "parse": parse_input,
    "lint": lint_input,
    "fix": fix_input,
    "decode": decode_input,
    "config": config_input,
    "packs": packs_input,
}


def replay(path: Path, folder: Path | None = None) -> None:
    """Run a saved input (tests/data/fuzz/<target>-<name>.<ending>) through its target, in every variant
    (`folder`: where the config target writes its config files; default: the system's temporary folder)."""
    target = path.name.split("-", 1)[0]
    data = path.read_bytes()
    if target == "decode":
        check_decode(data)
        return
    text = data.decode("utf-8")
    if target == "config":
        check_config(text, pyproject=False, folder=folder)
        check_config(text, pyproject=True, folder=folder)
    elif target == "packs":
        check_pack(text)
    else:
        ending = path.suffix.lower()
        if target == "parse":
            check_parse(text, ending)
        elif target == "lint":
            check_lint(text, ending)
        elif target == "fix":
            check_fix(text, ending, unsafe=False)
            check_fix(text, ending, unsafe=True)
        else:
            raise ValueError(f"{path.name}: unknown target {target!r}")


def main(argv: Sequence[str]) -> None:
    """python fuzz/targets.py TARGET INPUT...  (raw fuzz inputs, as libFuzzer saves them)
    python fuzz/targets.py saved FILE...      (files saved as in tests/data/fuzz)"""
    if len(argv) < 2 or (argv[0] not in TARGETS and argv[0] != "saved"):
        raise SystemExit(main.__doc__)
    for name in argv[1:]:
        if argv[0] == "saved":
            replay(Path(name))
        else:
            TARGETS[argv[0]](Path(name).read_bytes())
        print(f"{name}: passes")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
