"""Token sets: phrase patterns compiled one token at a time, only when the draft could match.

Compiling regular expressions is most of what a one-draft run costs: the rule
packs hold thousands of characters of patterns, and Python compiles them in
pure Python. A `TokenSet` keeps each token's pattern apart, with a *gate*: a
set of lower-case words one of which every match must contain. A token whose
gate words are all missing from the draft is never compiled nor run. Gates
come from a cheap scan of the token's text (literal words outside groups and
classes, or a group of plain alternatives), never from a parse, and a token
with no gate found is always run, so a gate can skip work but never a match
(tests/test_gates.py checks that on every first-party token).

Matches from the tokens are merged like one alternation would report them:
left to right, earlier tokens first at the same start, never overlapping.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

MATCH_TIMEOUT = 2.0  # seconds per token per text, for untrusted (user) patterns


class TokenSet:
    """`tokens` are regular-expression sources; `wrap` adds the word boundaries around each.

    Trusted (first-party) tokens use `re`, compiled on first use. Untrusted tokens use the
    `regex` module, compiled at once (so a bad one fails at load time) and matched with a
    time limit.
    """

    __slots__ = ("sources", "gates", "flags", "trusted", "_compiled", "_lowered")

    def __init__(
        self, sources: Sequence[str], gates: Sequence[tuple[str, ...] | None], ignorecase: bool, trusted: bool
    ) -> None:
        self.sources, self.gates, self.trusted = tuple(sources), tuple(gates), trusted
        engine = engine_for(trusted)
        self.flags = engine.IGNORECASE if ignorecase else 0
        self._compiled: list[Any] = [None] * len(self.sources)
        if not trusted:
            self._compiled = [engine.compile(s, self.flags) for s in self.sources]
        self._lowered: tuple[str, str] | None = None  # (text, text.lower()) for the last text seen

    def _active(self, text: str) -> list[int]:
        if self._lowered is None or self._lowered[0] is not text:
            self._lowered = (text, text.lower())
        lowered = self._lowered[1]
        return [i for i, gate in enumerate(self.gates) if gate is None or any(w in lowered for w in gate)]

    def _pattern(self, index: int) -> Any:
        compiled = self._compiled[index]
        if compiled is None:
            from replylint import recache

            compiled = self._compiled[index] = recache.compile(self.sources[index], self.flags)
        return compiled

    def finditer_indexed(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[tuple[int, Any]]:
        """(token index, match) pairs, left to right, not overlapping."""
        end = len(text) if endpos is None else endpos
        found = []
        for index in self._active(text):
            pattern = self._pattern(index)
            matches = (
                pattern.finditer(text, pos, end)
                if self.trusted
                else pattern.finditer(text, pos, end, timeout=MATCH_TIMEOUT)
            )
            found += [(m.start(), index, m) for m in matches]
        if len(self._compiled) == 1 or len(found) <= 1:
            yield from ((i, m) for _, i, m in found)
            return
        cursor = pos
        for start, index, match in sorted(found, key=lambda f: (f[0], f[1])):
            if start >= cursor:
                yield index, match
                cursor = max(match.end(), start + 1)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        return (m for _, m in self.finditer_indexed(text, pos, endpos))

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        end = len(text) if endpos is None else endpos
        best = None
        for index in self._active(text):
            pattern = self._pattern(index)
            m = (
                pattern.search(text, pos, end)
                if self.trusted
                else pattern.search(text, pos, end, timeout=MATCH_TIMEOUT)
            )
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        return best


def engine_for(trusted: bool) -> Any:
    """The regular-expression module for trusted (`re`) or untrusted (`regex`) patterns."""
    if trusted:
        import re

        return re
    import regex

    return regex


# Words so common that a gate made of them skips almost nothing.
_COMMON = frozenset(
    """the and you your our for are was were will can that this with have has had not but any all
    been get got one out now its it's let just they them their there here from what when how who
    about into over more some than then also would could should may might must did does don't
    per yes very""".split()
)


def _lexemes(token: str) -> list[str]:
    """The token cut into escapes, classes, group openers, ")", "|", quantifiers, words and other characters."""
    return _lexeme_pattern().findall(token)


def _lexeme_pattern() -> re.Pattern[str]:
    return re.compile(
        r"\\.|\[\^?\]?(?:\\.|[^\]])*\]|\(\?:|\(\?<?[=!]|\(\?|[()|]|\{[^}]*\}|[?*+]|[A-Za-z']+|.", re.DOTALL
    )


def gate(token: str) -> tuple[str, ...] | None:
    """Words one of which every match of `token` contains (lower case), or None if none is found.

    Mandatory literal words outside groups, and mandatory groups whose every alternative has a
    gate, are the candidates; the best is the one made of the least common, longest words.
    Letters a quantifier makes optional, lookarounds and classes never count.
    """
    from replylint import recache

    return recache.memo("gate", token, lambda t: _gate(_lexemes(t)))


def _gate(lexemes: list[str]) -> tuple[str, ...] | None:
    alternatives = _split_top(lexemes)
    if len(alternatives) > 1:
        parts = [_gate(a) for a in alternatives]
        if any(p is None for p in parts):
            return None
        return tuple(dict.fromkeys(w for p in parts for w in p))  # type: ignore[union-attr]
    candidates: list[tuple[str, ...]] = []
    i, n = 0, len(lexemes)
    while i < n:
        lexeme = lexemes[i]
        following = lexemes[i + 1] if i + 1 < n else ""
        optional = following[:1] in ("?", "*") or following.startswith("{")
        if lexeme[0] == "(":
            close = _matching_paren(lexemes, i)
            if close is None:
                return None
            after = lexemes[close + 1] if close + 1 < n else ""
            group_optional = after[:1] in ("?", "*") or after.startswith("{")
            if lexeme in ("(", "(?:") and not group_optional:
                sub = _gate(lexemes[i + 1 : close])
                if sub is not None:
                    candidates.append(sub)
            i = close + 1
            continue
        if lexeme[0].isalpha() or lexeme[0] == "'":
            word = lexeme.lower()[:-1] if optional else lexeme.lower()
            candidates.extend((w,) for w in word.split("'") if len(w) >= 3)
        i += 1
    if not candidates:
        return None
    return max(candidates, key=_rarity)


def _rarity(words: tuple[str, ...]) -> tuple[bool, int, int]:
    return (not any(w in _COMMON for w in words), min(len(w) for w in words), -len(words))


def _split_top(lexemes: list[str]) -> list[list[str]]:
    """The lexemes split at the "|" that are outside groups."""
    parts: list[list[str]] = []
    current: list[str] = []
    depth = 0
    for lexeme in lexemes:
        if lexeme[0] == "(":
            depth += 1
        elif lexeme == ")":
            depth -= 1
        elif lexeme == "|" and depth == 0:
            parts.append(current)
            current = []
            continue
        current.append(lexeme)
    parts.append(current)
    return parts


def _matching_paren(lexemes: list[str], i: int) -> int | None:
    depth = 0
    for j in range(i, len(lexemes)):
        if lexemes[j][0] == "(":
            depth += 1
        elif lexemes[j] == ")":
            depth -= 1
            if depth == 0:
                return j
    return None
