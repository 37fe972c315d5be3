"""Reporters: pure functions from results (and a small context) to text. Only the CLI writes.

Each format lives in its own module with `render(results, context) -> str`;
`reporter(name)` imports only the one asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from replylint.diagnostics import FileResult

if TYPE_CHECKING:
    from replylint.rule import Rule


class ReportContext(NamedTuple):
    """What a reporter may need beyond the results; every field has a harmless default.

    (A NamedTuple rather than a dataclass: it is built at start-up, where a dataclass costs a millisecond.)
    """

    colour: bool = False  # ANSI colour (text and concise on a terminal)
    # Metadata of the rules behind the findings (SARIF's tool.driver.rules); filled only for formats in NEEDS_RULES.
    rules: tuple[Rule, ...] = ()
    version: str = ""  # the tool version; "" means replylint.__version__
    cwd: str = ""  # the absolute working folder: absolute paths below it are reported relative to it

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    @property
    def tool_version(self) -> str:
        if self.version:
            return self.version
        from replylint import __version__

        return __version__


Reporter = Callable[[Sequence[FileResult], ReportContext], str]

FORMATS = ("text", "concise", "json", "github", "sarif", "gitlab", "junit")
STATISTICS_FORMATS = ("text", "concise", "json")  # --statistics: text and concise print a table, json an object
NEEDS_RULES = frozenset({"sarif"})  # formats that describe the rules they report
NEEDS_FINGERPRINTS = frozenset({"sarif", "gitlab"})  # formats that identify findings across runs


def reporter(name: str, statistics: bool = False) -> Reporter:
    """The render function of a format (`statistics`: the per-rule counts in that format instead)."""
    if statistics:
        if name == "json":
            from replylint.report.statistics import render_json

            return render_json
        from replylint.report.statistics import render_text

        return render_text
    if name == "json":
        from replylint.report.json import render
    elif name == "concise":
        from replylint.report.concise import render
    elif name == "github":
        from replylint.report.github import render
    elif name == "sarif":
        from replylint.report.sarif import render
    elif name == "gitlab":
        from replylint.report.gitlab import render
    elif name == "junit":
        from replylint.report.junit import render
    else:
        from replylint.report.text import render
    return render
