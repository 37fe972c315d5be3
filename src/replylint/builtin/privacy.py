"""Privacy: a reply that asks for a secret, or that shows a card, national-ID or account number.

The number rules validate what they find (Luhn for cards, the issuing ranges
of SSNs and National Insurance numbers, mod-97 for IBANs) so that order,
tracking and ticket numbers that merely look long are not reported. They read
the source, not only the prose: a card number in quoted history or in a code
block is still sent to the customer. URLs, e-mail addresses, placeholders,
template tags, markup, comments and front matter are skipped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from replylint import recache
from replylint.analysis import phrase_pattern
from replylint.diagnostics import Finding
from replylint.document import Document, RegionKind, Span, SpanSet
from replylint.rule import Rule, rule

# --------------------------------------------------------------------------- validation helpers


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check that every payment card number passes."""
    if not digits.isdigit() or not digits.isascii() or len(digits) < 2:
        return False
    total = 0
    for i, char in enumerate(reversed(digits)):
        d = ord(char) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


# Issuer prefixes and lengths (ISO/IEC 7812 ranges of the card schemes in use).
_CARD_RANGES: tuple[tuple[int, int, tuple[int, ...]], ...] = (
    (4, 4, (13, 16, 19)),  # Visa
    (51, 55, (16,)),  # Mastercard
    (2221, 2720, (16,)),  # Mastercard 2-series
    (34, 34, (15,)),  # American Express
    (37, 37, (15,)),
    (6011, 6011, (16, 17, 18, 19)),  # Discover
    (644, 649, (16, 17, 18, 19)),
    (65, 65, (16, 17, 18, 19)),
    (3528, 3589, (16, 17, 18, 19)),  # JCB
    (300, 305, (14, 16, 17, 18, 19)),  # Diners Club
    (36, 36, (14, 16, 17, 18, 19)),
    (38, 39, (16, 17, 18, 19)),
    (62, 62, (16, 17, 18, 19)),  # UnionPay
    (50, 50, (16, 17, 18, 19)),  # Maestro
    (56, 58, (16, 17, 18, 19)),
    (63, 63, (16, 17, 18, 19)),
    (67, 67, (16, 17, 18, 19)),
)


def card_issuer_known(digits: str) -> bool:
    """True when `digits` starts with a card scheme's prefix and has a length that scheme uses."""
    for low, high, lengths in _CARD_RANGES:
        width = len(str(low))
        if len(digits) in lengths and low <= int(digits[:width] or 0) <= high:
            return True
    return False


def is_card_number(digits: str) -> bool:
    return 13 <= len(digits) <= 19 and card_issuer_known(digits) and luhn_valid(digits)


# IBAN lengths by country (SWIFT IBAN registry).
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29,
    "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
    "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
    "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
    "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22,
    "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25,
    "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27,
    "ST": 25, "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}  # fmt: skip


def iban_valid(iban: str) -> bool:
    """An IBAN (spaces allowed) with a known country, the right length and a valid mod-97 checksum."""
    compact = "".join(iban.split()).upper()
    if not compact.isascii() or not compact.isalnum() or len(compact) < 5:
        return False
    if IBAN_LENGTHS.get(compact[:2]) != len(compact) or not compact[2:4].isdigit():
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(c, 36)) for c in rearranged)
    return int(number) % 97 == 1


# Numbers printed as examples or used in advertising; never issued.
_EXAMPLE_SSNS = frozenset({"078051120", "219099999", "123456789", "111111111", "333333333"})


def ssn_valid(ssn: str) -> bool:
    """A US Social Security number (ddd-dd-dddd, or nine digits) that could have been issued."""
    if not ssn.isascii() or not re.fullmatch(r"\d{3}([- ]?)\d{2}\1\d{4}", ssn):
        return False
    digits = re.sub(r"\D", "", ssn)
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    if area in ("000", "666") or area >= "900" or group == "00" or serial == "0000":
        return False
    return digits not in _EXAMPLE_SSNS and not (digits.startswith("98765432"))


