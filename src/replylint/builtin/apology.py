"""apology-missing: the reply admits a problem on our side and never apologises."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from replylint import recache
from replylint.analysis import is_thread_fragment, phrase_pattern, phrase_regex
from replylint.diagnostics import Applicability, Edit, Finding, Fix
from replylint.document import Document, Span
from replylint.rule import rule

# Who can be at fault on the company's side: "we", "I", "our packing team", "our system".
_US = r"(?:we|I|our (?:[\w-]+ ){0,2}?(?!(?:never|not|also|just|already|always|often|sometimes|usually)\b)[\w-]+)"
# Staff and parts of the business named without "our": "housekeeping skipped your room",
# "the front desk recorded it incorrectly".
_STAFF = (
    r"(?:housekeeping|reception|(?:the|our) (?:[\w-]+ )?(?:front desk|reception|desk|staff|crew|driver|courier|technician|engineer|"
    r"agent|warehouse|kitchen|store|shop|branch|pharmacy|system|app|website|site|colleague|rep|representative|advis[oe]r|"
    r"form|checkout|page|portal|terminal|machine|till|reader|scanner|tool|platform|server|network|printer|kiosk|"
    r"cashier|server|waiter|waitress|chef|cleaner|housekeeper|installer|fitter|team|department))"
)
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
            rf"(?:{_US}|{_STAFF}) (?:forgot|failed|neglected|omitted) to",
            # done wrongly: "our front desk recorded your insurance number incorrectly"
            rf"(?:{_US}|{_STAFF}) (?!(?:can|could|will|would|should|may|might|must|do|did|does|have|has|had|are|is|was|were|need|needed)\b)[a-z]+ed (?:[\w'#-]+ ){{0,4}}?(?:incorrectly|wrongly|in error|by mistake|wrong)\b",
            # left out: "the kitchen left the dressing off your salad"
            rf"(?:{_US}|{_STAFF}) (?:left|missed) (?:[\w'-]+ ){{0,3}}?(?:out|off)\b(?! (?:of stock|for collection|for you|at)\b)",
            # something the business skipped or never said: "housekeeping skipped your room", "our
            # website didn't mention it", "nobody warned you"
            rf"(?:{_US}|{_STAFF}) (?:skipped|missed|overlooked|ignored) (?:your|the|that|this)",
            rf"(?:{_US}|{_STAFF}) (?:didn't|did not|failed to|never) (?:mention|warn|tell|inform|explain|say|show|list|flag|notify|update you|call you back|get back to you|reply|respond|leave (?:a|the|you a)|knock|ring the|turn up|show up|attempt)",
            # somewhere wrong: "our courier left your parcel at the wrong address"
            r"(?:to|at|with|from|into|on) (?:the|a) wrong (?:address|house|door|flat|place|location|branch|store|shop|depot|neighbou?r|person|customer|account|email(?: address)?|number|terminal|gate|hotel|airport|station|platform|room|table|floor)",
            r"(?:nobody|no one|no-one) (?:warned|told|informed|notified|called|contacted|replied to|got back to|let) you",
            r"you (?:weren't|were not|haven't been|have not been|never got) (?:told|warned|informed|notified|updated|contacted|called back)",
            # a system or a process that did not do its job: "the booking didn't sync to the airline"
            r"(?<!\byou[ ])(?<!\bif[ ])(?:didn't|did not|failed to|wouldn't|would not|couldn't|could not) (?:sync|load|update|save|register|upload|transfer|connect|trigger|print|refresh|renew|activate|record|reach|process|post|apply|come through)\b",
            # a system that gave the customer's booking away: "our system released the room"
            rf"{_STAFF} (?:automatically )?(?:released|gave away|resold|re-?let|reassigned) (?:your|the) (?:room|booking|reservation|seat|table|ticket|slot|appointment|place|spot)",
            # something else given in place of what was booked: "you were given an economy car instead"
            r"(?:you were|you've been|you have been|you got) (?:given|sent|moved|put|booked|allocated|assigned|handed)(?:\s[\w'-]+){0,4}? instead\b(?! of (?:the )?(?:usual|standard))|(?:you were|you've been|you have been|you got|was|were) downgraded|(?:refund|credit|compensation) for the downgrade",
            # a fault in the customer's area or on our network: "there's a fault at your local exchange"
            r"(?:there's|there is|there was|there's been|there has been|we've had|we have had|we had) (?:a|an) (?:[\w-]+ )?(?:fault|outage|failure|breakdown) (?:at|in|on|with|affecting) (?:your |the |our )?(?:local |nearest )?(?:exchange|area|network|cabinet|street|road|line|mast|region|postcode|town|building|site|estate|pipe|main|supply)",
            # caused on our side: "it's caused by a burst main on our side"
            r"caused by (?:a|an|the|some) (?:[\w-]+ ){1,3}?(?:on|at|in|from) our (?:side|end|network|system|systems|site|depot|warehouse)",
            # a service that failed for everyone for a while: "card payments failed between 14:00 and 16:30"
            r"(?:card payments?|payments?|transactions?|logins?|log-ins?|sign-ins?|calls?|transfers?|bookings?|orders?|deliveries|services?) (?:failed|were failing|were declined|were down|went down|were unavailable|were interrupted|stopped working) (?:between|from|for (?:about|around|over|nearly)?|during|yesterday|today|this morning|overnight|last night)\b",
            # something we did not do: "we didn't send the confirmation", "our engineer didn't have the part"
            # (not "we didn't charge you", "we couldn't find a fault", "we couldn't reach you")
            rf"(?:{_US}|{_STAFF}) (?:didn't|did not|couldn't|could not|wasn't able to|weren't able to|never) (?:send|ship|post|deliver|dispatch|include|pack|process|apply|update|register|save|record|refund|cancel|notify|credit|add|activate|pass|follow up|call|get back|tell|inform|warn|mention|have|bring|fit|finish|complete|fix|repair|arrange|book|reserve|honou?r|issue|print|prepare|collect|pick up|attend|return|respond|reply|answer|replace|install|connect|load|open|turn up|show up|arrive|come|make it|recalculate|reprocess|re-?issue|adjust|amend|correct|reduce|transfer|forward|scan)\b(?! (?:you )?(?:this|that|these|those|any|anything)\b)",
            # the wrong, old or someone else's thing: "we shipped your order to your old address", "we sent
            # you someone else's invoice"
            rf"(?:{_US}|{_STAFF}) (?:[a-z]+ed|sent|sold|put|gave|took|left|told|quoted|showed|shown|made|brought|kept|dealt)(?:\s[\w'-]+){{0,4}}? (?:someone else's|another customer's|somebody else's|(?:to|at|with|for|from|on|into)? ?(?:the|your|an?) (?:old|previous|former|outdated|out-of-date|expired))\b",
            # a system that kept failing: "our online form was rejecting valid postcodes"
            rf"(?:{_US}|{_STAFF}) (?:was|were|has been|have been|kept) (?:wrongly |incorrectly |mistakenly )?(?:rejecting|declining|blocking|refusing|failing|crashing|freezing|timing out|double-charging|overcharging|charging (?:the wrong|twice|too)|showing (?:the )?(?:wrong|an? error|errors))",
            # too much: "you were charged £5 too much"
            r"(?:charged|billed|debited|took|deducted) (?:you )?(?:[£$€]\s?\d[\d.,]*|\d[\d.,]* ?(?:pounds|dollars|euros)|an? (?:extra|additional)(?: [\w-]+)?) (?:too much|more than (?:you|we) (?:should|agreed|quoted))",
            # a remedy for a failure: "the refund for the missing curry"
            r"(?:refund|replacement|credit|compensation|redelivery|reimbursement) (?:for|of) (?:the|your) (?:missing|wrong|damaged|faulty|broken|late|cold|spilt|spilled|incorrect|defective|lost|cancell?ed|delayed) [\w-]+",
            # taken twice: "our system took your direct debit twice this month"
            r"(?:took|taken|charged|billed|debited|collected|deducted|withdrew|withdrawn|processed|sent|shipped|renewed|booked) (?:[\w$£€.,'-]+ ){0,4}?(?:twice|two times)\b(?! (?:a|per|every|each) (?:day|week|month|year))",
            rf"{_US} (?:(?:\w+ )?(?:mistakenly|accidentally|wrongly|incorrectly|erroneously|inadvertently) \w+|missed (?:your|the|that|this)|left (?:it|them|this|that|\w+ \w+)? ?out|lost|misplaced|mislabell?ed|misrouted|misread|overlooked|underestimated|overbooked|double[- ]booked|overcharged|undercharged|dropped the ball|messed up|mixed up|got (?:it|this|that|\w+ \w+) wrong)",
            r"(?:was|were|has been|have been|got|had been|been) (?:\w+ )?(?:mistakenly|wrongly|accidentally|erroneously|inadvertently) \w+",
            # (not the customer's own purchase: "the gems bought by mistake")
            r"(?<!bought[ ])(?<!ordered[ ])(?<!purchased[ ])(?<!clicked[ ])(?<!tapped[ ])(?<!pressed[ ])(?<!selected[ ])(?<!subscribed[ ])(?:by mistake|in error|by error|by accident)",
            # billed for something already cancelled: "billed for the package even though you cancelled it"
            r"(?:billed|charged|debited|invoiced|renewed|taken)(?:\s[\w'£$€.,-]+){0,10}? (?:even though|although|despite|when) you(?:'d| had)? (?:already |previously |clearly )?(?:cancell?ed|closed|ended|returned|opted out|unsubscribed|downgraded|switched)",
            r"(?:billed|charged|debited|renewed|renewing|taken)(?:\s[\w'£$€.,-]+){0,6}? (?:even though|although|despite) (?:auto-?renew(?:al)?|automatic renewal|your (?:cancell?ation|request to cancel)) (?:was|had been|being) (?:off|turned off|switched off|cancell?ed|disabled|confirmed)",
            # late against a date: "the refund should have reached you last week"
            r"should have (?:reached you|arrived|been (?:delivered|sent|refunded|processed|credited|paid|fixed|with you))(?:\s[\w-]+){0,3}? (?:last (?:week|month|(?:mon|tues|wednes|thurs|fri|satur|sun)day)|yesterday|days ago|weeks ago|(?:on|by) (?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
            # a long wait: "you waited over an hour on hold"
            r"(?:waited|been waiting|were waiting|on hold|held) (?:for )?(?:over|more than|nearly|almost|well over) (?:an hour|a week|a month|\d+ (?:hours?|days?|weeks?|months?)|(?:two|three|four|five|six) (?:hours|days|weeks|months))",
            # a system that destroyed the customer's work: "our app deleted your draft"
            r"(?:our|the) (?:[\w-]+ )?(?:app|system|website|site|update|platform|software|server|tool) (?:[\w-]+ ){0,4}?(?:deleted|wiped|erased|lost|overwrote|corrupted) (?:your|the|all)",
            r"(?:gave|given|sold|let) (?:away )?(?:your|the) (?:room|seat|table|booking|slot|ticket|place|spot)s?(?: away)? to (?:someone|somebody|another)|gave away your",
            r"(?:was|were|got) (?:left|dumped|thrown|abandoned) (?:outside )?(?:in the rain|unattended|on the (?:street|pavement|road))",
            r"(?:should(?:n't| not| never)) have (?:happened|been \w+|had to)",
            r"(?:mistakes?|errors?) (?:was|were) made",
            # contradicting what we told the customer: "not Monday as our banner said"
            r"(?:not|contrary to|despite) (?:[\w-]+ ){0,5}?(?:as|what) our (?:[\w-]+ ){0,2}?(?:said|says|stated|showed|shows|claimed|told you|suggested|advertised|listed|promised)",
            r"(?:you were|you've been|you have been|you got) (?:given|told|sent|quoted|shown) (?:the |a |an |some )?(?:wrong|incorrect|inaccurate|out-of-date|outdated|misleading)",
            # billing
            r"(?:you were|you've been|you have been|you got|we) (?:double[- ]charged|charged twice|billed twice|overcharged|double[- ]billed|over-?billed)",
            r"(?:charged|billed) (?:you )?(?:twice|double|two times)(?! (?:a|per|every|each) (?:day|week|month|year))",
            r"double[- ]booked|overbooked|overcharged",
            r"(?:a|the|an) (?:duplicate|double|second|extra|unauthori[sz]ed) (?:payment|charge|transaction|debit|booking|order)s?(?! (?:option|button|link|form|request))(?! (?:is|are|was|were) (?:for|from|because|due|the|a|an)\b)",
            rf"{_US} (?:didn't|did not) (?:include|ship|pack|process|apply|update|register|save|record|deliver|dispatch|refund|cancel|notify|credit|post|add|activate|pass on|follow up|call you back|get back to you)",
            rf"{_US} never (?:sent|shipped|included|processed|applied|updated|registered|saved|recorded|delivered|dispatched|refunded|cancell?ed|notified|told|informed|emailed|credited|posted|added|activated|called|contacted|replied)",
            r"(?:sent|shipped|delivered|gave|given|charged|booked|billed|packed|posted|dispensed|supplied|fitted|installed|issued|served|printed|labell?ed|prescribed) (?:you )?(?:the |a |an )?(?:[\w-]+ ){1,4}instead of",
            # sent where the customer no longer is: "your order was dispatched to your old address"
            r"(?:was|were|has been|have been|got) (?:sent|dispatched|shipped|delivered|posted|mailed|emailed|redirected) to (?:your|an|the) (?:old|previous|former|outdated|out-of-date) (?:address|email|number|account|home|flat|office)",
            r"(?:was|were|got|has been|have been) (?:sent|shipped|delivered|given|charged|booked|billed|packed|posted|picked) (?:to you )?instead of",
            # left at the wrong place: "the driver left it at number 42 instead of 24"
            r"(?<!\byou\s)(?:left|delivered|dropped(?: off)?|posted|put|sent|taken|handed|shipped)(?: (?:it|them|your [\w-]+|the [\w-]+))? (?:at|to|with|through|into|in) (?:[\w'-]+ ){1,4}?instead of\b",
            # done wrongly by nobody named: "the interest was calculated incorrectly", "it was mis-sorted"
            r"(?:was|were|has been|have been|had been|got) (?:\w+ )?(?!(?:entered|typed|filled|spelt|spelled|written|given|provided|input|keyed|used|selected|chosen)\b)[a-z]+(?:ed|en) (?:incorrectly|wrongly)\b",
            r"(?:was|were|has been|have been|had been|got) (?:\w+ )?mis-?(?:sorted|routed|directed|delivered|labell?ed|addressed|picked|packed|shipped|filed|allocated|posted|sent|applied|calculated|quoted|priced|charged|handled|placed|scanned|loaded)\b",
            # a named problem
            r"(?:a|the|an|our|some) (?:double charge|duplicate charge|billing error|system error|technical (?:issue|problem|error|fault|glitch|difficulties)|outage|glitch|bug|malfunction|mix-up|mixup|backlog)(?! (?:ticket|report|reference|number|map|page|status|alert|notification|form|log|checker|tracker|message|code|line|team)s?\b)",
            r"(?:a|the|an) (?!(?:error|human|user|customer|operator|same|following|above|below|exact|usual|specific|typing|spelling)\b)[\w-]+ (?:error|failure|outage|fault|glitch|misconfig(?:uration)?)(?! messages?| codes?| screens?| pages?| pop-?ups?)",
            r"(?:was|were|had been|has been|have been|got) (?:\w+ )?misconfigured|misconfig(?:uration)?s? (?:on|in|with|at) (?:our|one of our)",
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
            r"(?:issues?|problems?|faults?|outages?|errors?|glitch(?:es)?|bugs?|difficulty|difficulties|disruption|delays?|failures?|mistakes?|congestion|overloading|overload) (?:with|on|in|affecting|at|from|within|inside) (?:our|one of our)",
            r"(?:issues?|problems?|faults?|errors?|glitch(?:es)?|bugs?|mistakes?|delays?) (?:on|at|from) our (?:side|end|part)",
            r"(?:our|the) (?:[\w-]+ ){0,2}?(?:provider|processor|partner|supplier|system|systems|servers?|website|site|app|platform|network|team|warehouse|courier|depot|checkout) (?:had|has had|has|was having|is having|were having|are having|experienced|has experienced|suffered|ran into|hit) (?:a |an |some )?(?:\w+ )?(?:problems?|issues?|faults?|outages?|glitch(?:es)?|errors?|difficulties|trouble|downtime|disruption|bug)",
            r"(?:we're|we are|we've been|we have been|we were|our \w+ (?:is|are|was|were|has been|have been)) (?:currently )?(?:experiencing|having|seeing) (?:an? |some )?(?:\w+ )?(?:issues?|problems?|outages?|difficulties|delays?|technical|disruption|downtime|errors?|glitch(?:es)?|bugs?)",
            # something broke, is late or went missing
            r"(?:is|are|was|were|has been|have been|\w+'s been) (?:currently |still |badly |slightly )?(?:down(?! to\b)|delayed|lost|damaged|misplaced|stuck|held up|faulty|defective)",
            r"got (?:stuck|lost|damaged|delayed|held up|misplaced)",
            r"(?:the|our) (?:[\w-]+ )?(?:link|page|form|app|website|site|price|listing|description|information|invoice|bill|label|tracking|email|banner|code|voucher|discount|instructions|manual|confirmation|receipt|statement)s? (?:[\w-]+ ){0,3}?(?:is|was|were|are|has been|have been) (?:\w+ )?(?:broken|wrong|incorrect|out of date|outdated|inaccurate|misleading|not working|faulty)",
            # ("the 37 failed events": an adjective before a noun, not the news that something failed)
            r"(?:our|the) [\w:-]+(?: [\w-]+)? (?:failed(?! (?:[a-z-]+s|attempt|payment|delivery|transaction|request|order|message|email|login|job|call|sync|upload|event|import|export|check|test|item)\b)|crashed|went down|stopped working|was down(?! to\b)|were down(?! to\b)|was unavailable|were unavailable|was offline|went offline|broke down)",
            r"(?:sent|shipped|delivered|gave|given|quoted|charged|sold|supplied|issued|provided|fitted|installed) (?:you )?(?:the |a |an )?(?:wrong|incorrect|faulty|broken|damaged|defective|expired|out-of-date|second-hand|used)\b(?! (?:items?|products?|goods|parts?) (?:are|can|must|should|will)\b)",
            # what we produced had the wrong content: "the invoice we sent had last month's figures on it"
            r"(?:we|I) (?:sent|issued|gave you|emailed|posted|printed|quoted) (?:you )?(?:had|showed|listed|contained|included|used|quoted|gave) (?:the |an? )?(?:wrong|old|incorrect|outdated|out-of-date|previous|last (?:month|year|week)'s|someone else's|another customer's)",
            # staff not up to the job, or a fix that did not work: "the technician wasn't trained on your model"
            r"(?:wasn't|weren't|was not|were not) (?:properly |fully |correctly |adequately )?(?:trained|qualified|equipped|briefed)\b",
            r"(?:visit|repair|update|patch|fix|replacement|reset|engineer|technician)s? (?:didn't|did not|failed to|couldn't|could not) (?:fix|solve|resolve|sort|work|help)\b",
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
            r"(?:wasn't|weren't|was not|were not|didn't get|never got|did not get) (?:\w+ )?(?:dispatched|loaded|transferred|shipped|sent|processed|delivered|submitted|refunded|applied|activated|posted|saved|included|packed|picked up|finished|completed|done|fixed|repaired|installed|fitted|connected|cleaned|collected|ready)",
            # "the engineer arrived without the replacement part"
            r"(?:arrived|turned up|came|showed up|came out) without (?:the|a|an|your|any) (?:[\w-]+ )?(?:parts?|tools?|equipment|paperwork|keys?|items?|order|kit|ladder|van)\b",
            r"didn't go through|did not go through|never (?:arrived|turned up|showed up|came)|didn't (?:arrive|turn up|show up)",
            r"(?:flights?|trains?|services?|departures?|deliver(?:y|ies)|classes?|appointments?|visits?) (?:was|were|has been|have been|had to be|got) cancell?ed",
            r"(?:was|were|has been|have been|got) cancell?ed (?:at (?:short|the last) notice|without (?:notice|warning)|by us)",
        ]
    )
    # A negation or a condition shortly before the admission: "doesn't sound like a bug",
    # "if you think you've found a bug", "there might be a delay".
    hedged = recache.compile(
        r"(?:\bno|\bnot|n't|\bnever|\bnothing|\bnone|\bunless|\bwithout|\bany|\bif|\bwhen|\bwhether|\bin case|\bmight|\bmay|\bcould|\bwould|\bavoid|\bprevent|\breport|\bclaim|\breturn|\bexchange|\bshare|\bpost|\bdescribe|\bdetails|\bsounds? like|\bseems?|\bappears?|\bwhy|\bwhether|\brecords (?:show|indicate)|\bsystem shows|\blog(?:ged|ging)?|\blodg(?:e|ed|ing))\b(?:(?!(?<!not\s)\bbecause\b|(?<!not\s)\bdue to\b)[^.!?\n,;:\u2014\u2013]){0,40}$",
        re.IGNORECASE,
    )
    # A sentence that puts the problem outside the company: customs, the weather, the customer's
    # bank or network, or says outright that it is not ours ("the delay is with customs").
    external = phrase_pattern(
        [
            r"(?:not|n't|never) (?:\w+ )?(?:our|on our|on us|with us|within our|caused by us|something we)",
            r"(?:is|are|was|were|'s|held|stuck|held up|caused|due|delayed) (?:\w+ )?(?:with|at|in|by|to|because of|due to) (?:the )?(?:customs|border|tax office|weather|storm|snow|fog|flooding|strike|industrial action|air traffic control|your (?:own )?(?:bank|card issuer|card provider|network|provider|isp|router|carrier|device|phone|employer))",
            r"(?:customs|the weather|your bank|your card issuer) (?:is|are|was|were|has|have|had)",
            r"(?:because|as|since|after) you(?:'ve|'d)? (?:\w+ )?(?:entered|typed|gave|provided|used|selected|chose|picked|put|missed|forgot|cancell?ed|changed|didn't|did not|hadn't|had not|failed|neglected|decided|opted|weren't|were not|asked)",
            r"(?:because|as|since) (?:of )?your (?:card|bank|payment|details|address|account) (?:was|were|is|are|had|has|expired|didn't)",
            # "because the file you uploaded is over the limit"
            r"because (?:[\w'-]+ ){0,5}?you(?:'ve| had| have)? [a-z]+ed\b",
            r"you(?:'ve| have| had)? (?:accidentally |mistakenly )?(?:ordered|paid|bought|booked|selected|chose|picked|entered|typed|clicked|cancell?ed|deleted|subscribed|purchased|signed up|renewed|sent|used|added|gave|provided|filled in|set up)(?: [\w'@.-]+){0,6}? (?:by mistake|in error|by accident|incorrectly|wrongly)|you(?:'ve| have| had)? (?:accidentally|mistakenly|incorrectly|wrongly)",
            r"(?:user|customer|human|operator) error",
            r"you(?:'ve| have| had| must have| might have| may have| probably| accidentally| mistakenly)? (?:sent|gave|entered|typed|used|selected|chose|picked|ordered|provided|booked|bought) (?:us )?(?:the |a |an )?(?:wrong|incorrect|(?:[\w-]+ ){1,3}instead of)",
            r"you(?:'ve| have| had)? (?:accidentally |mistakenly )?(?:sent|posted|addressed|took|brought|put|uploaded|paid|transferred)(?:\s[\w-]+){1,3}? (?:to|at|into|on|with) (?:the|a) wrong",
            r"as (?:you )?requested|at your request|as you asked|non-payment",
            # a limit, not a fault: "the export failed because the file was larger than 2 GB"
            r"(?:larger|bigger|longer|heavier|more|higher|greater) than (?:the |our )?(?:[\w-]+ )?(?:limit|maximum|max|allowance|quota|\d[\d.,]* ?(?:GB|MB|KB|TB|kg|characters|files|items|pages|rows|minutes))\b|(?:over|above|exceeds?|exceeded|exceeding|beyond) (?:the|our|your) (?:[\w-]+ )?(?:limit|maximum|allowance|quota|cap)\b",
        ]
    )
    apology = phrase_pattern(
        [
            r"sorry|apologi[sz]e[sd]?|apologi[sz]ing|apologies|my bad|forgive us|(?:we|I) regret(?! to (?:inform|advise|tell|say|announce|let))",
            # ("regrettably" on its own only says the news is bad, it owns nothing)
            r"regret(?:s)? (?:any|the|this|that)",
        ]
    )
    return admission, hedged, apology, external


@functools.cache
def _confusion_pattern() -> re.Pattern[str]:
    # An apology only for "the confusion": it names the customer's state, not our mistake.
    return phrase_regex(
        r"\b(?:sorry|apologi[sz]e|apologies)(?: (?:again|once again|so much))?(?: (?:for|about) (?:the|this|that|all the|my|our) (?:confusion|misunderstanding)|,? (?:if|that) (?:this|that|it) (?:was|is|has been) confusing)"
    )


@functools.cache
def _owned_pattern() -> re.Pattern[str]:
    return phrase_regex(
        r"\b(?:(?:our|my) (?:mistake|error|fault|bad|oversight|mix-up|mixup|slip-up)|(?:that|this|it)(?:'s| is| was) (?:all )?on (?:us|me)\b|(?:we|I) (?:made|got) (?:a |an |the )?(?:mistake|error|it wrong|that wrong|this wrong))"
    )


def _only_for_confusion(doc: Document) -> re.Match[str] | None:
    """The reply's every apology is for 'the confusion': the first one, else None."""
    text = doc.prose
    soft = list(_confusion_pattern().finditer(text))
    if not soft or _owned_pattern().search(text):
        return None  # "that's our error, and I'm sorry for the confusion" owns the mistake
    for match in _patterns()[2].finditer(text):
        if not any(s.start() <= match.start() < s.end() for s in soft):
            return None
    return soft[0]


