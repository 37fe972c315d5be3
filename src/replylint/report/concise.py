"""One line per finding, `path:line:col: rule-id message`, and nothing else (after ruff's `concise`).

Made for editors, grep and agents: no severity column, no replacement, no summary line.
A finding inside a template of a library ends with ` [template: NAME]`.
"""

from __future__ import annotations

from collections.abc import Sequence

from replylint.diagnostics import FileResult
from replylint.report import ReportContext
from replylint.report.common import one_line, with_template
from replylint.report.text import style


def render(results: Sequence[FileResult], context: ReportContext) -> str:
    lines = []
    for result in results:
        for d in result.diagnostics:
            where = style(f"{result.path}:{d.start.line}:{d.start.column}:", context.colour, bold=True)
            rule = style(d.rule, context.colour, fg="red", bold=True)
            lines.append(f"{where} {rule} {one_line(with_template(d.message, d))}")
    return "".join(line + "\n" for line in lines)
