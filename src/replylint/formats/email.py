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
    # Each pattern is run only on a text with the characters it needs (most drafts have no
    # quote marks, no ">" and no e-mail header): a pattern tried at every position costs more.
    regions = []
    if ">" in text:
        regions += [Region(RegionKind.QUOTE, Span(m.start(), m.end())) for m in quoted_line.finditer(text)]
    if '"' in text or "“" in text:
        regions += [Region(RegionKind.QUOTE, Span(m.start(), m.end())) for m in inline.finditer(text)]
    body_start, body_end = 0, len(text)
    headers = "wrote:" in text or "Original Message" in text or "From:" in text
    for match in history.finditer(text) if headers else ():
        if match.start() < body_start:
            continue
        end = _quoted_block_end(text, match.end())
        regions.append(Region(RegionKind.QUOTE, Span(match.start(), end)))
        if end == len(text):
            body_end = match.start()
            break
        body_start = end  # a reply written below the quoted message: the body starts after it
    sig = signature.search(text, body_start, body_end)
    if sig:
        regions.append(Region(RegionKind.SIGNATURE, Span(sig.start(), body_end)))
    elif (short := signoff.search(text, max(body_start, body_end - 40), body_end)) is not None:
        regions.append(Region(RegionKind.SIGNATURE, Span(short.start(), short.end())))
    return regions


def _quoted_block_end(text: str, start: int) -> int:
    """Where the history that starts with a header ending at `start` ends.

    After "On ... wrote:" followed by `>` lines, unquoted text that comes next
    is a reply written below the quote; any other history runs to the end.
    """
    pos, seen_quote = start, False
    while pos < len(text):
        newline = text.find("\n", pos)
        line_end = len(text) if newline == -1 else newline
        line = text[pos:line_end].strip()
        if line.startswith(">"):
            seen_quote = True
        elif line and pos > start:
            return pos if seen_quote else len(text)
        pos = line_end + 1
    return len(text)
