"""next-steps-missing: a reply about a problem that leaves the customer with nothing to do or expect."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from replylint import recache
from replylint.analysis import flexible_spaces, is_thread_fragment, phrase_pattern, words
from replylint.builtin.apology import _admissions
from replylint.builtin.apology import _patterns as _apology_patterns
from replylint.diagnostics import Finding
from replylint.document import Document, RegionKind, Span
from replylint.rule import rule

_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
# Things already done for the customer: "I've refunded", "it has been rerouted".
_DONE = (
    r"(?:refunded|re-?sent|sent (?:you|it|them|a|an|the|your|over|out)|issued|re-?issued|processed|fixed|resolved|replaced|reset|updated|"
    r"cancell?ed|credited|re-?shipped|shipped|dispatched|posted|rebooked|re-?booked|booked|changed|added|removed|applied|"
    r"arranged|upgraded|reversed|reactivated|re-?activated|activated|unlocked|unblocked|restored|rectified|corrected|"
    r"amended|adjusted|waived|extended|purged|cleared|re-?run|rerouted|re-?routed|regenerated|re-?generated|re-?placed|"
    r"placed|released|approved|enabled|disabled|merged|deleted|re-?opened|reinstated|recovered|replied|responded|"
    r"answered|called|emailed|e-mailed|messaged|texted|dm'?e?d|attached|included|enclosed|switched|moved|transferred|"
    r"paid|topped up|compensated|returned|re-?tried|synced|re-?synced|repaired|patched|deployed|rolled back|"
    r"configured|set up|sorted|organi[sz]ed|authori[sz]ed|verified|renewed|re-?instated|refreshed|rescheduled|"
    r"re-?scheduled|ordered|reserved|secured|matched|honou?red|deactivated|closed|unsubscribed|terminated|disconnected|reconnected|"
    r"completed|opted (?:you )?out|unfrozen|unsuspended|restocked|delivered|collected|picked up|re-?delivered|put (?:it|them|this|that|you|your \w+) (?:back|through|on))"
)
# Imperatives the customer can act on, at the start of a clause: "Run it again", "just fill in the form".
_IMPERATIVE = (
    r"click|tap|press|hit|go|head|visit|open|select|choose|pick|enter|type|try|check|restart|reboot|reset|reinstall|"
    r"uninstall|update|upgrade|sign|log|download|install|confirm|share|attach|reply|respond|write|send|call|ring|phone|"
    r"email|e-mail|message|dm|contact|fill|complete|submit|use|follow|start|book|pop|drop|give|let|keep|look|see|read|"
    r"take|bring|return|post|allow|clear|delete|remove|turn|switch|unplug|plug|hold|refresh|reload|scan|upload|add|"
    r"change|set|request|ask|speak|talk|chat|reach|get|find|view|grab|leave|print|swap|cancel|resubmit|resend|re-enter|"
    r"apply|claim|redeem|activate|enable|disable|tick|untick|navigate|scroll|search|make|be|wait|run|rerun|re-run|"
    r"re-?try|show|tell|quote|mention|include|forward|note down|contact|order|reorder|re-?order|save|sync|connect|"
    r"disconnect|pair|unpair|charge|top|pay|verify|link|unlink|accept|decline|reschedule|rebook|collect|pick up|drop off"
)
_OWNER = (
    r"(?:I|we|our [\w-]+(?: [\w-]+)?|the [\w-]+(?: [\w-]+)? (?:team|department|desk|manager)|they|he|she|someone|somebody|"
    r"a member of (?:our|the) (?:[\w-]+ )?team)"
)
# What an owner may do that gives the customer nothing to act on or expect.
_VAGUE = (
    r"never|not|always|continue|keep|keep trying|try|do our best|hope|see|tell|understand|imagine|appreciate|hear|feel|only|"
    r"totally|completely|assure|guarantee|promise|relate|empathi[sz]e|sympathi[sz]e|certainly|help|assist|look|investigate|"
    r"check|be|make|sort|work|get|raise|escalate|review|monitor|follow"
)
_OBJECT = (
    r"it|them|the|your|a|an|this|that|these|those|us|me|to|in|into|on|out|over|back|via|here|there|again|up|down|off|"
    r"through|our|its|any|some|one|another|with|for|at|by|sure|ahead|everything|all|both|whether|if|what|which|how|"
    r"online|now|first|yourself|\d+"
)


def _compile_phrases(pattern: str) -> re.Pattern[str]:
    """Compile a case-insensitive pattern whose spaces match any white space (line wraps)."""
    return recache.compile(flexible_spaces(pattern), re.IGNORECASE)


@functools.cache
def _patterns() -> tuple:
    # Anything that tells the customer who does what, or by when, or asks them something.
    step = phrase_pattern(
        [
            # a request or an offer to the customer ("please bear with us" and "please note" are neither)
            r"please(?! (?:bear|accept|note|be (?:assured|patient|aware|advised)|rest assured|be (?:aware|advised)|know|understand|forgive|excuse|allow us|don't worry|do not worry)\b)|pls|plz|kindly(?! note)",
            r"let (?:us|me) know|feel free|make sure|be sure to|(?:don't|do not|never) hesitate|you(?:'re| are) (?:always )?welcome to",
            r"(?:DM|message|contact|email|e-mail|call|ring|phone|text|tweet|ping|write to|reach out to|get in touch with|chat with|speak (?:to|with)|talk to|pop into|drop (?:us|me) a|follow) (?:us|me|our|them|the|your|a member|him|her)",
            r"reach (?:out|us|me)|get in touch|send (?:us|me|it|them|a|your|the)|reply (?:to|with)|follow (?:these|the|this|our)",
            # an offer the customer can take up ("we can send a new one"); "we can look into it" is not one
            rf"{_OWNER}(?: can| could|'d be happy to| would be happy to|'d love to| would love to| am happy to| are happy to|'m happy to|'re happy to) (?!(?:{_VAGUE})\b)\w+",
            # feedback handed to a named person is the whole answer to a complaint about service
            r"(?:forward|pass|share|relay|hand)(?: on| along)? (?:your |the |this |these |those |all )?(?:[\w-]+ )?(?:feedback|comments?|concerns?|complaint|compliments?|suggestions?|review|thoughts|kind words)(?: on| along| over)? (?:to|with) (?:the|our|your|a) (?!(?:relevant|appropriate|responsible|right|concerned|correct|proper)\b)[\w-]+",
            r"let (?:our|the) [\w-]+(?: [\w-]+)? (?:hear|know|see) (?:your|the|this|about your) (?:feedback|comments?|concerns?|complaint)",
            # a direct message on its way is where the customer looks next
            r"(?:I|we)(?:'ll| will) (?:drop|send) you a (?:DM|direct message|private message)",
            r"(?:passed|forwarded|shared|sent|relayed|handed)(?: on| along)? (?:your |the |this |these |those |all )?(?:[\w-]+ )?(?:feedback|comments?|concerns?|complaint|compliments?|suggestions?|review|thoughts|kind words)(?: on| along| over)? (?:to|with) (?:the|our|your|a) (?!(?:relevant|appropriate|responsible|right|concerned|correct|proper)\b)[\w-]+",
            r"(?:feedback|comments?|concerns?|complaint|compliments?|suggestions?|review|thoughts|kind words) (?:has|have) been (?:passed|forwarded|shared|sent|relayed|handed)(?: on| along)? (?:to|with) (?:the|our|your|a) (?!(?:relevant|appropriate|responsible|right|concerned|correct|proper)\b)[\w-]+",
            # something already done
            rf"(?:I|we)(?:'ve| have| had)? (?:just |now |already |also |since |gone ahead and |went ahead and |then |both )?{_DONE}",
            rf"(?:has|have|\w+'s|had) (?:now |just |already |since |also )?been (?:\w+ )?{_DONE}(?! to (?:our|the|a|my|your) )",
            rf"(?:just|have|has|had) (?:now |just |already |also )?{_DONE}",
            r"resolution (?:was|has been|is|have been) (?:\w+ )?(?:given|provided|offered|applied|made)",
            r"(?:was|were) (?:now |just |already |finally |successfully )?(?:refunded|paid|credited|fixed|corrected|re-?issued|resolved|restored|reinstated|reactivated|unblocked|unlocked|reversed|rebooked|re-?sent|replaced|repaired|waived)",
            r"(?:sent|dropped|replied to) (?:you )?(?:a |your |the )?(?:DM|direct message|private message|message|email|e-mail|text)",
            r"(?:request|requesting|ask|asking|recommend|suggest|advise|encourage|invite|urge) (?:that )?you|(?:may|can|could) (?:we|I) (?:have|get|ask|see)|(?:can|could|would|will) you (?:please |kindly |pls )?\w+",
            r"(?:is|are|\w+'s|\w+'re) (?:best |well |always |more than )?(?:equipped|ready|able|available|on hand|standing by)(?: and (?:ready|able|happy|waiting))? to (?:help|assist|support|rebook|sort|fix|check|look)",
            r"glad (?:that )?(?:you(?:'ve| have|'re| are)?|it(?:'s| is| has)?|everything(?:'s| is)?|to hear|things are) (?:[\w']+ ){0,3}?(?:made it|arrived|home|safe|back|sorted|resolved|working|fixed|up and running|got|received|found|made|enjoyed|fine)",
            r"(?:is|are|\w+'s|\w+'re) (?:now |all |fully )?(?:back )?(?:in the post|in transit|being (?:sent|shipped|posted|delivered)|fixed|resolved|restored|back up|back online|online again|working (?:again|normally|fine|now)|live now|now live|live (?:in|on) (?:the|our) [\w-]+(?: [\w-]+)? now|stable|sorted|up and running|running (?:normally|again)|available again|attached|enclosed|included below|on (?:its|their|the) way)",
            r"(?:is|are) (?:\w+ )?(?:stable|working|live|back|available|fixed|running|active|open|online) (?:now|again)",
            r"(?:we're|we are|I'm|I am) (?:now )?following you|(?:we've|I've|we have|I have) (?:now )?followed you",
            r"(?:new|expected|estimated|revised|updated|rescheduled) (?:[\w-]+ )?(?:date|time|eta|arrival|delivery date|dispatch date|departure|slot|appointment)",
            r"attached|enclosed|attachment|(?:here's|here is|here are|below is|see below|link below|following link)",
            # options the customer has
            r"you(?:'ll| will| can| could(?! have)| should(?! have)| may want to| might want to| need to|'ll need to| will need to| must| are able to|'re able to| will be able to|'ll be able to|'re welcome to| are welcome to|'ll also| will also|'ll still| will still)(?: \d+%| definitely| also| still| now| then| just| simply| easily| always)? (?!have\b|not\b|be (?:disappointed|upset|frustrated|sorry)\b)\w+",
            # a time by which something happens
            rf"(?:within|by|before|no later than|until|from) (?:\d+(?:st|nd|rd|th)?|the (?:next|end|close|start)|end of|close of|{_WEEKDAY}|today|tomorrow|tonight|noon|midday|this (?:afternoon|evening|week)|next (?:week|{_WEEKDAY})|(?:early |mid-|late |the end of )?{_MONTH}\b)",
            rf"(?:will|'ll|shall|going to|should|expect(?:ed)?|ships?|arrives?|goes out|is due|are due|due|scheduled|planned|to (?:go out|ship|arrive|be (?:sent|delivered|dispatched|ready|posted))) [^.!?\n]{{0,50}}?(?:\bon (?:the )?\d{{1,2}}(?:st|nd|rd|th)?\b|\bon {_MONTH} \d|\b(?:on |next |this )?{_WEEKDAY}\b|\btoday\b|\bthis (?:afternoon|evening|week)\b)",
            r"\d{1,2}(?::\d\d)? ?(?:am|pm)|tomorrow|tonight|later today",
            # a link or phone number written without a scheme: "skyhop.com/refund", "nordvik.no", "0800 123 456"
            r"[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|co|uk|us|ca|au|de|fr|es|it|nl|no|se|dk|fi|ie|nz|in|app|help|support|info|me|tv|gov|edu|shop|store)(?:/[^\s]*)?",
            r"\+?\d[\d -]{7,}\d",
        ]
    )
    # A promise of ours or of the process ("we'll be in touch", "it'll be fixed") is a step only
    # with a time in the same sentence.
    pending = phrase_pattern(
        [
            rf"{_OWNER}(?:'ll| will| shall| am going to| are going to|'m going to|'re going to) (?!(?:never|not|always)\b)\w+",
            r"(?:and|then|,) (?:will|shall) (?!(?:never|not|always)\b)\w+",
            r"(?:it|this|that|they|these|your [\w-]+(?: [\w-]+)?|the (?:new |replacement |corrected |updated )?[\w-]+)(?:'ll| will| should| is going to| are going to| is due to| are due to| is scheduled to| are scheduled to) (?:now |then |also |still )?(?:arrive|reach|ship|show|appear|be (?:back|with you|delivered|sent|refunded|credited|fixed|live|ready|available|dispatched|processed|issued|restored|on (?:its|their) way|reflected|visible|active|working)|go out|land|update|work|clear|drop|reflect|come through|start|restart|load|sync|renew|resume|reopen|re-open|return|deliver|post|leave|depart)",
        ]
    )
    timed = phrase_pattern(
        [
            rf"(?:within|by|before|no later than|until|from) (?:\d+(?:st|nd|rd|th)?|the (?:next|end|close|start)|end of|close of|{_WEEKDAY}|today|tomorrow|tonight|noon|midday|this (?:afternoon|evening|week)|next (?:week|{_WEEKDAY})|(?:early |mid-|late |the end of )?{_MONTH}\b)",
            rf"(?:on |next |this )?{_WEEKDAY}|today|tomorrow|tonight|this (?:afternoon|evening|morning|week)|next week|later today|end of (?:the )?(?:day|week)",
            r"(?:within|in) (?:the next |the |an |a |the coming )?(?:hour|day|week|half hour|half an hour)",
            r"in (?:the next )?(?:\d+(?:[-\u2013]\d+)?|one|two|three|four|five|a few|a couple of|24|48|72) (?:working |business )?(?:minutes?|mins?|hours?|days?|weeks?)",
            rf"\d{{1,2}}(?::\d\d)? ?(?:am|pm)|on (?:the )?\d{{1,2}}(?:st|nd|rd|th)?|{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?",
        ]
    )
    # Imperative at the start of a sentence or clause: "Run it again", "Just fill in the form".
    imperative = recache.compile(
        rf"(?:^|[,;:(\u2014\u2013]\s*|\b(?:just|simply|please|kindly|then|so|now|also|or|first|next|meanwhile|otherwise)\s+)"
        rf"(?:{_IMPERATIVE})(?![\w-])\s+(?:{_OBJECT})(?![\w-])",
        re.IGNORECASE,
    )
    # An apology that asks for no next step: for a slow reply (the reply is the fix), for
    # confusion (the reply clears it up), a condolence, or a customer's own apology.
    soft = _compile_phrases(
        r"(?:late|slow|delayed|belated|tardy) (?:reply|response|answer)|delay(?:s)? in (?:replying|responding|getting back|answering|our (?:reply|response))"
        r"|(?:the|this|our|my) (?:long )?wait(?:ing)?\s*(?:[.!,;)\u2014\u2013]|$)|keeping you waiting|(?:taking|took) (?:so )?long to (?:reply|respond|get back|answer)"
        r"|not (?:replying|responding|getting back|answering) (?:sooner|earlier)|missed (?:your|this) (?:message|tweet|dm|email)"
        r"|confusion|confusing|unclear|misunderstanding|(?:wasn't|was not|weren't|not) (?:\w+ )?clear"
        r"|\bloss\b|passing|passed away|bereavement|condolences|sorry to (?:bother|interrupt|disturb|see you go)"
        r"|(?:about|for) the (?:traffic|weather|snow|storm|heat|rain|fog)\b"
        r"|no need to (?:be sorry|apologi[sz]e)|(?:don't|do not) (?:be sorry|apologi[sz]e)"
    )
    return step, imperative, soft, recache.compile(r"\?"), pending, timed


@functools.cache
def _sympathy_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    # Sentences that carry feeling, thanks or courtesy but no information or action.
    filler = _compile_phrases(
        r"\b(?:sorry|apologi\w*|regret\w*|thank\w*|appreciat\w*|grateful|understand\w*|frustrat\w*|disappoint\w*|"
        r"annoy\w*|upset\w*|worr\w*|stress\w*|must (?:have been|be)|can (?:see|imagine|understand)|hear you|"
        r"feedback|noted|logged|recorded|rest assured|assure you|valu\w+|important to us|never (?:want|like|intend)|"
        r"always (?:try|strive|aim|want)|strive|our (?:goal|aim|intention)|hope\w*|glad|patience|patient|loyal\w*|"
        r"take care|have a (?:great|good|nice|lovely)|cheers|regards|sincerely|best wishes|inconvenien\w*|"
        r"experience\w*|concern\w*|feel\w*|not (?:ok|okay|acceptable|good enough|what we)|shouldn't|that's (?:not|never)|"
        r"helpful|aware|in touch with us|reaching out|letting us know|bringing this|flagging|reporting|"
        r"passed|forwarded|escalated|referred|handed|raised|shared)\b"
    )
    bad_news = _compile_phrases(
        r"\b(?:unfortunately|afraid|regrettably|sadly|(?:unable|not able) to|can't|cannot|can not|won't be able|"
        r"couldn't|could not|no longer|not possible|isn't possible|out of stock|sold out|"
        r"(?:don't|do not) have (?:any )?(?:more |further )?(?:information|info|update|updates|news|details|stock)|"
        r"not something we|(?:is|are|was|were) not (?:available|eligible|covered|refundable|possible)|"
        r"(?:isn't|aren't|wasn't|weren't) (?:available|eligible|covered|refundable|possible)|"
        r"we (?:don't|do not) (?:offer|ship|deliver|provide|sell|accept|support|allow)|expired|non-refundable)\b"
    )
    # A promise with no time and nothing for the customer to do: "we're looking into it",
    # "we'll be in touch", "it's being processed", "we'll sort it".
    vague = _compile_phrases(
        r"\b(?:(?:we|I|our [\w-]+(?: [\w-]+)?|the [\w-]+ team|they|it|this)(?:'re|'m|'s| are| am| is|'ll| will|'ll be| will be|'ve been| have been| has been)"
        r" (?:currently |now |still |already |actively |urgently |definitely |certainly )?(?:working on|looking into|looking at|investigating|"
        r"checking|reviewing|dealing with|on it|on the case|aware|being (?:processed|reviewed|looked into|investigated|handled|dealt with)|"
        r"keep you (?:posted|updated|informed)|be in touch|get back to you|update you|let you know|follow up|sort|fix|make (?:this|it|things) right|"
        r"do (?:everything|all|what)|look into|investigate|review|resolve|deal with|take care of|escalat\w*))\b"
    )
    return filler, bad_news, vague


def _only_sympathy(doc: Document) -> bool:
    """Every sentence is a greeting, a sign-off, an apology or a courtesy: nothing the customer can use."""
    filler, _, vague = _sympathy_patterns()
    for sentence in doc.sentences:
        text = sentence.text.strip()
        count = len(words(text))
        if count <= 3 or vague.search(text):
            continue
        # A short courtesy, or a longer one that is mostly feeling: "I'm sorry ... I can see why
        # that's worrying". "Sorry about this, our same-day delivery depends on stock" is an answer.
        hits = len(filler.findall(text))
        if hits and (count <= 14 or hits >= 2):
            continue
        return False
    return True


def _bad_news(doc: Document) -> bool:
    return bool(_sympathy_patterns()[1].search(doc.prose))


def _hard_apology(doc: Document) -> bool:
    """An apology that acknowledges a problem still open (not only a slow reply or confusion)."""
    apology = _apology_patterns()[2]
    soft = _patterns()[2]
    for sentence in doc.sentences:
        if apology.search(sentence.text) and not soft.search(sentence.text):
            return True
    return False


def _open_admission(doc: Document) -> bool:
    """An admitted problem that is still open (a slow reply is over once we reply)."""
    soft = _patterns()[2]
    for span in _admissions(doc):
        sentence = next((s for s in doc.sentences if s.span.start <= span.start < s.span.end), None)
        if sentence is None or not soft.search(sentence.text):
            return True
    return False


def gives_next_step(doc: Document) -> bool:
    """The reply asks something, tells the customer what to do, commits to an action or reports one done."""
    step, imperative, _, question, pending, timed = _patterns()
    text = doc.prose
    if question.search(text) or step.search(text):
        return True
    if any(imperative.search(s.text) for s in doc.sentences):
        return True
    # "We'll email you by Friday" is a step; "we'll be in touch" or "it'll be fixed soon" is not.
    for s in doc.sentences:
        if pending.search(text, s.span.start, s.span.end) and timed.search(text, s.span.start, s.span.end):
            return True
    # A link or address in the reply is usually the next step ("Here's how: <url>").
    return any(r.kind in (RegionKind.URL, RegionKind.EMAIL) for r in doc.regions)


@rule(
    id="next-steps-missing",
    category="next-steps",
    severity="warning",
    summary="A reply about a problem that gives the customer no next step.",
    rationale=(
        "A customer who writes in about a problem wants to know what happens now: what we will "
        "do and by when, or what they should do. A reply that admits a problem on our side and "
        "stops there, that only sympathises, or that says no with no alternative leaves them to "
        "write again. Give an owner, an action and, where possible, a time: 'I'll email you by "
        "Friday', 'Please reply with your order number'. A question to the customer, a link or form "
        "to use, an attachment, a fix already made ('I've corrected the booking') or a plain answer "
        "to their question also count. An apology only for a slow reply, or for confusion that the "
        "reply then clears up, needs no further step."
    ),
    bad=[
        "I'm sorry about the delay with your order. These things happen during busy periods.",
        "Sorry, the blue jumper was sent instead of the green one. Our packing team has been very busy.",
    ],
    good=[
        "I'm sorry about the delay. I'll check with the courier and email you by Friday.",
        "Sorry for the trouble! Your refund has been processed.",
        "I'm sorry about that. Could you send me your order number?",
        "Sorry we charged you twice. I've refunded the second payment.",
        "Apologies for the late answer! The charger works with both models.",
    ],
)
def next_steps_missing(doc: Document) -> Iterator[Finding]:
    # A tweet thread fragment ("1/2", "(2/3)", "...") continues elsewhere: judge nothing.
    if not doc.sentences or is_thread_fragment(doc.source):
        return
    if gives_next_step(doc):
        return
    # An admitted problem needs a step; so does an apology with bad news ("unfortunately we
    # can't ...") or with nothing but sympathy. An apology followed by an explanation or an
    # answer ("Sorry! Shipping times are counted from dispatch.") is a complete reply.
    if not (_open_admission(doc) or (_hard_apology(doc) and (_bad_news(doc) or _only_sympathy(doc)))):
        return
    last = doc.sentences[-1].span
    yield Finding(
        Span(last.end, last.end),
        "the reply acknowledges a problem but does not say what happens next: who does what, and by when",
        suggestion="End with a concrete step, e.g. 'I'll email you by Friday with an update' or 'Please reply with your order number.'",
    )
