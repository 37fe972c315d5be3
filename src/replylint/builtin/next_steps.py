"""next-steps-missing: a reply about a problem that leaves the customer with nothing to do or expect."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from replylint import recache
from replylint.analysis import is_thread_fragment, phrase_pattern, phrase_regex, word_count, words
from replylint.builtin.apology import admissions, apology_pattern
from replylint.diagnostics import Applicability, Edit, Finding, Fix
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
    r"completed|re-?processed|re-?calculated|re-?addressed|re-?directed|opted (?:you )?out|unfrozen|unsuspended|restocked|delivered|collected|picked up|re-?delivered|put (?:it|them|this|that|you|your \w+) (?:back|through|on))"
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


@functools.cache
def _patterns() -> tuple:
    # Anything that tells the customer who does what, or by when, or asks them something.
    step = phrase_pattern(
        [
            # a request or an offer to the customer ("please bear with us" and "please note" are neither)
            r"please(?! (?:bear|accept|note|be (?:assured|patient|aware|advised)|rest assured|be (?:aware|advised)|know|understand|forgive|excuse|allow us|don't worry|do not worry)\b)|pls|plz|kindly(?! note)",
            # "make sure you ..." asks the customer; "I'll make sure you get it back" is our promise
            r"let (?:us|me) know|feel free|(?<!'ll[ ])(?<!will[ ])(?<!personally[ ])(?<!\bI[ ])(?<!\bwe[ ])make sure|be sure to|(?:don't|do not|never) hesitate|you(?:'re| are) (?:always )?welcome to",
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
            # any action of ours on the customer's thing: "I've entered it manually", "we've upgraded your seat"
            # (looking, noting, asking and passing on are not results)
            r"(?:I|we)(?:'ve| have) (?:just |now |already |also |since |manually |personally )?(?!(?:noted|logged|recorded|looked|checked|double-checked|reviewed|investigated|researched|raised|escalated|passed|forwarded|flagged|chased|reported|referred|asked|contacted|notified|informed|alerted|tagged|shared|received|noticed|tried|attempted|started|requested|submitted|queried|followed|highlighted|mentioned|explained|confirmed|told|pinged|messaged|emailed|called|phoned|reached|spoken|listened|heard|seen|read|understood|considered|discussed|learned|learnt|filed|opened|created)\b)[a-z]+ed (?:it|them|this|that|these|those|your|you|the|a|an|another|one)\b",
            r"(?:is|are|\w+'s|\w+'re) (?:now |all |fully )?(?:confirmed|booked in|rebooked|reserved|(?:back )?(?:in|on|to) your (?:account|card|balance|wallet|bank(?: account)?))\b",
            r"resolution (?:was|has been|is|have been) (?:\w+ )?(?:given|provided|offered|applied|made)",
            r"(?:was|were) (?:now |just |already |finally |successfully )?(?:refunded|paid|credited|fixed|corrected|re-?issued|resolved|restored|reinstated|reactivated|unblocked|unlocked|reversed|rebooked|re-?sent|replaced|repaired|waived)",
            r"(?:sent|dropped|replied to) (?:you )?(?:a |your |the )?(?:DM|direct message|private message|message|email|e-mail|text)",
            r"(?:request|requesting|ask|asking|recommend|suggest|advise|encourage|invite|urge) (?:that )?you|(?:may|can|could) (?:we|I) (?:have|get|ask|see)|(?:can|could|would|will) you (?:please |kindly |pls )?\w+",
            r"(?:is|are|\w+'s|\w+'re) (?:best |well |always |more than )?(?:equipped|ready|able|available|on hand|standing by)(?: and (?:ready|able|happy|waiting))? to (?:help|assist|support|rebook|sort|fix|check|look)",
            # an invitation: "I hope you give it another try", "hope you'll visit again"
            r"(?:hope|hoping) (?:that )?you(?:'ll| will)? (?:give|try|come|visit|stop|pop|drop|check|enjoy|join|book|order)",
            r"glad (?:that )?(?:you(?:'ve| have|'re| are)?|it(?:'s| is| has)?|everything(?:'s| is)?|to hear|things are) (?:[\w']+ ){0,3}?(?:made it|arrived|home|safe|back|sorted|resolved|working|fixed|up and running|got|received|found|made|enjoyed|fine)",
            r"(?:is|are|\w+'s|\w+'re) (?:now |all |fully )?(?:back )?(?:in the post|in transit|being (?:sent|shipped|posted|delivered)|fixed|resolved|restored|back up|back online|online again|working (?:again|normally|fine|now)|live now|now live|live (?:in|on) (?:the|our) [\w-]+(?: [\w-]+)? now|stable|sorted|up and running|running (?:normally|again)|available again|attached|enclosed|included below|on (?:its|their|the) way)",
            r"(?:is|are|\w+'s|\w+'re) (?:\w+ )?(?:stable|working|live|back|available|fixed|running|active|open|online) (?:now|again)",
            r"(?:is|are|\w+'s|\w+'re) (?:now |all )?(?:unblocked|unlocked|unfrozen|unsuspended|reactivated|reinstated|re-enabled|restored|reconnected|reset|resolved|corrected|cleared|refunded|credited)\b",
            # an alternative the customer can have: "the FX-200 fits the same unit and is in stock"
            r"(?:is|are|\w+'s|\w+'re) (?:still |now |also |currently )?(?:in stock|back in stock|available to (?:order|buy|book|download|collect))",
            # an answer that gives the customer an option or a right: "you actually have 60 days"
            r"you (?:actually |still |now |do |also )?have (?:\d+|until|up to|the (?:option|right|choice)|a (?:right|choice|further))",
            r"(?:we're|we are|I'm|I am) (?:now )?following you|(?:we've|I've|we have|I have) (?:now )?followed you",
            r"(?:new|expected|estimated|revised|updated|rescheduled) (?:[\w-]+ )?(?:date|time|eta|arrival|delivery date|dispatch date|departure|slot|appointment)",
            r"attached|enclosed|attachment|(?:here's|here is|here are|below is|see below|link below|following link)",
            # where the answer is written down: "the correction is listed in the patch notes"
            r"(?:is|are|has been|have been) (?:now |also |all )?(?:listed|described|explained|detailed|documented|published|posted|covered|included) (?:in|on) (?:the|our|today's|tomorrow's|this week's|[\w-]+day's) (?:[\w-]+ )?(?:patch notes|release notes|notes|changelog|help (?:centre|center|page|article)|FAQs?|article|guide|page|website|site|app|update|announcement|newsletter|blog|forum)",
            # options the customer has
            r"you(?:'ll| will| can| could(?! have)| should(?! have)| may want to| might want to| need to|'ll need to| will need to| must| are able to|'re able to| will be able to|'ll be able to|'re welcome to| are welcome to|'ll also| will also|'ll still| will still)(?: \d+%| definitely| also| still| now| then| just| simply| easily| always)? (?!have\b|not\b|be (?:disappointed|upset|frustrated|sorry|assured)\b|understand|appreciate|imagine|rest assured|trust|count on|see why)\w+",
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
            # the present for a planned action: "we're adding the missing XP during Thursday's maintenance"
            r"(?:I'm|I am|we're|we are) (?:now |also )?(?!(?:looking|working|investigating|checking|reviewing|waiting|trying|hoping|still|not|sorry|aware|unable|able|happy|glad|here|seeing|having|experiencing|getting)\b)[a-z]+ing\b",
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
    soft = phrase_regex(
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
    filler = phrase_regex(
        r"\b(?:sorry|apologi\w*|regret\w*|thank\w*|appreciat\w*|grateful|understand\w*|frustrat\w*|disappoint\w*|"
        r"annoy\w*|upset\w*|worr\w*|stress\w*|must (?:have been|be)|can (?:see|imagine|understand)|hear you|"
        r"feedback|noted|logged|recorded|rest assured|assure you|valu\w+|important to us|never (?:want|like|intend)|"
        r"always (?:try|strive|aim|want)|strive|our (?:goal|aim|intention)|hope\w*|glad|patience|patient|loyal\w*|"
        r"take care|have a (?:great|good|nice|lovely)|cheers|regards|sincerely|best wishes|inconvenien\w*|"
        r"experience\w*|concern\w*|feel\w*|not (?:ok|okay|acceptable|good enough|what we)|shouldn't|that's (?:not|never)|"
        r"helpful|aware|in touch with us|reaching out|letting us know|bringing this|flagging|reporting|"
        r"passed|forwarded|escalated|referred|handed|raised|shared)\b"
    )
    bad_news = phrase_regex(
        r"\b(?:unfortunately|afraid|regrettably|sadly|(?:unable|not able) to|can't|cannot|can not|won't be able|"
        r"couldn't|could not|no longer|not possible|isn't possible|out of stock|sold out|"
        r"(?:don't|do not) have (?:any )?(?:more |further )?(?:information|info|update|updates|news|details|stock)|"
        r"not something we|(?:is|are|was|were) not (?:available|eligible|covered|refundable|possible)|"
        r"(?:isn't|aren't|wasn't|weren't) (?:available|eligible|covered|refundable|possible)|"
        r"we (?:don't|do not) (?:offer|ship|deliver|provide|sell|accept|support|allow)|expired|non-refundable)\b"
    )
    # A promise with no time and nothing for the customer to do: "we're looking into it",
    # "we'll be in touch", "it's being processed", "we'll sort it".
    vague = phrase_regex(
        r"\b(?:(?:we|I|our [\w-]+(?: [\w-]+)?|the [\w-]+ team|they|it|this)(?:'re|'m|'s| are| am| is|'ll| will|'ll be| will be|'ve been| have been| has been)"
        r" (?:currently |now |still |already |actively |urgently |definitely |certainly )?(?:working on|looking into|looking at|investigating|"
        r"checking|reviewing|dealing with|on it|on the case|aware|being (?:processed|reviewed|looked into|investigated|handled|dealt with)|"
        r"keep you (?:posted|updated|informed)|be in touch|get back to you|update you|let you know|follow up|sort|fix|make (?:this|it|things) right|"
        r"do (?:everything|all|what)|look into|investigate|review|resolve|deal with|take care of|escalat\w*))\b"
    )
    return filler, bad_news, vague


@functools.cache
def _statement_patterns() -> tuple[re.Pattern[str], ...]:
    # "Hi Sam, ..." at the start of a sentence: the greeting says nothing about the problem.
    greeting = phrase_regex(
        # ("Dear Ms. Kowalski, we're sorry ...": the title's full stop does not end the greeting)
        r"^(?:hi|hello|hey|hiya|dear|good (?:morning|afternoon|evening)|greetings)\b(?: (?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.)?[^,.!?\n]{0,40}?(?:[,!.]\s*|\n\s*|$)"
    )
    # A sentence that is an apology or sympathy from its first word: "I'm so sorry to hear about
    # the noise, and that nobody warned you." Only a new clause after a break carries news:
    # "Sorry about this, our same-day delivery depends on stock."
    apology_head = phrase_regex(
        r"^(?:(?:oh|yeah|yes|ah|ok|okay|right|well|and|again|so),? )?(?:(?:I'm|I am|we're|we are|I|we) )?(?:so |really |very |truly |terribly |genuinely |deeply |sincerely )?"
        r"(?:sorry|apologi[sz]e|apologies|my apologies|our apologies)\b"
    )
    new_clause = phrase_regex(
        r"(?:[,;:\u2014\u2013]| - |^[^,;:]{0,40}?\b(?:about|for) (?:this|that|it)(?= (?:our|the|your|we|it|this|there|they)\b))\s*(?!(?:and|or|but|especially|particularly|that|which|who|as|because|since|when|while|"
        r"after|before|during|with|for|about|to|in|on|at|of|from|if|it's|it is|this|that's|so|too|again|truly|really)\b)"
        r"(?:[\w'-]+ ){0,4}?(?:is|are|was|were|will|can|has|have|had|does|do|depends|needs|takes|works|ships|arrives|goes|comes)\b"
    )
    # "I can see your flight was cancelled", "it looks like housekeeping skipped your room":
    # the customer's problem told back to them, not news (unless it is good news).
    restatement = phrase_regex(
        r"^(?:(?:oh|yeah|yes|ah|ok|okay|right|well|so),? )?(?:(?:I|we) (?:can |could |do |already |totally |completely |fully )?(?:see|understand|know|realise|realize|hear|appreciate|gather|note|noticed?|get)|"
        r"it (?:looks|seems|sounds|appears) (?:like|that|as though)|(?:I|we)(?:'ve| have) (?:looked|checked)(?: into it| into this)?(?: and)?)\b"
    )
    problem = phrase_regex(
        r"n't\b|\b(?:never|not|no longer|still|yet|wrong|missing|lost|late|delayed|damaged|broken|cancell?ed|problem|issue|"
        r"error|fault|mistake|twice|double|skipped|missed|forgot|failed|crash\w*|bug|glitch\w*|outage|down|broken|frustrat\w*|disappoint\w*|upset\w*)\b"
    )
    # A hand-off with no result: "I've chased the lab", "I've let the manager know".
    handoff = phrase_regex(
        r"\b(?:I|we)(?:'ve| have)? (?:also |now |already |just )?(?:chased|flagged|raised|escalated|passed|forwarded|reported|referred|"
        r"contacted|asked|told|informed|notified|alerted|let (?:[\w-]+ ){1,3}know|spoken (?:to|with)|been in touch with|"
        r"reached out to|made (?:a note|(?:them|him|her|the \w+(?: team)?) aware))\b"
    )
    # A promise of an outcome or an effort with no time: "we'll definitely find it", "our team will
    # do their best", "I'll be happy to assist". (A plain action, "I'll call you", is a step.)
    untimed = phrase_regex(
        rf"\b(?:{_OWNER}|it|this|that|(?:and|then))(?:'ll| will| shall| am going to| are going to|'m going to|'re going to|'s going to| is going to)"
        r"(?: (?:definitely|certainly|absolutely|surely|personally|always|continue to|keep|be (?:happy|glad|more than happy|pleased) to))*"
        r" (?:find|fix|sort|resolve|solve|make sure|ensure|see to it|guarantee|promise|get (?:it|this|that|them|things|everything|you|your [\w-]+)(?: [\w-]+)? (?:to you|back|fixed|sorted|working|moving|resolved|up|going|there|reunited)|"
        r"track (?:it |them )?down|trace|locate|recover|reunite|make (?:it|this|that|things) right|do (?:our|my|their|his|her|what|everything|all)|"
        r"try|work|help|assist|continue|look (?:into|at)|investigate|get to the bottom|be (?:up|sorted|fixed|resolved|back|found))\b"
    )
    # An excuse is not a plan: "these things can happen in transit", "it's out of our control".
    excuse = phrase_regex(
        r"\b(?:(?:these|such|that|this) (?:things|sort of things?|kind of things?) (?:can |do |does |will |sometimes |occasionally |unfortunately )*happens?|"
        r"(?:it|that|this) (?:can |does |sometimes )*happens?(?: (?:sometimes|occasionally|from time to time))?\s*(?:[.!]|$)|"
        r"(?:out of|beyond|outside(?: of)?) (?:our|my|anyone's) control|(?:can't|cannot) be helped|part and parcel|"
        r"(?:usually|normally|often|generally|tend to|should) (?:resolve|sort|fix|clear|right|correct) (?:themselves|itself)|(?:resolve|sort|clear) (?:themselves|itself) out)"
    )
    # "Thank you for telling us how our crew spoke to you": a courtesy, however long.
    thanks_head = phrase_regex(
        r"^(?:(?:and|again|so),? )?(?:thank you|thanks|many thanks)(?: (?:so|very) much)?(?: again)? for\b"
    )
    return greeting, apology_head, new_clause, restatement, problem, handoff, untimed, excuse, thanks_head


def _says_nothing_new(text: str) -> bool:
    """An apology, a restated problem, a hand-off or an untimed promise: nothing the customer can use."""
    greeting, apology_head, new_clause, restatement, problem, handoff, untimed, excuse, thanks_head = (
        _statement_patterns()
    )
    _, _, vague = _sympathy_patterns()
    timed = _patterns()[5]
    body = greeting.sub("", text, count=1)
    if apology_head.search(body) or thanks_head.search(body):
        return not new_clause.search(body)
    if restatement.search(body):
        return bool(problem.search(body))
    # A promise, a hand-off or an excuse says nothing new unless it comes with a time.
    if timed.search(body):
        return False
    return bool(vague.search(body) or handoff.search(body) or untimed.search(body) or excuse.search(body))


def _only_sympathy(doc: Document) -> bool:
    """Every sentence is a greeting, a sign-off, an apology or a courtesy: nothing the customer can use."""
    filler, _, vague = _sympathy_patterns()
    for sentence in doc.sentences:
        text = sentence.text.strip()
        count = len(words(text))
        if count <= 3 or vague.search(text) or _says_nothing_new(text):
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
    apology = apology_pattern()
    if not apology.could_match(doc.prose):  # then no sentence of it can match either
        return False
    soft = _patterns()[2]
    if _over().search(doc.prose):
        return False  # "we hope you didn't have too long to wait": the problem is behind the customer
    for sentence in doc.sentences:
        # The sentence's span of the reply, not its text: a new string for every sentence would
        # make the token set work out again which of its words each one has.
        start, end = sentence.span
        if apology.search(doc.prose, start, end) and not soft.search(sentence.text):
            return True
    return False


@functools.cache
def _over() -> re.Pattern[str]:
    return phrase_regex(
        r"\b(?:we |I )?hope (?:that )?(?:you|it|things|everything)(?: \w+){0,3}? (?:didn't|did not|wasn't|weren't|haven't been)\b"
    )


# A template shorter than this, in one sentence, is judged a snippet (see _snippet).
SNIPPET_WORDS = 25


def _snippet(doc: Document) -> bool:
    """One short sentence ("We apologise for the inconvenience this may have caused."): in a
    library of macros, a piece meant to be combined with others, so the reply as a whole is
    elsewhere and its next step cannot be judged here."""
    return doc.templated and len(doc.sentences) == 1 and word_count(doc.prose) < SNIPPET_WORDS


def _cut_off(doc: Document) -> bool:
    """A reply that stops mid-sentence ("... Passengers will be"): the rest was posted elsewhere."""
    body = doc.prose.rstrip()
    # Only the end can match: the last few characters, and one before them for the word boundary.
    return bool(body) and _dangling().search(body[-_DANGLING_TAIL:]) is not None


_DANGLING_TAIL = 8  # more than the longest word _dangling looks for, plus one


@functools.cache
def _dangling() -> re.Pattern[str]:
    return phrase_regex(r"\b(?:be|to|the|and|a|an|of|with|will|is|are|our|your|by|from|or)$")


def _open_admission(doc: Document) -> bool:
    """An admitted problem that is still open (a slow reply is over once we reply)."""
    soft = _patterns()[2]
    for span in admissions(doc):
        sentence = doc.sentence_at(span.start)
        if sentence is None or not soft.search(sentence.text):
            return True
    return False


def _asks(sentence: str) -> bool:
    """A question written without its question mark: "What is the store's address and we'll ..."."""
    body = _statement_patterns()[0].sub("", sentence.strip(), count=1)
    return _question_word().match(body) is not None


@functools.cache
def _question_word() -> re.Pattern[str]:
    return phrase_regex(
        r"(?:what|which|where|who)(?:'s|\s+(?:is|are|was|were|did|do|does|time|day|date|size|colou?r|model|number))\b"
    )


def _narrative(text: str, match: re.Match[str]) -> bool:
    """A passive 'was reissued' told as part of what went wrong ('... got lost when the ticket was
    reissued'), not as something done for the customer."""
    if not re.match(r"(?:was|were|has been|have been|had been)\b", match.group(), re.IGNORECASE):
        return False
    before = text[max(0, match.start() - 60) : match.start()]
    return (
        re.search(r"\b(?:when|while|after|because|since|until|before)\b[^,;:.!?\n]*$", before, re.IGNORECASE)
        is not None
    )


def gives_next_step(doc: Document) -> bool:
    """The reply asks something, tells the customer what to do, commits to an action or reports one done."""
    step, imperative, _, question, pending, timed = _patterns()
    text = doc.prose
    if question.search(text) or any(not _narrative(text, m) for m in step.finditer(text)):
        return True
    if any(imperative.search(s.text) or _asks(s.text) for s in doc.sentences):
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
    fix=Applicability.UNSAFE,
    summary="A reply about a problem that gives the customer no next step.",
    rationale=(
        "A customer who writes in about a problem wants to know what happens now: what we will "
        "do and by when, or what they should do. A reply that admits a problem on our side and "
        "stops there, that only sympathises, or that says no with no alternative leaves them to "
        "write again. Give an owner, an action and, where possible, a time: 'I'll email you by "
        "Friday', 'Please reply with your order number'. A question to the customer, a link or form "
        "to use, an attachment, a fix already made ('I've corrected the booking') or a plain answer "
        "to their question also count. An apology only for a slow reply, or for confusion that the "
        "reply then clears up, needs no further step. Telling the problem back ('I can see your parcel "
        "hasn't moved'), an excuse ('these things happen'), a hand-off with no result ('I've chased "
        "the lab') or a promise with no time ('we'll definitely find it') is not a step. The fix "
        "inserts a template step before the sign-off, to be adapted."
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
    if not doc.sentences or is_thread_fragment(doc) or _cut_off(doc) or _snippet(doc):
        return
    # An admitted problem needs a step; so does an apology with bad news ("unfortunately we
    # can't ...") or with nothing but sympathy. An apology followed by an explanation or an
    # answer ("Sorry! Shipping times are counted from dispatch.") is a complete reply. (Asked
    # first: most replies admit no problem, and looking for a step is the dearer question.)
    if not (_open_admission(doc) or (_hard_apology(doc) and (_bad_news(doc) or _only_sympathy(doc)))):
        return
    if gives_next_step(doc):
        return
    point, text = _step_insertion(doc)
    yield Finding(
        Span(point, point),
        "the reply acknowledges a problem but does not say what happens next: who does what, and by when",
        suggestion="End with a concrete step, e.g. 'I'll email you by Friday with an update' or 'Please reply with your order number.'",
        fix=Fix(
            (Edit(Span(point, point), text),),
            Applicability.UNSAFE,
            f"insert a next step before the sign-off: {STEP_TEMPLATE!r}; change who does what, and by when, to what you will really do",
        ),
    )


# Owner, action and time: a step that re-lints clean. An agent adapts it to the real step.
STEP_TEMPLATE = "I'll send you an update by 5 pm tomorrow."


@functools.cache
def _signoff() -> re.Pattern[str]:
    # "Best,\nJo", "Kind regards, Sam", "Thanks!", "Cheers": a closing line, perhaps with a name under it.
    return phrase_regex(
        r"^(?:best(?: wishes| regards)?|kind(?:est)? regards|warm(?:est)? (?:regards|wishes)|regards|many thanks|"
        r"thanks(?: again| so much| very much| a lot)?|thank you(?: again| so much| very much)?|cheers|sincerely|"
        r"yours(?: sincerely| faithfully| truly)?|all the best|take care|speak soon|talk soon|with thanks|ta)\b"
        r"[ \t,!.]*(?:\s+[^\s].{0,40})?$"
    )


def _step_insertion(doc: Document) -> tuple[int, str]:
    """Where a next step belongs, and the text to insert there: after the last sentence of the
    body, before a sign-off ("Best,\nJo") if there is one."""
    sentences = doc.sentences
    count = len(sentences)
    while count > 1 and _signoff().match(sentences[count - 1].text.strip()):
        count -= 1
    end = sentences[count - 1].span.end
    last = doc.source[end - 1]
    separator = " " if last in ".!?…)\"'”’" else ". "
    return end, separator + STEP_TEMPLATE
