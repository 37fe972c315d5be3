"""The human format: `path:line:col: severity rule-id message`, then a summary line."""

from __future__ import annotations

from collections.abc import Sequence

from replylint.diagnostics import Diagnostic, FileResult, Severity
from replylint.report import ReportContext
from replylint.report.common import detail, with_template

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render(results: Sequence[FileResult], context: ReportContext) -> str:
    lines = [format_diagnostic(r.path, d, context.colour) for r in results for d in r.diagnostics]
    lines.append(summary(results))
    return "\n".join(lines) + "\n"


def style(text: str, colour: bool, **kwargs: object) -> str:
    if not colour:
        return text
    import click

    return click.style(text, **kwargs)  # type: ignore[arg-type]


def format_diagnostic(path: str, d: Diagnostic, colour: bool = False) -> str:
    where = style(f"{path}:{d.start.line}:{d.start.column}:", colour, bold=True)
    severity = style(d.severity.label, colour, fg=_COLOURS[d.severity])
    rule = style(d.rule, colour, dim=True)
    return with_template(f"{where} {severity} {rule} {detail(d)}", d)


def summary(results: Sequence[FileResult]) -> str:
    counts = {s: 0 for s in Severity}
    files_with = 0
    for result in results:
        for d in result.diagnostics:
            counts[d.severity] += 1
        files_with += bool(result.diagnostics)
    failed = sum(1 for r in results if r.error)
    checked = len(results) - failed
    total = sum(counts.values())
    if total:
        parts = [plural(counts[Severity.ERROR], "error"), plural(counts[Severity.WARNING], "warning")]
        if counts[Severity.INFO]:
            parts.append(f"{counts[Severity.INFO]} info")
        text = f"{plural(total, 'problem')} ({', '.join(parts)}) in {plural(files_with, 'file')}"
    else:
        text = f"no problems in {plural(checked, 'file')}"
    if failed:
        text += f"; {plural(failed, 'file')} could not be linted"
    return text


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
