"""apology-missing: the reply admits a problem on our side and never apologises."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from replylint.analysis import phrase_pattern
from replylint.diagnostics import Finding
from replylint.document import Document, Span
from replylint.rule import rule


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    admission = phrase_pattern(
        [
            r"(?:our|my) (?:mistake|error|fault|bad|oversight)",
            r"(?:we|I) (?:made|have made|'ve made) (?:a|an) (?:mistake|error)",
            r"(?:we|I) (?:forgot|missed|failed) to",
            r"(?:we|I) (?:mistakenly|accidentally|wrongly|incorrectly) \w+",
            r"(?:you were|you've been|you have been|you got|we) (?:double[- ]charged|charged twice|billed twice|overcharged|double[- ]billed)",
            r"(?:charged|billed) (?:you )?twice",
            r"(?:a|the|an|our) (?:double charge|duplicate charge|billing error|system error|technical (?:issue|problem|error|fault)|outage|glitch|bug)",
            r"(?:we're|we are|our \w+ (?:is|are)) (?:currently )?(?:experiencing|having) (?:an? )?(?:issues?|problems?|outages?|difficulties|delays?|technical)",
            r"(?:is|are|was|were|has been|have been) (?:currently )?(?:down|delayed|lost|damaged|misplaced)",
            r"(?:a|the|an) (?:delay|mix-up|mixup)",
            r"(?:our|the) [\w:-]+(?: [\w-]+)? (?:failed|crashed|went down|stopped working|was down|were down|was unavailable|were unavailable|was offline|went offline)",
            r"(?:sent|shipped|delivered) (?:you )?(?:the )?wrong",
            r"(?:missing|wrong|damaged) (?:item|items|order|parcel|package)",
            r"(?:took|taken|taking) longer than (?:expected|it should|usual)",
        ]
    )
    # A negation or a condition shortly before the admission: "doesn't sound like a bug",
    # "if you think you've found a bug", "there might be a delay".
    hedged = re.compile(
        r"(?:\bno|\bnot|n't|\bnever|\bnothing|\bnone|\bunless|\bwithout|\bany|\bif|\bwhen|\bwhether|\bin case|\bmight|\bmay|\bcould|\bwould)\b[^.!?\n]{0,40}$",
        re.IGNORECASE,
    )
    apology = re.compile(r"\b(?:sorry|apologi[sz]e[sd]?|apologies|regret|my bad)\b", re.IGNORECASE)
    return admission, hedged, apology


def _admissions(doc: Document) -> Iterator[Span]:
    admission, hedged, _ = _patterns()
    text = doc.prose
    for sentence in doc.sentences:
        body = sentence.text.strip()
        # A question or a condition reports nothing: "Did you see an error?", "If the parcel is lost, ..."
        if body.endswith("?") or re.match(r"(?:if|when|whether|unless|in case)\b", body, re.IGNORECASE):
            continue
        for match in admission.finditer(text, sentence.span.start, sentence.span.end):
            if hedged.search(text, sentence.span.start, match.start()):
                continue
            yield Span(match.start(), match.end())


@rule(
    id="apology-missing",
    category="apology",
    severity="warning",
    summary="The reply admits a problem on our side but never apologises.",
    rationale=(
        "When the company is at fault (a delay, an outage, a mistake, a double charge, a missing "
        "item), a reply that explains the problem without apologising sounds cold and defensive. "
        "One plain, specific apology that names the problem is enough. Quoted customer text does "
        "not count as an admission, and a negated or hypothetical mention ('there is no outage', "
        "'if the parcel is lost') is not one either."
    ),
    bad=["Your order was delayed at our warehouse. It will ship on Monday."],
    good=[
        "I'm sorry your order was delayed at our warehouse. It will ship on Monday.",
        "There is no outage on our side; please restart the app and try again.",
    ],
)
def apology_missing(doc: Document) -> Iterator[Finding]:
    first = next(_admissions(doc), None)
    if first is None or _patterns()[2].search(doc.prose):
        return
    yield Finding(
        first,
        f"the reply admits a problem on our side ('{doc.text(first)}') but never apologises",
        suggestion="Add one plain apology that names the problem, e.g. 'I'm sorry your order was delayed.'",
    )


def acknowledges_problem(doc: Document) -> bool:
    """The reply apologises or admits a problem on our side."""
    return bool(_patterns()[2].search(doc.prose)) or next(_admissions(doc), None) is not None
