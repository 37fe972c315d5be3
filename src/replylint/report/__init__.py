"""Reporters: pure functions from results to text. Only the CLI writes."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from replylint.diagnostics import FileResult

Reporter = Callable[[Sequence[FileResult], bool], str]


def reporter(name: str) -> Reporter:
    if name == "json":
        from replylint.report.json import render
    else:
        from replylint.report.text import render
    return render


FORMATS = ("text", "json")
