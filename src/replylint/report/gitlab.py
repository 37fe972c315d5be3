"""GitLab Code Quality report: a JSON array of issues for `artifacts:reports:codequality`.

Each issue has `description`, `check_name` (the rule id), `fingerprint`, `severity`
and `location.path` / `location.lines.begin` (and `end`), plus Code Climate's `type`
and `categories`. The fingerprint is a hash of the rule, the path and the matched words
with their neighbourhood, never the line number, so an issue keeps its identity when
lines move above it; identical findings in one file are told apart by an occurrence
number. Severities map info -> info, warning -> minor, error -> major; a file that
could not be linted is a `critical` issue with check_name `file-error` on line 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from replylint.diagnostics import Diagnostic, FileResult, Severity
from replylint.report import ReportContext
from replylint.report.common import detail, error_fingerprint, fingerprints, json_text, report_path, with_template

SEVERITIES = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}
FILE_ERROR = "file-error"


def render(results: Sequence[FileResult], context: ReportContext) -> str:
    return json_text(as_list(results, context), separators=(",", ":")) + "\n"


def as_list(results: Sequence[FileResult], context: ReportContext) -> list[dict[str, Any]]:
    issues = []
    for result in results:
        path = report_path(result.path, context.cwd)
        if result.error:
            issues.append(
                _issue(result.error, FILE_ERROR, error_fingerprint(path, result.error), "critical", path, 1, 1)
            )
        for d, fp in zip(result.diagnostics, fingerprints(result, path), strict=True):
            issues.append(_finding(d, path, fp))
    return issues


def _finding(d: Diagnostic, path: str, fingerprint: str) -> dict[str, Any]:
    message = with_template(detail(d), d)
    return _issue(message, d.rule, fingerprint, SEVERITIES[d.severity], path, d.start.line, d.end.line)


def _issue(
    description: str, check: str, fingerprint: str, severity: str, path: str, begin: int, end: int
) -> dict[str, Any]:
    return {
        "type": "issue",
        "description": description,
        "check_name": check,
        "categories": ["Style"],
        "fingerprint": fingerprint,
        "severity": severity,
        "location": {"path": path, "lines": {"begin": begin, "end": end}},
    }
