"""next-steps-missing: a reply about a problem that leaves the customer with nothing to do or expect."""

from __future__ import annotations

import functools
import re
from typing import Iterator

from replylint.diagnostics import Finding
from replylint.document import Document, RegionKind, Span
from replylint.rule import rule


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # The reply is about a problem or a request the customer is waiting on.
    problem = re.compile(
        r"\b(?:problem|issue|error|fault|delay(?:ed)?|outage|refund|charge[ds]?|order|parcel|package|"
        r"ticket|case|complaint|request|broken|not working|missing|damaged|cancel(?:led|ed|lation)?)\b",
        re.IGNORECASE,
    )
    # Anything that tells the customer who does what, or by when, or asks them something.
    step = re.compile(
        r"""(?:^|[.!?]\s+|\n)\s*(?:please|kindly|click|tap|go|open|send|reply|call|email|dm|message|visit|try|check|
              restart|reset|update|log|sign|select|choose|enter|follow|contact|reach|let\s+(?:us|me)\s+know|
              feel\s+free|make\s+sure|use|head|navigate|download|install|confirm|share|attach|text)\b
          | \?
          | \b(?:I|we|our\s+\w+(?:\s+team)?|the\s+\w+\s+team)\s*(?:will|'ll|’ll|am\s+going\s+to|are\s+going\s+to)\s+\w+
          | \b(?:I've|I\s+have|we've|we\s+have|I|we)\s+(?:already\s+)?(?:refunded|sent|issued|processed|fixed|resolved|replaced|
              reset|updated|cancelled|canceled|credited|escalated|reshipped|rebooked|changed|added|removed|applied)\b
          | \b(?:has|have)\s+been\s+(?:refunded|sent|issued|processed|fixed|resolved|replaced|credited|cancell?ed|shipped)\b
          | \b(?:you\s+(?:can|could|may|will\s+need\s+to|need\s+to|should|'ll\s+need\s+to))\s+\w+
          | \b(?:within|by|before|on|until)\s+(?:\d|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|tonight)
        """,
        re.IGNORECASE | re.VERBOSE,
    )
    return problem, step


@rule(
    id="next-steps-missing",
    category="next-steps",
    severity="warning",
    summary="A reply about a problem that gives the customer no next step.",
    rationale=(
        "A customer who writes in about a problem wants to know what happens now: what we will "
        "do and by when, or what they should do. A reply that only explains or sympathises leaves "
        "them to write again. Every reply about a problem should end with an owner, an action and, "
        "where possible, a time: 'I'll email you by Friday', 'Please reply with your order number'."
    ),
    bad=["Thanks for letting us know about the delay with your order. These things happen during busy periods."],
    good=[
        "Thanks for letting us know about the delay. I'll check with the courier and email you by Friday.",
        "Your refund has been processed and will show on your card within 5 days.",
        "Could you send me your order number?",
    ],
)
def next_steps_missing(doc: Document) -> Iterator[Finding]:
    problem, step = _patterns()
    text = doc.prose
    if len(doc.sentences) < 2 or not problem.search(text) or step.search(text):
        return
    # A link in the reply is usually the next step ("Here's how: <url>").
    if any(r.kind in (RegionKind.URL, RegionKind.EMAIL) for r in doc.regions):
        return
    last = doc.sentences[-1].span
    yield Finding(
        Span(last.end, last.end),
        "the reply does not say what happens next: who does what, and by when",
        suggestion="End with a concrete step, e.g. 'I'll email you by Friday with an update' or 'Please reply with your order number.'",
    )