_NINO_FIRST = set("ABCEGHJKLMNOPRSTWXYZ")  # not D, F, I, Q, U, V
_NINO_SECOND = set("ABCEGHJKLMNPRSTWXYZ")  # not D, F, I, O, Q, U, V
_NINO_BAD_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})


def nino_valid(nino: str) -> bool:
    """A UK National Insurance number: two allowed letters, six digits, a suffix A-D."""
    compact = "".join(nino.split()).upper()
    if len(compact) != 9 or not compact[2:8].isdigit() or compact[8] not in "ABCD":
        return False
    first, second = compact[0], compact[1]
    return first in _NINO_FIRST and second in _NINO_SECOND and compact[:2] not in _NINO_BAD_PREFIXES


# --------------------------------------------------------------------------- shared scanning

# Regions whose text never reaches the customer as written, or is not ours to check.
_SKIP = (
    RegionKind.URL,
    RegionKind.EMAIL,
    RegionKind.PLACEHOLDER,
    RegionKind.TEMPLATE_TAG,
    RegionKind.MARKUP,
    RegionKind.COMMENT,
    RegionKind.FRONT_MATTER,
)


def _skipped(doc: Document, span: Span) -> bool:
    return doc.derived(_skipped_regions).overlaps(span)


def _skipped_regions(doc: Document) -> SpanSet:
    return SpanSet(r.span for r in doc.regions if r.kind in _SKIP)


@functools.cache
def _number_patterns() -> dict[str, re.Pattern[str]]:
    return {
        # 13-19 digits, together or in the groups cards are printed in (4-4-4-4[-1..3], 4-6-5, 4-6-4),
        # not part of a longer run of digits, letters or groups.
        "card": recache.compile(
            r"(?<![\w.,/#@$%+-])(?<!\d[ -])"
            r"(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?|\d{4}([ -])\d{6}\2\d{4,5})"
            r"(?![\w/@%]|[.,]\d|-\d(?!\d?/\d)|(?:\1|\2)\d(?!\d?/\d))"
        ),
        # A label just before a number says what it is: an order, a tracking number, a phone IMEI.
        "label": recache.compile(
            r"\b(?:order|tracking|track|reference|ref|case|ticket|invoice|confirmation|booking|transaction|"
            r"imei|serial|s/n|sn|part|model|claim|dpci|sku|upc|ean|tcin|asin|isbn|item|article|style|product|"
            r"shipment|parcel|consignment|waybill|po|receipt|"
            r"membership|member|loyalty|rewards?|gift ?card|voucher|coupon|promo|phone|tel|mobile|fax)"
            r"(?:\s*(?:number|no\.?|num|id|code|#))?\s*(?:is|was|:|#|-)?\s*$",
            re.IGNORECASE,
        ),
        "ssn": recache.compile(r"(?<![\w/.#-])(\d{3})-(\d{2})-(\d{4})(?![\w/-]|\.\d)"),
        "nino": recache.compile(r"(?<![\w/.#-])[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\w/-])"),
        "iban": recache.compile(r"(?<![\w/.#-])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{1,4}){3,8}(?![\w/-])"),
        "account": recache.compile(
            r"\b(?:(?:bank|checking|savings|current|your|the|my|our)\s+)?(?:account|acct|a/c)\.?\s*"
            r"(?:number|no\.?|num|#)\s*(?:is|was|:|-|=|ending)?\s*"
            r"(?P<number>\d(?:[\d]|[ -](?=\d)){7,33})(?![\w*xX•])",
            re.IGNORECASE,
        ),
    }


@functools.cache
def _hints() -> dict[str, re.Pattern[str]]:
    """What every match of a number pattern contains, found fast: a draft without it is not scanned.

    (Compiled with start sets, see replylint.startset: the engine skips along in C to a digit
    or a capital.)
    """
    return {
        "card": recache.compile(r"\d{4}"),
        "ssn": recache.compile(r"\d{3}-\d\d-\d{4}"),
        "nino": recache.compile(r"[A-Z]{2} ?\d\d"),
        "iban": recache.compile(r"[A-Z]{2}\d\d"),
    }


def _finditer(name: str, text: str) -> Iterator[re.Match[str]]:
    if _hints()[name].search(text) is None:
        return iter(())
    return _number_patterns()[name].finditer(text)


