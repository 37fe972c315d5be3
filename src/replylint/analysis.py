"""Text analysis shared by rules: sentences, words and readability, over prose only.

Everything here works on `Document.masked`, so quoted text, placeholders, code
and signatures never count, and offsets stay offsets into the source.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from replylint.document import Document, Span


class Sentence(NamedTuple):
    span: Span
    text: str  # the masked text of the sentence


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # A sentence ends at . ! ? (and closing quotes/brackets) followed by white space,
    # or at a blank line / a line break after a line that looks complete.
    end = re.compile(
        r"""(?<!e\.g)(?<!i\.e)(?<!\betc)(?<!\bMrs)(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bvs)(?<!\bNo)(?<!\bno)[.!?…]+["'”’)\]]*(?=\s)|\n[ \t]*\n+|\n(?=[ \t]*(?:[-*•]|\d+[.)])\s)|\n(?=[ \t]*[A-Z][\w ]{0,30}:[ \t])"""
    )
    word = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
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
    return _patterns()[1].findall(text)


# Token boundaries: not inside a word, and not an agent's sign-off such as "^CX" or "/CX".
WORD_START = r"(?<![\w/^-])"
WORD_END = r"(?![\w-])"


def flexible_spaces(pattern: str) -> str:
    """Let each literal space in a phrase pattern match any run of white space (line wraps).

    Spaces inside a character class or after a backslash are left alone.
    """
    out, in_class, escaped, i = [], False, False, 0
    while i < len(pattern):
        char = pattern[i]
        i += 1
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        elif char == " " and not in_class:
            # "a ?b" and "a *b" make the space optional; "a +b" is the same as "a b".
            optional = i < len(pattern) and pattern[i] in "?*"
            i += i < len(pattern) and pattern[i] in "?*+"
            char = r"\s*" if optional else r"\s+"
        out.append(char)
    return "".join(out)


def phrase_pattern(alternatives: list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One pattern for phrase alternatives, word-bounded, spaces matching any white space."""
    body = "|".join(f"(?:{flexible_spaces(a)})" for a in alternatives)
    return re.compile(rf"{WORD_START}(?:{body}){WORD_END}", flags)


_VOWELS = re.compile(r"[aeiouy]+")


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
    ws = words(text)
    if not ws or sentence_count < 1:
        return 0.0
    syl = sum(syllables(w) for w in ws)
    return 0.39 * len(ws) / sentence_count + 11.8 * syl / len(ws) - 15.59
