"""SARIF 2.1.0, the static-analysis log format GitHub code scanning and many IDEs read.

One run: `tool.driver.rules` describes every rule that reported something (summary,
rationale with a bad and a good example, default level, category), and each result
points at its rule by `ruleId` and `ruleIndex`. Locations are relative URIs (forward
slashes) against `%SRCROOT%`, the working folder; lines and columns are 1-based and
columns count Unicode code points (`run.columnKind` says so), `endColumn` being the
column just after the finding. `partialFingerprints` carries a stable id that does not
depend on the line. A file that could not be linted becomes an error notification of
the invocation, which is then not `executionSuccessful`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from replylint.diagnostics import Diagnostic, FileResult, Severity
from replylint.report import ReportContext
from replylint.report.common import detail, fingerprints, json_text, report_path, with_template

if TYPE_CHECKING:
    from replylint.rule import Rule

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/replylint/replylint"
FINGERPRINT_KEY = "replylint/v1"
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(results: Sequence[FileResult], context: ReportContext) -> str:
    # Compact: logs run to megabytes and an indented dump takes five times as long.
    return json_text(as_dict(results, context), separators=(",", ":")) + "\n"


def as_dict(results: Sequence[FileResult], context: ReportContext) -> dict[str, Any]:
    first = {d.rule: d for r in results for d in reversed(r.diagnostics)}  # any finding of each rule
    rule_ids = sorted(first)
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    sarif_results = []
    for result in results:
        path = report_path(result.path, context.cwd)
        artifact = _artifact(path)
        for d, fp in zip(result.diagnostics, fingerprints(result, path), strict=True):
            sarif_results.append(_result(d, artifact, index[d.rule], fp))
    failed = [r for r in results if r.error]
    invocation: dict[str, Any] = {"executionSuccessful": not failed}
    if failed:
        invocation["toolExecutionNotifications"] = [_notification(r, context) for r in failed]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "replylint",
                "version": context.tool_version,
                "semanticVersion": context.tool_version,
                "informationUri": INFORMATION_URI,
                "rules": [_descriptor(rule_id, context.rule(rule_id), first[rule_id]) for rule_id in rule_ids],
            }
        },
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    if context.cwd:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": _folder_uri(context.cwd)}}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _descriptor(rule_id: str, rule: Rule | None, seen: Diagnostic) -> dict[str, Any]:
    if rule is None:  # not in the registry the CLI passed (a reporter used on its own): what the finding says
        return {
            "id": rule_id,
            "name": rule_id,
            "shortDescription": {"text": rule_id},
            "defaultConfiguration": {"level": LEVELS[seen.severity]},
            "properties": {"category": seen.category, "tags": [seen.category]},
        }
    rationale = " ".join(rule.rationale.split())
    help_lines = [rationale]
    if rule.bad or rule.good:
        help_lines.append("")
    if rule.bad:
        help_lines.append(f"Bad: {rule.bad[0].text}")
    if rule.good:
        help_lines.append(f"Good: {rule.good[0].text}")
    return {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rationale},
        "help": {"text": "\n".join(help_lines)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"category": rule.category, "tags": [rule.category]},
    }


def _result(d: Diagnostic, artifact: dict[str, str], rule_index: int, fingerprint: str) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": d.start.line,
        "startColumn": d.start.column,
        "endLine": d.end.line,
        "endColumn": d.end.column,
    }
    if d.matched:
        region["snippet"] = {"text": d.matched}
    out: dict[str, Any] = {
        "ruleId": d.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[d.severity],
        "message": {"text": with_template(detail(d), d)},
        "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": {"category": d.category},
    }
    if d.template is not None:
        out["properties"]["template"] = d.template
    fix = _fix(d, artifact)
    if fix is not None:
        out["fixes"] = [fix]
    return out


def _fix(d: Diagnostic, artifact: dict[str, str]) -> dict[str, Any] | None:
    """A fix whose one edit replaces exactly the finding's words (the finding's region is the edit's)."""
    if d.fix is None or len(d.fix.edits) != 1 or d.fix.edits[0].span != d.span:
        return None
    region = {
        "startLine": d.start.line,
        "startColumn": d.start.column,
        "endLine": d.end.line,
        "endColumn": d.end.column,
    }
    return {
        "description": {"text": d.fix.description or "apply the replacement"},
        "artifactChanges": [
            {
                "artifactLocation": artifact,
                "replacements": [{"deletedRegion": region, "insertedContent": {"text": d.fix.edits[0].replacement}}],
            }
        ],
        "properties": {"applicability": d.fix.applicability.value},
    }


def _notification(result: FileResult, context: ReportContext) -> dict[str, Any]:
    location = {"physicalLocation": {"artifactLocation": _artifact(report_path(result.path, context.cwd))}}
    return {"level": "error", "message": {"text": result.error or ""}, "locations": [location]}


def _artifact(path: str) -> dict[str, str]:
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": pure.as_uri()}
    return {"uri": quote(os.fsencode(path), safe="/"), "uriBaseId": SRCROOT}  # a name that is not UTF-8: its bytes


def _folder_uri(folder: str) -> str:
    uri = PurePath(folder).as_uri()
    return uri if uri.endswith("/") else uri + "/"
