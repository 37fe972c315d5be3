"""apology-missing: the reply admits a problem on our side and never apologises."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from replylint import recache
from replylint.analysis import is_thread_fragment, phrase_pattern
from replylint.diagnostics import Finding
from replylint.document import Document, Span
from replylint.rule import rule

# Who can be at fault on the company's side: "we", "I", "our packing team", "our system".
_US = r"(?:we|I|our (?:[\w-]+ ){0,2}?(?!(?:never|not|also|just|already|always|often|sometimes|usually)\b)[\w-]+)"
# Things a customer orders, books or is billed for.
_THING = (
    r"(?:items?|orders?|parcels?|packages?|products?|sizes?|colou?rs?|parts?|pieces?|invoices?|bills?|"
    r"charges?|amounts?|prices?|deliver(?:y|ies)|shipments?|models?|versions?|tickets?|seats?|rooms?|dates?)"
)
# Words that say something is broken or went wrong, after "arrived" / "was".
_BROKEN = r"(?:damaged|broken|scratched|cracked|dented|faulty|defective|torn|smashed|leaking|crushed|incomplete|missing|wet|mouldy|moldy|stained|opened|used)"


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    admission = phrase_pattern(
        [
            # owning it outright
            r"(?:our|my) (?:mistake|error|fault|bad|oversight|mix-up|mixup|slip-up|blunder)",
            r"(?:this|that|it)(?: one)?(?: is| was|'s) (?:all |entirely |completely )?(?:on us|on me|down to us|our fault|our mistake|our error)",
            r"(?:we|I) (?:made|have made|'ve made|had made) (?:a|an) (?:[\w-]+ )?(?:mistake|error|mix-up|slip)",
            rf"{_US} (?:forgot|failed|neglected|omitted) to",
            rf"{_US} (?:(?:\w+ )?(?:mistakenly|accidentally|wrongly|incorrectly|erroneously|inadvertently) \w+|missed (?:your|the|that|this)|left (?:it|them|this|that|\w+ \w+)? ?out|lost|misplaced|mislabell?ed|misrouted|misread|overlooked|underestimated|overbooked|double[- ]booked|overcharged|undercharged|dropped the ball|messed up|mixed up|got (?:it|this|that|\w+ \w+) wrong)",
            r"(?:was|were|has been|have been|got|had been|been) (?:\w+ )?(?:mistakenly|wrongly|accidentally|erroneously|inadvertently) \w+",
            r"by mistake|in error|by accident",
            r"(?:should(?:n't| not| never)) have (?:happened|been \w+|had to)",
            r"(?:mistakes?|errors?) (?:was|were) made",
            # contradicting what we told the customer: "not Monday as our banner said"
            r"(?:not|contrary to|despite) (?:[\w-]+ ){0,5}?(?:as|what) our (?:[\w-]+ ){0,2}?(?:said|says|stated|showed|shows|claimed|told you|suggested|advertised|listed|promised)",
            r"(?:you were|you've been|you have been|you got) (?:given|told|sent|quoted|shown) (?:the |a |an |some )?(?:wrong|incorrect|inaccurate|out-of-date|outdated|misleading)",
            # billing
            r"(?:you were|you've been|you have been|you got|we) (?:double[- ]charged|charged twice|billed twice|overcharged|double[- ]billed|over-?billed)",
            r"(?:charged|billed) (?:you )?(?:twice|double|two times)",
            r"double[- ]booked|overbooked|overcharged",
            r"(?:a|the|an) (?:duplicate|double|second|extra|unauthori[sz]ed) (?:payment|charge|transaction|debit|booking|order)s?(?! (?:option|button|link|form|request))",
            rf"{_US} (?:didn't|did not) (?:include|ship|pack|process|apply|update|register|save|record|deliver|dispatch|refund|cancel|notify|credit|post|add|activate|pass on|follow up|call you back|get back to you)",
            rf"{_US} never (?:sent|shipped|included|processed|applied|updated|registered|saved|recorded|delivered|dispatched|refunded|cancell?ed|notified|told|informed|emailed|credited|posted|added|activated|called|contacted|replied)",
            r"(?:sent|shipped|delivered|gave|given|charged|booked|billed|packed|posted) (?:you )?(?:the |a |an )?(?:[\w-]+ ){1,3}instead of",
            r"(?:was|were|got|has been|have been) (?:sent|shipped|delivered|given|charged|booked|billed|packed|posted|picked) (?:to you )?instead of",
            # a named problem
            r"(?:a|the|an|our|some) (?:double charge|duplicate charge|billing error|system error|technical (?:issue|problem|error|fault|glitch|difficulties)|outage|glitch|bug|malfunction|mix-up|mixup|backlog)",
            r"(?:a|the|an) (?!(?:error|human|user|customer|operator|same|following|above|below|exact|usual|specific|typing|spelling)\b)[\w-]+ (?:error|failure|outage|fault|glitch)(?! messages?| codes?| screens?| pages?| pop-?ups?)",
            r"(?:a|the|an) (?:delay|mix-up|mixup)",
            # "a mobile data outage", "a glitch in our payments system", "our store hit an error"
            r"(?:a|an|the|our) (?!(?:error|human|user|customer|operator|same|following|above|below|exact|usual|specific|typing|spelling)\b)(?:[\w-]+ ){1,3}?(?:outage|malfunction)(?! messages?| codes?| screens?| pages?| map| status| alerts?| checker)",
            r"(?:glitch(?:es)?|bugs?|errors?|faults?|outages?|problems?|issues?) in our (?:[\w-]+ ){0,2}?(?:system|systems|app|website|site|store|shop|servers?|network|platform|checkout|software)",
            r"(?:our|the) (?:[\w-]+ ){0,2}?(?:system|systems|servers?|store|shop|app|site|website|game|checkout|platform|network|service|tool|bot|filter|process) (?:hit|ran into|threw|encountered|made|has made) (?:a |an |some )?(?:\w+ )?(?:errors?|glitch(?:es)?|bugs?|mistakes?|faults?|problems?)\b(?! messages?| codes?)",
            # "today's maintenance overran by 3 hours"
            r"(?:maintenance|update|upgrade|migration|downtime|outage|works?) (?:overran|ran over|ran late|over-ran|took longer)",
            # "the leaderboard has been showing wrong scores"
            r"(?:has been|have been|is|are|was|were|'s been) (?:\w+ )?(?:showing|displaying|giving|sending|calculating|listing|reporting) (?:the |some |your )?(?:wrong|incorrect|inaccurate|out-of-date|outdated)",
            rf"{_US} (?:missed|forgot|left out) (?:an?|one|two|some) (?:[\w-]+ )?(?:items?|products?|parts?|pieces?|dish(?:es)?|bags?|drinks?|sides?)",
            r"(?:an? |some |several |the )?(?:errors?|problems?|issues?|faults?|glitch(?:es)?|mistakes?|bugs?) (?:occurred|happened|arose|crept in|came up)",
            r"(?:issues?|problems?|faults?|outages?|errors?|glitch(?:es)?|bugs?|difficulty|difficulties|disruption|delays?|failures?|mistakes?) (?:with|on|in|affecting|at|from|within|inside) (?:our|one of our)",
            r"(?:issues?|problems?|faults?|errors?|glitch(?:es)?|bugs?|mistakes?|delays?) (?:on|at|from) our (?:side|end|part)",
            r"(?:our|the) (?:[\w-]+ ){0,2}?(?:provider|processor|partner|supplier|system|systems|servers?|website|site|app|platform|network|team|warehouse|courier|depot|checkout) (?:had|has had|has|was having|is having|were having|are having|experienced|has experienced|suffered|ran into|hit) (?:a |an |some )?(?:\w+ )?(?:problems?|issues?|faults?|outages?|glitch(?:es)?|errors?|difficulties|trouble|downtime|disruption|bug)",
            r"(?:we're|we are|we've been|we have been|we were|our \w+ (?:is|are|was|were|has been|have been)) (?:currently )?(?:experiencing|having|seeing) (?:an? |some )?(?:\w+ )?(?:issues?|problems?|outages?|difficulties|delays?|technical|disruption|downtime|errors?|glitch(?:es)?|bugs?)",
            # something broke, is late or went missing
            r"(?:is|are|was|were|has been|have been|\w+'s been) (?:currently |still |badly |slightly )?(?:down(?! to\b)|delayed|lost|damaged|misplaced|stuck|held up|faulty|defective)",
            r"got (?:stuck|lost|damaged|delayed|held up|misplaced)",
            r"(?:the|our) (?:[\w-]+ )?(?:link|page|form|app|website|site|price|listing|description|information|invoice|bill|label|tracking|email|banner|code|voucher|discount|instructions|manual|confirmation|receipt|statement)s? (?:[\w-]+ ){0,3}?(?:is|was|were|are|has been|have been) (?:\w+ )?(?:broken|wrong|incorrect|out of date|outdated|inaccurate|misleading|not working|faulty)",
            r"(?:our|the) [\w:-]+(?: [\w-]+)? (?:failed|crashed|went down|stopped working|was down(?! to\b)|were down(?! to\b)|was unavailable|were unavailable|was offline|went offline|broke down)",
            r"(?:sent|shipped|delivered|gave|given|quoted|charged) (?:you )?(?:the |a )?(?:wrong|incorrect)",
            rf"(?:missing|wrong|damaged|faulty|broken|defective|incorrect) {_THING}(?! (?:can|must|should|need|are eligible|will|may|policy|claims?|reports?|forms?))",
            r"(?:was|were|is|are|went) missing from (?:your|the) \w+",
            rf"arrived (?:[\w-]+ ){{0,4}}?{_BROKEN}",
            r"arrived with (?:a |an |some )?(?:[\w-]+ )?(?:scratch(?:es|ed)?|dents?|dented|cracks?|cracked|damage|damaged|broken|missing|tears?|holes?|stains?)",
            r"(?:took|taken|taking|takes) (?:much |far |a lot |way |a bit |a little )?longer than (?:expected|it should|usual|normal|planned|promised|we (?:said|promised|hoped|quoted|estimated))",
            r"(?:took|taken|taking) (?:so|too|this|that) long",
            r"later than (?:expected|planned|promised|we (?:said|promised|quoted|estimated))",
            r"(?:orders?|parcels?|packages?|deliver(?:y|ies)|shipments?|items?|flights?|trains?|engineer|technician|driver|courier|refund|replacement|it|they|order's|it's|they're)(?: (?:is|are|was|were|'s|'re|has been|have been|will be|'ll be))?(?: (?:running|arriving|arrived|came|turned up|coming|being delivered|delivered|shipped|dispatched|going out))?(?: (?:about|around|roughly|nearly|almost|over|more than|at least))?(?: (?:\d+|a few|several|a couple of|two|three|four|five|six|seven|a|an) (?:days?|weeks?|hours?|minutes?|mins?))? late",
            r"(?:your|the|our) (?!(?:payment|bill|invoice|rent|fee|instalment|installment|reply|response|return)s?\b)[\w-]+(?: [\w-]+)? (?:is|are|was|were|has been|have been|will be) (?:running |arriving |now |still )?(?:about |around |roughly |nearly |almost |over |more than )?(?:(?:\d+|a few|several|a couple of|two|three|four|five|six|seven|a|an) (?:days?|weeks?|hours?|minutes?|mins?) )?late",
            r"(?:we're|we are|we've been|we have been|our [\w-]+(?: [\w-]+)? (?:is|are|has been|have been)) (?:currently |still |now )?(?:running |a (?:bit|little|few days|week) |slightly |badly )*behind(?: schedule)?",
            r"still (?:isn't|is not|hasn't|has not|haven't|have not|aren't|are not|wasn't|weren't|not|doesn't|does not|don't|didn't|won't|can't) (?:been |be |get |got )?(?:out|live|fixed|working|work|loading|load|resolved|dispatched|shipped|delivered|arrived|processed|refunded|released|sorted|credited|showing|shown up|showing up|turned up|available|ready|back)",
            r"(?:is|are|was|were|has been|have been) yet to be (?:dispatched|shipped|delivered|processed|refunded|released|fixed|resolved|credited)",
            r"(?:wasn't|weren't|was not|were not|didn't get|never got|did not get) (?:\w+ )?(?:dispatched|shipped|sent|processed|delivered|submitted|refunded|applied|activated|posted|saved|included|packed|picked up)",
            r"didn't go through|did not go through|never (?:arrived|turned up|showed up|came)|didn't (?:arrive|turn up|show up)",
            r"(?:flights?|trains?|services?|departures?|deliver(?:y|ies)|classes?|appointments?|visits?) (?:was|were|has been|have been|had to be|got) cancell?ed",
            r"(?:was|were|has been|have been|got) cancell?ed (?:at (?:short|the last) notice|without (?:notice|warning)|by us)",
        ]
    )
    # A negation or a condition shortly before the admission: "doesn't sound like a bug",
    # "if you think you've found a bug", "there might be a delay".
    hedged = recache.compile(
        r"(?:\bno|\bnot|n't|\bnever|\bnothing|\bnone|\bunless|\bwithout|\bany|\bif|\bwhen|\bwhether|\bin case|\bmight|\bmay|\bcould|\bwould|\bavoid|\bprevent|\breport|\bclaim|\breturn|\bexchange|\bshare|\bpost|\bdescribe|\bdetails|\bsounds? like|\bseems?|\bappears?|\bwhy|\bwhether|\brecords (?:show|indicate)|\bsystem shows)\b(?:(?!(?<!not\s)\bbecause\b|(?<!not\s)\bdue to\b)[^.!?\n,;:\u2014\u2013]){0,40}$",
        re.IGNORECASE,
    )
    # A sentence that puts the problem outside the company: customs, the weather, the customer's
    # bank or network, or says outright that it is not ours ("the delay is with customs").
    external = phrase_pattern(
        [
            r"(?:not|n't|never) (?:\w+ )?(?:our|on our|on us|with us|within our|caused by us|something we)",
            r"(?:is|are|was|were|'s|held|stuck|held up|caused|due|delayed) (?:\w+ )?(?:with|at|in|by|to|because of|due to) (?:the )?(?:customs|border|tax office|weather|storm|snow|fog|flooding|strike|industrial action|air traffic control|your (?:own )?(?:bank|card issuer|card provider|network|provider|isp|router|carrier|device|phone|employer))",
            r"(?:customs|the weather|your bank|your card issuer) (?:is|are|was|were|has|have|had)",
            r"(?:because|as|since|after) you(?:'ve|'d)? (?:\w+ )?(?:entered|typed|gave|provided|used|selected|chose|picked|put|missed|forgot|cancell?ed|changed|didn't|did not|hadn't|had not)",
            r"(?:because|as|since) (?:of )?your (?:card|bank|payment|details|address|account) (?:was|were|is|are|had|has|expired|didn't)",
            r"you(?:'ve| have| had)? (?:accidentally |mistakenly )?(?:ordered|paid|bought|booked|selected|chose|picked|entered|typed|clicked|cancell?ed|deleted|subscribed|purchased|signed up|renewed|sent|used|added|gave|provided|filled in|set up)(?: [\w'@.-]+){0,6}? (?:by mistake|in error|by accident|incorrectly|wrongly)|you(?:'ve| have| had)? (?:accidentally|mistakenly|incorrectly|wrongly)",
            r"(?:user|customer|human|operator) error",
            r"you(?:'ve| have| had)? (?:sent|gave|entered|typed|used|selected|chose|picked|ordered|provided|booked|bought) (?:us )?(?:the |a |an )?(?:wrong|incorrect|(?:[\w-]+ ){1,3}instead of)",
            r"as (?:you )?requested|at your request|as you asked|non-payment",
        ]
    )
    apology = phrase_pattern(
        [
            r"sorry|apologi[sz]e[sd]?|apologi[sz]ing|apologies|my bad|forgive us|(?:we|I) regret(?! to (?:inform|advise|tell|say|announce|let))",
            r"regrettably|regret(?:s)? (?:any|the|this|that)",
        ]
    )
    return admission, hedged, apology, external


def _admissions(doc: Document) -> Iterator[Span]:
    admission, hedged, _, external = _patterns()
    text = doc.prose
    for sentence in doc.sentences:
        body = sentence.text.strip()
        # A question or a condition reports nothing: "Did you see an error?", "If the parcel is lost, ..."
        if body.endswith("?") or re.match(r"(?:if|when|whether|unless|in case|should)\b", body, re.IGNORECASE):
            continue
        # The problem is someone else's: "the delay is with customs", "that's not our problem".
        if external.search(text, sentence.span.start, sentence.span.end):
            continue
        for match in admission.finditer(text, sentence.span.start, sentence.span.end):
            if hedged.search(text, sentence.span.start, match.start()):
                continue
            yield Span(match.start(), match.end())


def apologises(doc: Document) -> bool:
    """The reply says sorry, apologises or regrets (not 'we regret to inform you')."""
    return bool(_patterns()[2].search(doc.prose))


@rule(
    id="apology-missing",
    category="apology",
    severity="warning",
    summary="The reply admits a problem on our side but never apologises.",
    rationale=(
        "When the company is at fault (a delay, an outage, a mistake, a double charge, a missing "
        "or damaged item, an order cancelled in error), a reply that explains the problem without "
        "apologising sounds cold and defensive. One plain, specific apology that names the problem "
        "is enough. Quoted customer text does not count as an admission; neither does a negated or "
        "hypothetical mention ('there is no outage', 'if the parcel is lost'), nor a problem that is "
        "not the company's ('the delay is with customs')."
    ),
    bad=[
        "Your order was delayed at our warehouse. It will ship on Monday.",
        "The class was removed from your timetable by mistake. I've put it back for Friday at 6 pm.",
    ],
    good=[
        "I'm sorry your order was delayed at our warehouse. It will ship on Monday.",
        "There is no outage on our side; please restart the app and try again.",
        "Your parcel is being held by customs, not by us; they will release it once the duty is paid.",
    ],
)
def apology_missing(doc: Document) -> Iterator[Finding]:
    # A tweet thread fragment ("1/2", "(2/3)") continues elsewhere, where the apology may be.
    if is_thread_fragment(doc.source):
        return
    first = next(_admissions(doc), None)
    if first is None or apologises(doc):
        return
    yield Finding(
        first,
        f"the reply admits a problem on our side ('{doc.text(first)}') but never apologises",
        suggestion="Add one plain apology that names the problem, e.g. 'I'm sorry your order was delayed.'",
    )


def admits_problem(doc: Document) -> bool:
    """The reply admits a problem on our side (not counting apologies)."""
    return next(_admissions(doc), None) is not None


def acknowledges_problem(doc: Document) -> bool:
    """The reply apologises or admits a problem on our side."""
    return apologises(doc) or admits_problem(doc)
