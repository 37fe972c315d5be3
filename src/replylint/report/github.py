"""GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per finding.

    ::warning file=replies/a.txt,line=3,col=1,endLine=3,endColumn=12,title=replylint (jargon-acronym)::...

Severities map error -> error, warning -> warning, info -> notice. GitHub accepts
`col`/`endColumn` only on a one-line annotation, so a finding that spans lines
gives `line` and `endLine` alone. Data (the message) escapes `%`, CR and LF;
properties also escape `:` and `,` (GitHub's own toolkit does the same). A file
that could not be linted becomes an `::error` annotation on that file.
"""

from __future__ import annotations

from collections.abc import Sequence

from replylint.diagnostics import Diagnostic, FileResult, Severity
from replylint.report import ReportContext
from replylint.report.common import detail, report_path, with_template

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(results: Sequence[FileResult], context: ReportContext) -> str:
    lines = []
    for result in results:
        path = report_path(result.path, context.cwd)
        if result.error:
            lines.append(command("error", {"file": path, "title": "replylint"}, result.error))
        lines += [annotation(path, d) for d in result.diagnostics]
    return "".join(line + "\n" for line in lines)


def annotation(path: str, d: Diagnostic) -> str:
    where: dict[str, str | int] = {"file": path, "line": d.start.line}
    if d.start.line == d.end.line:
        where |= {"col": d.start.column, "endLine": d.end.line, "endColumn": d.end.column}
    else:
        where["endLine"] = d.end.line
    where["title"] = f"replylint ({d.rule})"
    return command(COMMANDS[d.severity], where, with_template(detail(d), d))


def command(name: str, properties: dict[str, str | int], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
