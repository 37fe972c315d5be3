"""Lint and fix a library of templates (a YAML, JSON or CSV file) where it lives.

Each template's decoded text is parsed as a draft of its own and linted by the
pure engine; every diagnostic is then moved back into the file: its span,
line and column point at the words in the file, it names its template, and
its fix edits are written in the style of the string they fall in (escaped in
JSON, `''` in single-quoted YAML, `""` in quoted CSV). A fix that cannot be
written that way is dropped.

Fixing goes as for any draft (applicable fixes, overlapping ones skipped, at
most fixer.MAX_PASSES passes), and after each pass the file is read again:
its structure must be unchanged and each template must read exactly as its
old text with the fixes applied; if not, the file is left as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from replylint.diagnostics import Diagnostic, Edit
from replylint.document import Document, LineIndex
from replylint.engine import ActiveRule, LintOptions, lint
from replylint.fixer import MAX_PASSES, FixResult, Kept, applicable, apply_edits, choose_fixes
from replylint.formats import parse
from replylint.formats.library import Library, LibraryError, library_regions, read_library
from replylint.formats.library.fields import TemplateSpec
from replylint.formats.library.tree import same_shape


class _Mapped(NamedTuple):
    diagnostic: Diagnostic  # in file coordinates
    template: int  # index into Library.templates
    edits: tuple[Edit, ...]  # its fix's edits in the template's own text (empty without a fix)


class LibraryLinter:
    """Lints one library file (and the fixed versions of it) with one set of rules."""

    def __init__(
        self,
        text: str,
        fmt: str,
        display: str,
        spec: TemplateSpec | None,
        rules: Sequence[ActiveRule],
        options: LintOptions,
    ) -> None:
        """Read the file's templates; LibraryError when the file is malformed."""
        self.fmt, self.display, self.spec, self.rules, self.options = fmt, display, spec, rules, options
        self._text = text
        self._library = read_library(text, fmt, spec)

    def lint(self, text: str) -> list[Diagnostic]:
        return [m.diagnostic for m in self._lint(text, self._read(text))]

    def fix(self, text: str, unsafe: bool) -> tuple[FixResult, str | None]:
        """The fixed text (or the original), and why the file was left unchanged when the fixes were unsafe."""
        library = self._read(text)
        mapped = self._lint(text, library)
        current, total = text, 0
        kept = Kept(region.span for region in library_regions(library, text, self.display))

        def fixable(m: _Mapped) -> bool:
            return applicable(m.diagnostic, unsafe) and kept.allows(m.diagnostic)

        for _ in range(MAX_PASSES):
            fixes = [m for m in mapped if fixable(m)]
            if not fixes:
                return FixResult(current, total, True, tuple(m.diagnostic for m in mapped)), None
            chosen = choose_fixes(fixes, lambda m: m.diagnostic)
            edits = [e for m in chosen for e in m.diagnostic.fix.edits]  # type: ignore[union-attr]
            fixed, applied = apply_edits(current, edits)
            problem = _check(library, chosen, fixed, self.fmt, self.spec)
            if isinstance(problem, str):
                return FixResult(text, 0, True, tuple(self.lint(text))), (
                    f"fixes could not be written back safely ({problem}); file left unchanged"
                )
            current, library, total, kept = fixed, problem, total + applied, kept.moved(edits)
            mapped = self._lint(current, library)
        if any(fixable(m) for m in mapped):
            return FixResult(text, 0, False, tuple(self.lint(text))), None
        return FixResult(current, total, True, tuple(m.diagnostic for m in mapped)), None

    def _read(self, text: str) -> Library:
        return self._library if text == self._text else read_library(text, self.fmt, self.spec)

    def _lint(self, text: str, library: Library) -> list[_Mapped]:
        lines = LineIndex(text)
        out: list[_Mapped] = []
        for index, template in enumerate(library.templates):
            scalar = template.scalar
            doc = template_document(scalar.value, template.format, self.display)
            for d in lint(doc, self.rules, self.options):
                span = scalar.span(*d.span)
                fix, decoded = d.fix, ()
                if fix is not None:
                    edits = scalar.source_edits(text, fix.edits)
                    fix, decoded = (None, ()) if edits is None else (fix._replace(edits=edits), fix.edits)
                mapped = d._replace(
                    span=span,
                    start=lines.position(span.start),
                    end=lines.position(span.end),
                    matched=text[span.start : span.end],
                    fix=fix,
                    template=template.name,
                )
                out.append(_Mapped(mapped, index, decoded))
        out.sort(key=lambda m: m.diagnostic.sort_key)
        return out


def template_document(text: str, fmt: str, display: str | None = None) -> Document:
    """One template's text as a draft. Its regions come from its own format (HTML tags, Markdown code...),
    and it is a template: its placeholders are meant to be there, and `{# replylint-... #}` suppresses."""
    return replace(parse(text, fmt, display), templated=True)


def _check(before: Library, chosen: list[_Mapped], fixed: str, fmt: str, spec: TemplateSpec | None) -> Library | str:
    """The fixed file read again when it holds what it should; else what is wrong."""
    edits: dict[int, list[Edit]] = {}
    for m in chosen:
        edits.setdefault(m.template, []).extend(m.edits)
    expected: dict[int, str] = {}
    for index, template_edits in edits.items():
        template = before.templates[index]
        expected[id(template.node)], _ = apply_edits(template.scalar.value, template_edits)
    try:
        after = read_library(fixed, fmt, spec)
    except LibraryError as exc:
        return f"the fixed file would not be valid: {exc}"
    if len(after.roots) != len(before.roots) or len(after.templates) != len(before.templates):
        return "the fixed file would hold other templates"
    for old, new in zip(before.roots, after.roots, strict=True):
        if not same_shape(old, new, expected):
            return "the fixed file would not read back as the fixed templates"
    return after