def admissions(doc: Document) -> tuple[Span, ...]:
    """Where the reply admits a problem on our side; apology-missing and next-steps-missing
    both ask, so it is worked out once per document."""
    return doc.derived(_admissions)


def apology_pattern() -> re.Pattern[str]:
    """Sorry, apologise, regret (not 'we regret to inform you')."""
    return _patterns()[2]


def _admissions(doc: Document) -> tuple[Span, ...]:
    return tuple(_admission_spans(doc))


@functools.cache
def _conditional() -> re.Pattern[str]:
    return re.compile(r"(?:if|when|whether|unless|in case|should)\b", re.IGNORECASE)


def _admission_spans(doc: Document) -> Iterator[Span]:
    admission, hedged, _, external = _patterns()
    text = doc.prose
    if not admission.could_match(text):  # then no sentence of it can match either
        return
    for sentence in doc.sentences:
        body = sentence.text.strip()
        # A question or a condition reports nothing: "Did you see an error?", "If the parcel is lost, ..."
        if body.endswith("?") or _conditional().match(body):
            continue
        found = list(admission.finditer(text, sentence.span.start, sentence.span.end))
        # The problem is someone else's: "the delay is with customs", "that's not our problem".
        # (Asked only of the few sentences that admit something.)
        if not found or external.search(text, sentence.span.start, sentence.span.end):
            continue
        for match in found:
            if hedged.search(text, sentence.span.start, match.start()):
                continue
            yield Span(match.start(), match.end())