def _labelled_as_other(doc: Document, start: int) -> bool:
    before = doc.source[max(0, start - 40) : start]
    return bool(_number_patterns()["label"].search(before))


# --------------------------------------------------------------------------- privacy-card-number


@rule(
    id="privacy-card-number",
    category="privacy",
    severity="error",
    summary="A full payment card number in the reply.",
    rationale=(
        "A reply is stored in the helpdesk, forwarded and often sent by plain e-mail or posted "
        "in public. A full card number in it, even the customer's own in quoted history, is a "
        "security breach and breaks card-industry rules (PCI DSS). Refer to a card by its last "
        "four digits. Only numbers that pass the Luhn check and start like a real card are "
        "reported, so order and tracking numbers are not."
    ),
    bad=["The refund went to card 4111 1111 1111 1111 this morning."],
    good=[
        "The refund went to your card ending in 1111 this morning.",
        "Your order number is 4111 1111 1111 1112.",
    ],
)
def card_number(doc: Document) -> Iterator[Finding]:
    for m in _finditer("card", doc.source):
        digits = re.sub(r"\D", "", m.group())
        span = Span(m.start(), m.end())
        if not is_card_number(digits) or _skipped(doc, span) or _labelled_as_other(doc, m.start()):
            continue
        yield Finding(
            span,
            f"'{m.group()}' looks like a full payment card number; never put one in a reply",
            suggestion=f"Refer to the card by its last four digits: 'your card ending in {digits[-4:]}'.",
        )


# --------------------------------------------------------------------------- privacy-national-id


@rule(
    id="privacy-national-id",
    category="privacy",
    severity="error",
    summary="A US Social Security number or a UK National Insurance number in the reply.",
    rationale=(
        "National identity numbers are the key to identity theft, and a reply is stored, "
        "forwarded and sometimes public. Never repeat one back, even to confirm it; ask the "
        "customer to confirm the last digits instead, through a secure channel. Numbers outside "
        "the ranges that are ever issued (SSNs starting 000, 666 or 9, the example 078-05-1120; "
        "National Insurance prefixes such as QQ) are not reported."
    ),
    bad=["I've updated the record for SSN 536-22-1234.", "Your NI number AB 12 34 56 C is now on file."],
    good=["I've updated the record for the SSN ending in 1234.", "Your case number is 536-22-1234."],
)
def national_id(doc: Document) -> Iterator[Finding]:
    for m in _finditer("ssn", doc.source):
        span = Span(m.start(), m.end())
        if ssn_valid(m.group()) and not _skipped(doc, span) and not _labelled_as_other(doc, m.start()):
            yield Finding(
                span,
                f"'{m.group()}' looks like a US Social Security number; never put one in a reply",
                suggestion="Refer to it by its last four digits at most, and only if you must.",
            )
    for m in _finditer("nino", doc.source):
        span = Span(m.start(), m.end())
        if nino_valid(m.group()) and not _skipped(doc, span):
            yield Finding(
                span,
                f"'{m.group()}' looks like a UK National Insurance number; never put one in a reply",
                suggestion="Leave it out; if you must refer to it, use only the last three characters.",
            )


# --------------------------------------------------------------------------- privacy-account-number


