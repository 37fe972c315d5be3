"""--statistics: how many findings each rule and each category made, instead of the findings.

Text (for --format text or concise): a table per rule (count, rule, category, highest
severity), most frequent first, a table per category, then the usual summary line.
JSON: {"version", "tool", "rules": [{rule, category, count, error, warning, info}],
"categories": [{category, count}], "summary"} with the same summary as the JSON report.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any, NamedTuple

from replylint.diagnostics import FileResult, Severity
from replylint.report import ReportContext

VERSION = 1


class RuleCount(NamedTuple):
    rule: str
    category: str
    count: int
    by_severity: tuple[tuple[Severity, int], ...]  # highest first, only severities seen

    @property
    def highest(self) -> Severity:
        return self.by_severity[0][0]


def count(results: Sequence[FileResult]) -> tuple[list[RuleCount], list[tuple[str, int]]]:
    """Per rule and per category, most findings first, then by name."""
    per_rule: dict[str, Counter[Severity]] = {}
    category_of: dict[str, str] = {}
    for result in results:
        for d in result.diagnostics:
            per_rule.setdefault(d.rule, Counter())[d.severity] += 1
            category_of.setdefault(d.rule, d.category)
    rules = [
        RuleCount(rule, category_of[rule], sum(c.values()), tuple(sorted(c.items(), reverse=True)))
        for rule, c in per_rule.items()
    ]
    rules.sort(key=lambda r: (-r.count, r.rule))
    categories: Counter[str] = Counter()
    for r in rules:
        categories[r.category] += r.count
    return rules, sorted(categories.items(), key=lambda item: (-item[1], item[0]))


def render_text(results: Sequence[FileResult], context: ReportContext) -> str:
    from replylint.report.text import summary

    rules, categories = count(results)
    lines = []
    if rules:
        width = max(len("count"), len(str(rules[0].count)))
        rule_width = max(len("rule"), *(len(r.rule) for r in rules))
        cat_width = max(len("category"), *(len(r.category) for r in rules))
        lines.append(f"{'count':>{width}}  {'rule':<{rule_width}}  {'category':<{cat_width}}  severity")
        lines += [
            f"{r.count:>{width}}  {r.rule:<{rule_width}}  {r.category:<{cat_width}}  {r.highest.label}" for r in rules
        ]
        lines += ["", f"{'count':>{width}}  category"]
        lines += [f"{n:>{width}}  {category}" for category, n in categories]
        lines.append("")
    lines.append(summary(results))
    return "\n".join(line.rstrip() for line in lines) + "\n"


def as_dict(results: Sequence[FileResult], version: str = "") -> dict[str, Any]:
    from replylint.report import json as json_report

    rules, categories = count(results)
    return {
        "version": VERSION,
        "tool": json_report.tool(version or ReportContext().tool_version),
        "rules": [
            {"rule": r.rule, "category": r.category, "count": r.count}
            | {s.label: dict(r.by_severity).get(s, 0) for s in sorted(Severity, reverse=True)}
            for r in rules
        ],
        "categories": [{"category": category, "count": n} for category, n in categories],
        "summary": json_report.summary(results),
    }


def render_json(results: Sequence[FileResult], context: ReportContext) -> str:
    return json.dumps(as_dict(results, context.tool_version), ensure_ascii=False, indent=2) + "\n"