def apologises(doc: Document) -> bool:
    """The reply says sorry, apologises or regrets (not 'we regret to inform you')."""
    return bool(apology_pattern().search(doc.prose))


@rule(
    id="apology-missing",
    category="apology",
    severity="warning",
    fix=Applicability.UNSAFE,
    summary="The reply admits a problem on our side but never apologises.",
    rationale=(
        "When the company is at fault (a delay, an outage, a mistake, a double charge, a missing "
        "or damaged item, an order cancelled in error), a reply that explains the problem without "
        "apologising sounds cold and defensive. One plain, specific apology that names the problem "
        "is enough. Quoted customer text does not count as an admission; neither does a negated or "
        "hypothetical mention ('there is no outage', 'if the parcel is lost'), nor a problem that is "
        "not the company's ('the delay is with customs'). 'Regrettably' alone owns nothing, and an "
        "apology only 'for the confusion' when we made the mistake is reported too: it names the "
        "customer's state, not our error. The fix inserts a short apology after the admission, to be "
        "reworded so that it names the problem."
    ),
    bad=[
        "Your order was delayed at our warehouse. It will ship on Monday.",
        "The class was removed from your timetable by mistake. I've put it back for Friday at 6 pm.",
        "Sorry for the confusion! We charged you for 25 seats instead of 15; the credit is on your account.",
    ],
    good=[
        "I'm sorry your order was delayed at our warehouse. It will ship on Monday.",
        "There is no outage on our side; please restart the app and try again.",
        "Your parcel is being held by customs, not by us; they will release it once the duty is paid.",
    ],
)
def apology_missing(doc: Document) -> Iterator[Finding]:
    # A tweet thread fragment ("1/2", "(2/3)") continues elsewhere, where the apology may be.
    if is_thread_fragment(doc):
        return
    first = next(iter(admissions(doc)), None)
    if first is None:
        return
    if apologises(doc):
        soft = _only_for_confusion(doc)
        if soft is not None:
            yield Finding(
                Span(soft.start(), soft.end()),
                f"'{doc.shown(Span(soft.start(), soft.end()))}' apologises for confusion, but the reply admits a "
                f"mistake on our side ('{doc.shown(first)}'): apologise for the mistake itself",
                suggestion="Name what went wrong and own it, e.g. 'I'm sorry we charged you for the wrong plan.'",
            )
        return
    yield Finding(
        first,
        f"the reply admits a problem on our side ('{doc.shown(first)}') but never apologises",
        suggestion="Add one plain apology that names the problem, e.g. 'I'm sorry your order was delayed.'",
        fix=_apology_fix(doc, first),
    )


