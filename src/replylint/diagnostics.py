"""Values a lint run produces: severities, findings, fixes and diagnostics."""

from __future__ import annotations

import enum
from typing import NamedTuple

from replylint.document import Position, Span


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (expected info, warning or error)") from None


class Applicability(enum.StrEnum):
    """How far a fix can be trusted (after ruff)."""

    SAFE = "safe"  # meaning kept; applied by --fix
    UNSAFE = "unsafe"  # may change meaning; offered, applied only when asked
    DISPLAY = "display"  # shown as a suggestion only


class Edit(NamedTuple):
    span: Span  # an empty span inserts
    replacement: str


class Fix(NamedTuple):
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE
    description: str = ""


class Finding(NamedTuple):
    """What a rule reports: a span in the document and what to say about it."""

    span: Span
    message: str
    suggestion: str | None = None  # advice in words: "Instead of ..., try ..."
    fix: Fix | None = None
    replacements: tuple[str, ...] = ()  # words that could stand in for the span


class Diagnostic(NamedTuple):
    """A finding stamped with the rule that made it and the configured severity."""

    rule: str
    category: str
    severity: Severity
    message: str
    span: Span
    start: Position
    end: Position
    matched: str = ""
    suggestion: str | None = None
    fix: Fix | None = None
    replacements: tuple[str, ...] = ()
    # In a library of templates (YAML, JSON, CSV), the title or id of the template the span lies in.
    template: str | None = None

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.span.start, self.span.end, self.rule)


class FileResult(NamedTuple):
    """The outcome for one input: its diagnostics, or the error that stopped it."""

    path: str
    format: str = "plain"
    diagnostics: tuple[Diagnostic, ...] = ()
    error: str | None = None
    # Only when asked (Overrides.fingerprints: a baseline, or a report that needs them): one fingerprint
    # per diagnostic, in order, independent of line numbers (see baseline.py).
    fingerprints: tuple[str, ...] = ()
