"""vocabulary-banned: terms a team has banned in its config."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from replylint import recache
from replylint.diagnostics import Applicability, Edit, Finding, Fix, Severity
from replylint.document import Document, Span
from replylint.rule import Example, Rule


def vocabulary_rule(banned: Mapping[str, str]) -> Rule:
    """The rule for a team's banned terms; `banned` maps a term to its replacement ("" for none)."""
    terms = sorted(banned, key=len, reverse=True)
    pattern = (
        recache.compile(  # with a start set: the pattern starts with a look-behind
            r"(?<![\w-])(?:" + "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in terms) + r")(?![\w-])",
            re.IGNORECASE,
        )
        if terms
        else None
    )
    lookup = {t.casefold(): r for t, r in banned.items()}

    def check(doc: Document) -> Iterator[Finding]:
        if pattern is None:
            return
        for m in pattern.finditer(doc.prose):
            matched = doc.source[m.start() : m.end()]
            replacement = lookup.get(" ".join(matched.split()).casefold(), "")  # a term may run over a line break
            span = Span(m.start(), m.end())
            if replacement:
                yield Finding(
                    span,
                    f"'{matched}' is on your team's banned list",
                    replacements=(replacement,),
                    fix=Fix((Edit(span, replacement),), Applicability.SAFE, f"replace with {replacement!r}"),
                )
            else:
                yield Finding(span, f"'{matched}' is on your team's banned list")

    return Rule(
        id="vocabulary-banned",
        category="vocabulary",
        severity=Severity.WARNING,
        summary="A term your team has banned in its config ([vocabulary] ban).",
        rationale=(
            "Teams have words of their own to avoid: an old product name, a competitor, an internal "
            "code name. List them under [vocabulary] ban in the config, with a replacement where there "
            "is one; a replacement is applied by --fix."
        ),
        check=check,
        bad=(Example('ban = {"Project Falcon" = "the new dashboard"}  ->  "Project Falcon is live."'),),
        good=(Example("The new dashboard is live."),),
        fix=Applicability.SAFE,
        term_rule=False,
    )