APOLOGY_TEMPLATE = "I'm sorry about that."


def _apology_fix(doc: Document, admission: Span) -> Fix | None:
    """Insert a short apology right after the sentence that admits the problem.

    The sentence is kept as it is and the apology follows it ("... packed the wrong size. I'm
    sorry about that."), so it always reads in order. The text is a template to adapt: an agent
    should make it name what went wrong.
    """
    sentence = doc.sentence_at(admission.start)
    if sentence is None:
        return None
    end = sentence.span.end
    after = doc.source[end : end + 1]
    if after and not after.isspace():
        return None  # the sentence runs into something that is not prose (a link, a placeholder)
    last = doc.source[end - 1]
    text = f" {APOLOGY_TEMPLATE}" if last in ".!?…)\"'”’" else f". {APOLOGY_TEMPLATE}"
    return Fix(
        (Edit(Span(end, end), text),),
        Applicability.UNSAFE,
        f"insert {APOLOGY_TEMPLATE!r} after the admission; reword it to name what went wrong",
    )


def admits_problem(doc: Document) -> bool:
    """The reply admits a problem on our side (not counting apologies)."""
    return bool(admissions(doc))


def acknowledges_problem(doc: Document) -> bool:
    """The reply apologises or admits a problem on our side."""
    return apologises(doc) or admits_problem(doc)
