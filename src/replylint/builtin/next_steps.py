"""next-steps-missing: a reply about a problem that leaves the customer with nothing to do or expect."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from replylint.analysis import phrase_pattern
from replylint.builtin.apology import acknowledges_problem
from replylint.diagnostics import Finding
from replylint.document import Document, RegionKind, Span
from replylint.rule import rule


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # Anything that tells the customer who does what, or by when, or asks them something.
    step = phrase_pattern(
        [
            # a request or instruction to the customer
            r"please|pls|kindly|let (?:us|me) know|feel free|make sure|be sure to",
            r"(?:DM|message|contact|email|call|text|tweet|ping|write to) (?:us|me|our \w+|them)",
            r"reach (?:out|us|me)|get in touch|send (?:us|me|it|them|a|your|the)|reply (?:to|with)|follow (?:these|the|this|our)",
            r"(?:click|tap|go to|head to|head over|visit|open|select|choose|enter|try|check|restart|reset|reinstall|update|sign in|log in|download|install|confirm|share|attach) \w+",
            # a commitment with an owner
            r"(?:I|we|our [\w-]+(?: team)?|the [\w-]+ team|they)(?:'ll| will| am going to| are going to| are now| have started| have asked| have passed| have escalated| have sent| have forwarded) \w+",
            # something already done
            r"(?:I|we)(?:'ve| have)? (?:just |now |already )?(?:refunded|sent|issued|processed|fixed|resolved|replaced|reset|updated|cancell?ed|credited|escalated|reshipped|rebooked|changed|added|removed|applied|arranged|booked|upgraded|reversed|reactivated|unlocked|relayed|passed|forwarded|shared|notified|reported|rectified|flagged|logged|raised)",
            r"(?:just |have |has )(?:sent|passed|forwarded|shared|relayed|notified|rectified|fixed|resolved)",
            r"(?:I|we)(?:'d| would) be happy to|(?:I|we)(?:'re| are) (?:working|looking into|investigating|checking|on it)",
            r"(?:has|have) been (?:refunded|sent|issued|processed|fixed|resolved|replaced|credited|cancell?ed|shipped|reversed|restored|rebooked|escalated|forwarded|passed)",
            r"(?:is|are) (?:now )?(?:fixed|resolved|restored|back up|working again)",
            # options the customer has
            r"you (?:can|could|may|might want to|will need to|need to|should|'ll need to|will be able to|will receive|will get|'ll receive|'ll get) \w+",
            # a time
            r"(?:within|by|before|on|until|after) (?:\d|the next|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|tonight|noon)",
            r"\d{1,2}(?::\d\d)? ?(?:am|pm)|today|tomorrow|tonight",
        ]
    )
    # A tweet thread fragment ("1/2", "(2/3)", "...") continues elsewhere: judge nothing.
    fragment = re.compile(r"(?:\(?\b\d/\d\)?|\.\.\.|…)\W*(?:[\^*/-]\s?\w{1,12})?\s*$|^\s*\(?\d/\d\)?")
    return step, fragment


@rule(
    id="next-steps-missing",
    category="next-steps",
    severity="warning",
    summary="A reply about a problem that gives the customer no next step.",
    rationale=(
        "A customer who writes in about a problem wants to know what happens now: what we will "
        "do and by when, or what they should do. A reply that only explains or sympathises leaves "
        "them to write again. Every reply that acknowledges a problem should give an owner, an "
        "action and, where possible, a time: 'I'll email you by Friday', 'Please reply with your "
        "order number'. A question to the customer, a link to follow, or a fix already made also "
        "count as a next step."
    ),
    bad=["I'm sorry about the delay with your order. These things happen during busy periods."],
    good=[
        "I'm sorry about the delay. I'll check with the courier and email you by Friday.",
        "Sorry for the trouble! Your refund has been processed.",
        "I'm sorry about that. Could you send me your order number?",
    ],
)
def next_steps_missing(doc: Document) -> Iterator[Finding]:
    step, fragment = _patterns()
    text = doc.prose
    if not doc.sentences or fragment.search(doc.source) or not acknowledges_problem(doc):
        return
    if "?" in text or step.search(text):
        return
    # A link in the reply is usually the next step ("Here's how: <url>").
    if any(r.kind in (RegionKind.URL, RegionKind.EMAIL) for r in doc.regions):
        return
    last = doc.sentences[-1].span
    yield Finding(
        Span(last.end, last.end),
        "the reply acknowledges a problem but does not say what happens next: who does what, and by when",
        suggestion="End with a concrete step, e.g. 'I'll email you by Friday with an update' or 'Please reply with your order number.'",
    )
