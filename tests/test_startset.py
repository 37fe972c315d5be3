"""Start sets: the engine's search loop skips positions where no match can start, never a match.

`replylint.startset` writes the characters a match can start with into each compiled
program (see its docstring). A wrong set would silently lose findings, so the sets of
tricky patterns are pinned here, and every first-party pattern is run both ways, with
and without its start set, over every rule case and dev-set draft: the matches must be the same.
"""

from __future__ import annotations

import re
import string

import pytest
from helpers import all_drafts, first_party_token_sets

from replylint import recache
from replylint.startset import ascii_starts, with_start_set

WORD = frozenset(string.ascii_letters + string.digits + "_")


@pytest.mark.parametrize(
    ("source", "flags", "expected"),
    [
        # the word-start look-behind is skipped; case folds both ways under IGNORECASE
        (r"(?<![\w/^-])(?:(?:our|my)\s+fault)(?![\w-])", re.IGNORECASE, frozenset("oOmM")),
        (r"(?<![\w/^-])(?:our|my)", 0, frozenset("om")),
        (r"(?-i:A)b", re.IGNORECASE, frozenset("A")),  # a scoped flag is honoured
        (r"(?i:a)B", 0, frozenset("aA")),
        (r"(?:very\s+)?soon", 0, frozenset("vs")),  # an optional part adds its start to the next one's
        (r"(?:a|)b", 0, frozenset("ab")),  # so does an alternative that can be empty
        (r"x*y+z", 0, frozenset("xy")),
        (r"(?=abc)\w", 0, WORD),  # a lookahead adds nothing: the class starts the match
        (r"(?<=\bper\s)s\.\s?\d", re.IGNORECASE, frozenset("sS")),
        (r"(?<!x)\d", 0, frozenset(string.digits)),
        (r"(?<!x)[^a]", 0, frozenset(chr(i) for i in range(128)) - {"a"}),
        (r"(?<!x).", 0, frozenset(chr(i) for i in range(128)) - {"\n"}),
        (r"(?<!x)(?>ab|c)", 0, frozenset("ac")),  # an atomic group
        (r"(?<!x)k", re.IGNORECASE, frozenset("kK")),  # the Kelvin sign is in every set (all of U+0080 up)
        (r"x*", 0, None),  # a match may be empty: nothing to skip
        (r"(?:x|)", 0, None),
        (r"(a)(?<!x)\1", 0, frozenset("a")),
        (r"(a)?(?(1)c|d)", 0, None),  # a conditional: not worked out
    ],
)
def test_start_sets(source: str, flags: int, expected: frozenset[str] | None) -> None:
    assert ascii_starts(source, flags) == expected


def _program(source: str, flags: int) -> tuple[list[int], list[int]]:
    from re import _compiler, _parser

    parsed = _parser.parse(source, flags)
    code = [int(c) for c in _compiler._code(parsed, flags)]
    return code, [int(c) for c in with_start_set(code, parsed, flags)]


def test_only_programs_without_a_prefix_or_charset_get_one() -> None:
    before, after = _program(r"(?<![\w-])(?:sorry)(?![\w-])", re.IGNORECASE)
    assert after != before and len(after) > len(before)
    for source in (r"sorry", r"[a-z]ly", r"x*", r"(a)?(?(1)c|d)"):  # the engine's own, or none
        before, after = _program(source, 0)
        assert after == before


def test_non_ascii_starts_are_never_skipped() -> None:
    pattern = recache.compile(r"(?<![\w/^-])(?:k\w+|sorry|istanbul)(?![\w-])", re.IGNORECASE)
    text = "\u212aelvin (Kelvin sign), \u017forry (long s), \u0130stanbul, SORRY"
    plain = re.compile(pattern.pattern, re.IGNORECASE)
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert len(plain.findall(text)) == 5


def _first_party_patterns() -> set[tuple[str, int]]:
    patterns = {(source, int(ts.flags)) for ts in first_party_token_sets() for source in ts.sources}
    # and every other pattern compiled through the cache so far (sentences, placeholders, formats...)
    patterns |= {key for key in recache._cache().load() if isinstance(key[1], int)}
    return patterns


def test_every_first_party_pattern_matches_as_re_compile_does() -> None:
    drafts = [text for text, _ in all_drafts(held_out=False)]  # the rule cases and the dev set: 144 KB
    text = "\n\n".join(drafts) + "\n\u212a \u017forry \u0130T \u00c9T\u00c9 \u00e9t\u00e9 caf\u00e9 na\u00efve \t\r\n"
    patterns = _first_party_patterns()
    assert len(patterns) > 800
    changed = 0
    for source, flags in sorted(patterns):
        before, after = _program(source, flags)
        if after == before:
            continue  # the engine's own program, as re.compile makes it
        changed += 1
        ours, plain = recache.compile(source, flags), re.compile(source, flags)
        assert [m.regs for m in ours.finditer(text)] == [m.regs for m in plain.finditer(text)], source
    assert changed > 600  # most rule tokens get a start set
