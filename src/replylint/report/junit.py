"""JUnit XML: one test case per file, for CI systems that show test reports.

A file with findings has a `<failure>` listing them, one `line:col: severity rule-id
message` line each (with ` [template: NAME]` inside a library of templates); a file
that could not be linted has an `<error>` with the one-line message; a clean file
passes. Every finding counts, whatever --fail-on says.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from replylint.diagnostics import FileResult
from replylint.report import ReportContext
from replylint.report.common import detail, one_line, report_path, with_template
from replylint.report.text import plural

SUITE = "replylint"
# Characters XML 1.0 cannot hold at all (a draft may contain them); they become U+FFFD.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(results: Sequence[FileResult], context: ReportContext) -> str:
    import xml.etree.ElementTree as ET

    failures = sum(1 for r in results if r.diagnostics and not r.error)
    errors = sum(1 for r in results if r.error)
    counts = {"tests": str(len(results)), "failures": str(failures), "errors": str(errors)}
    root = ET.Element("testsuites", {"name": SUITE, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE, **counts, "skipped": "0"})
    for result in results:
        path = _xml(report_path(result.path, context.cwd))
        case = ET.SubElement(suite, "testcase", {"name": path, "classname": SUITE, "file": path})
        lines = [
            f"{d.start.line}:{d.start.column}: {d.severity.label} {d.rule} {one_line(with_template(detail(d), d))}"
            for d in result.diagnostics
        ]
        if result.error:  # (a fix that did not settle still has findings: they follow the message)
            error = {"type": "file-error", "message": _xml(result.error)}
            ET.SubElement(case, "error", error).text = _xml("\n".join([result.error, *lines]))
        elif lines:
            failure = {"type": SUITE, "message": plural(len(lines), "problem")}
            ET.SubElement(case, "failure", failure).text = _xml("\n".join(lines))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
