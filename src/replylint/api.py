"""A small Python API for programs that lint drafts in-process (agents, bots)."""

from __future__ import annotations

from collections.abc import Sequence

from replylint.diagnostics import Diagnostic
from replylint.engine import LintOptions
from replylint.formats import LIBRARY_FORMATS, PLAIN
from replylint.registry import Registry, build_registry
from replylint.sections import lint_draft


def lint_text(
    text: str,
    format: str = PLAIN,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    registry: Registry | None = None,
) -> list[Diagnostic]:
    """Lint one draft with the first-party rules (and installed plugins).

    Build a registry once with `build_registry()` and pass it in when linting
    many drafts. A library format ("yaml", "json", "csv") lints each template
    found in the text; LibraryError says why a malformed one could not be read. A very
    large plain-text or Markdown draft (over 256 K characters) is linted in sections, as
    the command line does (see replylint.sections).
    """
    registry = registry or build_registry()
    rules = registry.select(select, ignore)
    options = LintOptions(is_known=registry.is_known)
    if format in LIBRARY_FORMATS:
        from replylint.library import LibraryLinter

        return LibraryLinter(text, format, "<text>", None, rules, options).lint(text)
    return lint_draft(text, format, None, rules, options)
