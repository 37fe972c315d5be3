"""Text analysis shared by rules: sentences, words and readability, over prose only.

Everything here works on `Document.masked`, so quoted text, placeholders, code
and signatures never count, and offsets stay offsets into the source.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from replylint import recache
from replylint.document import Document, Span

if TYPE_CHECKING:
    from replylint.tokens import TokenSet


class Sentence(NamedTuple):
    span: Span
    text: str  # the masked text of the sentence


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # A sentence ends at . ! ? (and closing quotes/brackets) followed by white space,
    # or at a blank line / a line break after a line that looks complete.
    # Each alternative starts with the character it needs, so the engine rejects most
    # positions at once; the abbreviation checks look back from after the first mark
    # ("e.g" then a mark), which is the same as looking back from the mark.
    mark = "[.!?…]"
    no_abbreviation = "".join(
        f"(?<!{a}{mark})"
        for a in (r"e\.g", r"i\.e", r"\betc", r"\bMrs", r"\bMr", r"\bMs", r"\bDr", r"\bvs", r"\bNo", r"\bno")
    )
    # Inside a run of marks ("!!!!") only the first two positions can end a sentence (a later
    # one follows the same run to the same place, and no abbreviation ends in a mark): the
    # look-behind skips the rest, and the possessive runs never give back (a shorter run is
    # followed by a mark, not white space), so a long run costs its length, not its square.
    end = recache.compile(
        rf"""(?<!{mark}{mark}){mark}{no_abbreviation}{mark}*+["'”’)\]]*+(?=\s)"""
        r"""|\n[ \t]*\n+|\n(?=[ \t]*(?:[-*•]|\d+[.)])\s)|\n(?=[ \t]*[A-Z][\w ]{0,30}:[ \t])"""
    )
    word = recache.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
    return end, word


def sentences(doc: Document) -> list[Sentence]:
    end, _ = _patterns()
    text = doc.prose
    out: list[Sentence] = []
    start = 0
    for match in end.finditer(text):
        _add(out, text, start, match.end())
        start = match.end()
    _add(out, text, start, len(text))
    return out


def _add(out: list[Sentence], text: str, start: int, stop: int) -> None:
    chunk = text[start:stop]
    stripped = chunk.strip()
    if not stripped or not any(c.isalnum() for c in stripped):
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = start + lead
    e = s + len(stripped)
    out.append(Sentence(Span(s, e), text[s:e]))


def words(text: str) -> list[str]:
    return list(_words(text))


def word_count(text: str) -> int:
    return len(_words(text))


@functools.lru_cache(maxsize=64)  # the metric rules count the same reply and sentences several times
def _words(text: str) -> tuple[str, ...]:
    return tuple(_patterns()[1].findall(text))


# Token boundaries: not inside a word, and not an agent's sign-off such as "^CX" or "/CX". A combining
# accent (U+0300-U+036F: how a decomposed "á" is written, "a" and U+0301) after the last letter
# belongs to its word: "SLA" is not a match in a decomposed "SLÁ", nor "PIN" in "PIÑA". (Its class is
# outside the case-insensitive part: re's compiler folds each character of a range in one, 0.2 ms a
# token on a run without the pattern cache; outside, 0.03 ms.)
WORD_START = r"(?<![\w/^-])"
WORD_END = r"(?![\w-]|(?-i:[\u0300-\u036f]))"


def phrase_regex(pattern: str) -> re.Pattern[str]:
    """A case-insensitive pattern whose spaces match any white space (line wraps), compiled
    through the pattern cache."""
    return recache.compile(flexible_spaces(pattern), re.IGNORECASE)


def flexible_spaces(pattern: str) -> str:
    """Let each literal space in a phrase pattern match any run of white space (line wraps).

    "a ?b" and "a *b" make the space optional; spaces inside a character class or after a
    backslash are left alone.
    """
    from replylint import recache

    return recache.memo("spaces", pattern, lambda p: _space_pattern().sub(_space, p))


def _space_pattern() -> re.Pattern[str]:
    return recache.compile(r"\\.|\[\^?\]?(?:\\.|[^\]])*\]| [?*+]?", re.DOTALL)


def _space(match: re.Match[str]) -> str:
    text = match.group()
    if text[0] != " ":
        return text  # an escape or a class, unchanged
    return r"\s*" if text[1:] in ("?", "*") else r"\s+"


def phrase_pattern(alternatives: Sequence[str], flags: int = re.IGNORECASE, trusted: bool = True) -> TokenSet:
    """Phrase alternatives as a token set: word-bounded, spaces matching any white space,
    each alternative compiled only when the text contains a word it needs (see replylint.tokens).

    Built-in rules and first-party packs are `trusted`; other packs' tokens are compiled at
    once with the `regex` module and matched with a time limit.
    """
    from replylint import recache
    from replylint.tokens import TokenSet

    # One cache entry per token list, not two per token: a one-draft run builds every rule.
    sources, gates = recache.memo("phrase", "\x00".join(alternatives), _phrase_parts)
    return TokenSet(sources, gates, bool(flags & re.IGNORECASE), trusted)


def _phrase_parts(joined: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...] | None, ...]]:
    from replylint.tokens import gate

    alternatives = joined.split("\x00")
    sources = tuple(f"{WORD_START}(?:{flexible_spaces(a)}){WORD_END}" for a in alternatives)
    return sources, tuple(gate(a) for a in alternatives)


def is_thread_fragment(doc: Document) -> bool:
    """A social-media reply split over several posts ("... 1/2", "(2/3) ..."): the rest is elsewhere.

    Worked out once per document (the missing-apology and missing-step rules both ask)."""
    return doc.derived(_thread_fragment)


def _thread_fragment(doc: Document) -> bool:
    text = doc.source
    start, end = _fragment_patterns()
    if start.match(text):
        return True
    # The ending needs "1/2", "..." or "…": most texts have none of them, and then the
    # pattern (tried at every position) need not run.
    return ("/" in text or "..." in text or "…" in text) and end.search(text) is not None


@functools.cache
def _fragment_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return (
        recache.compile(r"\s*\(?\d/\d\)?"),  # at the start: "(2/3) ..."
        # at the end: "... 1/2" (searched: the start set lets the engine skip to "(", digits and dots)
        recache.compile(r"(?:\(?\b\d/\d\)?|\.\.\.|…)\W*(?:[\^*/-]\s?\w{1,12})?\s*$"),
    )


_VOWELS = re.compile(r"[aeiouy]+")


@functools.lru_cache(maxsize=4096)  # words repeat from reply to reply
def syllables(word: str) -> int:
    """Heuristic English syllable count: vowel groups, less a silent final e."""
    w = word.lower().strip("'’.-")
    if not w:
        return 0
    if len(w) <= 3:
        return 1
    count = len(_VOWELS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    if w.endswith(("ed", "es")) and not w.endswith(("ted", "ded", "ses", "zes", "ces", "ges")) and count > 1:
        count -= 1
    return max(1, count)


def grade_level(text: str, sentence_count: int) -> float:
    """Flesch-Kincaid grade level, computed offline from a syllable heuristic."""
    ws = _words(text)
    if not ws or sentence_count < 1:
        return 0.0
    syl = sum(map(syllables, ws))
    return 0.39 * len(ws) / sentence_count + 11.8 * syl / len(ws) - 15.59