def _mask_hint(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    return f"'account ending in {digits[-4:]}'"


@rule(
    id="privacy-account-number",
    category="privacy",
    severity="error",
    summary="A full bank account number or IBAN in the reply.",
    rationale=(
        "With a full account number or IBAN, a fraudster can set up payments or pass security "
        "checks. Replies are stored, forwarded and sometimes public, so refer to an account by "
        "its last four digits (****1234). An IBAN is reported only when its checksum is valid; "
        "an 'account number' only when 8 or more digits follow it in full."
    ),
    bad=["Your account number 12345678 has been credited.", "We sent it to GB82 WEST 1234 5698 7654 32."],
    good=["Your account ending in 5678 has been credited.", "Your account number ****5678 has been credited."],
)
def account_number(doc: Document) -> Iterator[Finding]:
    patterns = _number_patterns()
    for m in _finditer("iban", doc.source):
        text = m.group()
        length = IBAN_LENGTHS.get(text[:2])
        if length is None:
            continue
        # Take exactly the country's length, so a following word in capitals is not swallowed.
        taken, end = 0, m.start()
        while end < m.end() and taken < length:
            if doc.source[end] != " ":
                taken += 1
            end += 1
        if taken != length or (end < len(doc.source) and doc.source[end].isalnum()):
            continue
        span = Span(m.start(), end)
        if iban_valid(doc.text(span)) and not _skipped(doc, span):
            yield Finding(
                span,
                f"'{doc.text(span)}' is a full IBAN (its checksum is valid); never put one in a reply",
                suggestion="Refer to the account by its last four characters: 'the account ending in "
                + doc.text(span).replace(" ", "")[-4:]
                + "'.",
            )
    lowered = doc.source.lower()
    if "acc" not in lowered and "a/c" not in lowered:  # "account", "acct" or "a/c" is in every match
        return
    for m in patterns["account"].finditer(doc.source):
        number = m.group("number").rstrip(" -")
        digits = re.sub(r"\D", "", number)
        span = Span(m.start("number"), m.start("number") + len(number))
        if len(digits) < 8 or _skipped(doc, span):
            continue
        yield Finding(
            span,
            f"the full account number '{number}' is in the reply; show only the last four digits",
            suggestion=f"Mask it, e.g. {_mask_hint(number)} or '****{digits[-4:]}'.",
        )


# --------------------------------------------------------------------------- privacy-asks-secret


@functools.cache
def _secret_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    qualifier = (
        r"(?:(?:full|complete|whole|entire|current|old|new|existing|account|login|log-?in|sign-?in|online banking|"
        r"banking|bank|card|card's|credit card|debit card|credit card's|debit card's|Apple ID|iCloud|Google|"
        r"email|e-mail|Wi-?Fi|router|voicemail|ATM|\d{1,2}[- ]digit|three[- ]digit|four[- ]digit|six[- ]digit) ){0,3}"
    )
    secret = (
        r"(?:pass(?:word|code|phrase)s?|(?-i:PINs?)(?![ -]?code)(?: number)?|pin number|CVV2?|CVC2?|CSC|CVN|"
        r"(?:card )?security code|code on the back(?: of (?:your|the) card)?|"
        # A card number only when it is a payment card's: "your Nectar card number" is a loyalty card.
        r"(?:full|complete|whole|entire|long|16[- ]digit|credit|debit|bank|payment)(?: (?:credit|debit|bank|payment))? "
        r"card (?:number|no\.?)|card details|one[- ]time (?:pass)?code|one[- ]time password|OTP|"
        r"(?:verification|authentication|auth|2FA|two[- ]factor|2[- ]step|two[- ]step|login|log-?in|sign-?in|SMS|text|security|access) code|"
        r"login details|log-?in credentials|credentials)"
    )
    # Verbs that can also be nouns ("an SMS message with the code", "an email with your PIN") count
    # only with "us" or "me" after them: "message us your PIN", "email me the code".
    noun_verbs = r"(?:DM|PM|message|email|e-mail|text|tweet|post|inbox|whatsapp)"
    verbs = (
        r"(?:(?:send|give|provide|share|tell|forward|include|supply|disclose|quote|read out|write down)"
        r"(?: (?:it|them))?(?: (?:to )?(?:us|me|our team|the team))?(?: (?:with|over|via DM|by DM|privately))?"
        rf"|{noun_verbs}(?: (?:it|them) to)? (?:us|me)(?: (?:with|privately))?"
        r"|let (?:us|me) (?:know|have|see)|reply with|respond with|reply to (?:this|us|me) with)"
    )
    # Other things asked for first: "your name, e-mail address and password".
    listed = r"(?:(?!you\b)(?:your |the )?[\w'-]+(?: [\w'-]+)?(?:,| and| or|, and|, or) ){0,4}"
    ask = phrase_pattern(
        [
            # "send us your password", "DM me the CVV", "reply with your full card number"
            rf"{verbs} (?:your |the |that |this |its |their )?{listed}{qualifier}{secret}",
            # "what is your PIN?", "what's the CVV on the card?"
            rf"what(?:'s| is| are| was) (?:your |the ){qualifier}{secret}",
            # "we'll need your password", "I need the code we sent"
            rf"(?:we|I)(?:'ll| will| would| do| also)? (?:need|require) (?:to (?:have|know|see|get) )?(?:your |the ){qualifier}{secret}",
        ]
    )
    # A warning or a refusal in the sentence before the ask: "we will never ask you to send your password".
    negated = recache.compile(
        r"(?:\bnever\b|\bnot\b|n't\b|\bno one\b|\bnobody\b|\bwithout\b|\bavoid\b|\brefrain\b|\bno need\b|"
        r"\bscam|\bphish|\bfraud|\bsuspicious\b|\bbeware\b|\bcareful\b|\bunsolicited\b)",
        re.IGNORECASE,
    )
    # Someone other than the customer does the sending: "we'll send your PIN by post", "the app will email you a code",
    # or a description of a system step: "you'll be asked to provide your password".
    other_subject = recache.compile(
        r"(?:\b(?:we|I|it|they|he|she|bank|app|system|site|website|team|card issuer|issuer|we've|I've|we'll|I'll|they'll|it'll)"
        r"(?:\s+(?:will|would|can|may|might|should|shall|must|did|do|does|have|has|had|are|is|was|were|also|then|now|"
        r"automatically|just|already|only|usually|normally|always|never|'ll))*"
        r"|\b(?:asked|prompted|required|requested|be able) to)\s+$",
        re.IGNORECASE,
    )
    return ask, negated, other_subject, recache.compile(rf"{qualifier}{secret}$", re.IGNORECASE)


@functools.cache
def _to_anyone() -> re.Pattern[str]:
    # "... your PIN with anyone", "... your password to no one": a warning, not an ask.
    return recache.compile(r"(?i)[^.!?\n]{0,40}?\b(?:anyone|anybody|no one|nobody|third part)")


def _sentence_start(doc: Document, offset: int) -> int:
    for sentence in doc.sentences:
        if sentence.span.start <= offset < sentence.span.end:
            return sentence.span.start
    return max(doc.prose.rfind("\n", 0, offset) + 1, 0)


@rule(
    id="privacy-asks-secret",
    category="privacy",
    severity="warning",
    summary="The reply asks the customer for a password, PIN, card security code or one-time code.",
    rationale=(
        "Support never needs a customer's password, PIN, CVV or one-time code, nor a full card "
        "number, and asking for one teaches customers to hand secrets to anyone who writes like "
        "support, which is how phishing works. Ask for something that identifies the account "
        "without unlocking it (the e-mail address, the last four digits of the card) or send the "
        "customer to the secure reset page. Warnings ('we will never ask for your password') and "
        "instructions to enter a code in the app are not reported."
    ),
    bad=[
        "Please send us your password so we can check the account.",
        "Could you reply with your full card number and the CVV?",
        "What is the one-time code we just texted you?",
    ],
    good=[
        "We will never ask you for your password.",
        "You can reset your password here: https://example.com/reset",
        "Enter the code we sent you in the app to finish signing in.",
        "Please DM us the email address on the account and the last 4 digits of the card.",
    ],
)
def asks_secret(doc: Document) -> Iterator[Finding]:
    ask, negated, other_subject, named = _secret_patterns()
    text = doc.prose
    for m in ask.finditer(text):
        start = _sentence_start(doc, m.start())
        before = text[start : m.start()]
        if negated.search(before) or _to_anyone().match(text, m.end()):
            continue
        if other_subject.search(before):
            continue
        asked = doc.text(Span(m.start(), m.end()))
        secret = named.search(asked)
        what = secret.group() if secret else "a secret"
        yield Finding(
            Span(m.start(), m.end()),
            f"'{asked}' asks the customer for their {what}, which support must never ask for",
            suggestion=(
                "Ask for something that identifies the account without unlocking it (the e-mail address, "
                "the last 4 digits of the card), or link to the secure reset page."
            ),
        )


RULES: tuple[Rule, ...] = (asks_secret, card_number, national_id, account_number)
