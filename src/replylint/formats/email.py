"""E-mail conventions in a reply: quoted history, signatures and quoted words.

Quoted text is the customer's (or an earlier message's), not the agent's, so
it is never linted as the agent's prose.
"""

from __future__ import annotations

import functools
import re

from replylint import recache
from replylint.document import Region, RegionKind, Span


@functools.cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    quoted_line = recache.compile(r"^[ \t]*>.*$", re.MULTILINE)
    # "On Mon, 3 Jun 2024 at 10:02, Ann <a@b.c> wrote:" (may wrap onto a second line),
    # Outlook's "-----Original Message-----" and "From: ... Sent: ..." headers.
    history = recache.compile(
        r"^[ \t]*(?:On\b[^\n]{0,200}(?:\n[^\n]{0,200})?\bwrote:[ \t]*$"
        r"|-{2,}\s*Original Message\s*-{2,}[ \t]*$"
        r"|From:[^\n]*\n(?:[^\n]*\n)?(?:Sent|Date):)",
        re.MULTILINE,
    )
    signature = recache.compile(r"^-- ?\r?$", re.MULTILINE)
    # Words in quotation marks within one paragraph: the customer's words or a label.
    inline = recache.compile(r"(?<!\d)\"[^\"\n]{1,300}\"|“[^“”\n]{1,300}”")
    # A sign-off after the last words, as on social-media replies: "^MA", "*TJM", "/CX", "- Sarah".
    signoff = recache.compile(r"(?:(?<=\s)|^)[\^*/~–-] ?[A-Z][\w.]{0,15}\s*$")
    return quoted_line, history, signature, inline, signoff


def email_regions(text: str) -> list[Region]:
    quoted_line, history, signature, inline, signoff = _patterns()
    regions = [Region(RegionKind.QUOTE, Span(m.start(), m.end())) for m in quoted_line.finditer(text)]
    regions += [Region(RegionKind.QUOTE, Span(m.start(), m.end())) for m in inline.finditer(text)]
    match = history.search(text)
    history_start = match.start() if match else len(text)
    if match:
        regions.append(Region(RegionKind.QUOTE, Span(match.start(), len(text))))
    sig = signature.search(text, 0, history_start)
    if sig:
        regions.append(Region(RegionKind.SIGNATURE, Span(sig.start(), history_start)))
    elif (short := signoff.search(text, max(0, history_start - 40), history_start)) is not None:
        regions.append(Region(RegionKind.SIGNATURE, Span(short.start(), short.end())))
    return regions
