"""The JSON report, versioned; see README "JSON report" for the schema."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from replylint.diagnostics import Diagnostic, FileResult, Severity
from replylint.document import Position
from replylint.report import ReportContext
from replylint.report.common import json_text

SCHEMA_VERSION = 1


def render(results: Sequence[FileResult], context: ReportContext) -> str:
    return json_text(as_dict(results, context.tool_version), indent=2) + "\n"


def as_dict(results: Sequence[FileResult], version: str = "") -> dict[str, Any]:
    return {
        "version": SCHEMA_VERSION,
        "tool": tool(version or ReportContext().tool_version),
        "files": [_file(r) for r in results],
        "summary": summary(results),
    }


def tool(version: str) -> dict[str, str]:
    return {"name": "replylint", "version": version}


def summary(results: Sequence[FileResult]) -> dict[str, int]:
    counts = {s.label: 0 for s in Severity}
    for result in results:
        for d in result.diagnostics:
            counts[d.severity.label] += 1
    return {
        "files": len(results),
        "files_with_problems": sum(1 for r in results if r.diagnostics),
        "files_with_errors": sum(1 for r in results if r.error),
        "problems": sum(counts.values()),
        **counts,
    }


def _file(result: FileResult) -> dict[str, Any]:
    return {
        "path": result.path,
        "format": result.format,
        "error": result.error,
        "diagnostics": [_diagnostic(d) for d in result.diagnostics],
    }


def _position(p: Position) -> dict[str, int]:
    return {"line": p.line, "column": p.column, "offset": p.offset}


def _diagnostic(d: Diagnostic) -> dict[str, Any]:
    return {
        "rule": d.rule,
        "category": d.category,
        "severity": d.severity.label,
        "message": d.message,
        "start": _position(d.start),
        "end": _position(d.end),
        "text": d.matched,
        "template": d.template,
        "suggestion": d.suggestion,
        "replacements": list(d.replacements),
        "fix": None
        if d.fix is None
        else {
            "applicability": d.fix.applicability.value,
            "description": d.fix.description,
            "edits": [{"start": e.span.start, "end": e.span.end, "replacement": e.replacement} for e in d.fix.edits],
        },
    }
