"""tone-repeated-punctuation: "!!", "??", "?!" in a reply.

This one is Python rather than a pack rule: pack patterns are word-bounded at
their start, so a pattern cannot begin at punctuation that follows a word
("thanks!!"), and the finding must point at the marks themselves to offer a fix.
The other tone rules are in rules/tone.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from replylint.diagnostics import Applicability, Edit, Finding, Fix
from replylint.document import Document, Span
from replylint.rule import Rule, rule

# Two or more of ! and ? together (ASCII and full-width).
_RUN = r"[!?\uff01\uff1f]{2,}"


@rule(
    id="tone-repeated-punctuation",
    category="tone",
    severity="info",
    summary='Repeated exclamation or question marks ("!!", "??", "?!").',
    rationale=(
        "Doubled marks read as shouting, exasperation or sarcasm ('Did you restart it??'), or as "
        "over-excitement next to a customer's problem. One mark says the same thing calmly. "
        "Quoted customer text is not checked."
    ),
    bad=["Did you try restarting it??", "Thanks for your patience!!!", "You were charged twice?!"],
    good=[
        "Did you try restarting it?",
        "Thanks for your patience!",
        "Is the app on the latest version? If so, please reinstall it.",
    ],
    fix=Applicability.SAFE,
)
def repeated_punctuation(doc: Document) -> Iterator[Finding]:
    for m in re.finditer(_RUN, doc.prose):
        marks = m.group()
        question = "?" in marks or "\uff1f" in marks
        single = "?" if question else "!"
        span = Span(m.start(), m.end())
        feeling = "impatient or exasperated" if question else "over-excited or like shouting"
        yield Finding(
            span,
            f"'{marks}' reads as {feeling}; one '{single}' is enough",
            fix=Fix((Edit(span, single),), Applicability.SAFE, f"replace with {single!r}"),
            replacements=(single,),
        )


RULES: tuple[Rule, ...] = (repeated_punctuation,)
