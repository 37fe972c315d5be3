"""The human format: `path:line:col: severity rule-id message`, then a summary line."""

from __future__ import annotations

from collections.abc import Sequence

from replylint.diagnostics import Diagnostic, FileResult, Severity

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render(results: Sequence[FileResult], colour: bool = False) -> str:
    lines = [line for result in results for line in _file_lines(result, colour)]
    lines.append(summary(results))
    return "\n".join(lines) + "\n"


def _style(text: str, colour: bool, **kwargs: object) -> str:
    if not colour:
        return text
    import click

    return click.style(text, **kwargs)  # type: ignore[arg-type]


def _file_lines(result: FileResult, colour: bool) -> list[str]:
    return [format_diagnostic(result.path, d, colour) for d in result.diagnostics]


def format_diagnostic(path: str, d: Diagnostic, colour: bool = False) -> str:
    where = _style(f"{path}:{d.start.line}:{d.start.column}:", colour, bold=True)
    severity = _style(d.severity.label, colour, fg=_COLOURS[d.severity])
    rule = _style(d.rule, colour, dim=True)
    text = f"{where} {severity} {rule} {d.message}"
    if d.replacements:
        text += ': "' + " ".join(d.matched.split()) + '" -> ' + " | ".join(f'"{r}"' for r in d.replacements)
    elif d.suggestion:
        text += f" (try: {d.suggestion})"
    if d.template is not None:
        text += f" [template: {d.template}]"
    return text


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
        parts = [_plural(counts[Severity.ERROR], "error"), _plural(counts[Severity.WARNING], "warning")]
        if counts[Severity.INFO]:
            parts.append(f"{counts[Severity.INFO]} info")
        text = f"{_plural(total, 'problem')} ({', '.join(parts)}) in {_plural(files_with, 'file')}"
    else:
        text = f"no problems in {_plural(checked, 'file')}"
    if failed:
        text += f"; {_plural(failed, 'file')} could not be linted"
    return text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
