"""Needs: what a token's matches must contain, found from its parsed pattern, to skip it on drafts without it.

A need backs up the word gate (tests/test_gates.py): the most selective one stands in for a
missing gate, and a token runs only where the text has its gate word and every need. Like a
gate, a need may skip work but never a match, so every need of every first-party token is
checked against every test draft.
"""

from __future__ import annotations

import functools
import re

import pytest
from helpers import all_drafts, first_party_token_sets

from replylint import tokens
from replylint.formats import parse
from replylint.tokens import DIGIT, REGEX, TokenSet, need, needs


@pytest.mark.parametrize(
    ("token", "ignorecase", "expected"),
    [
        (r"(?:the\s+|our\s+|a\s+)KB(?:\sarticles?)?|KB\s+articles?", False, (REGEX + "KB", REGEX + r"KB\s+article")),
        (r"CX", False, (REGEX + "CX",)),  # capitals, as written
        (r"\d{1,2}:\d\d\s*(?:am|pm)?", True, (DIGIT,)),
        (r"(?<=[,-]\s)100\s*%", True, ("100",)),
        (r"you(?:'re|\s+are|\s+were)\s+the\s+one\s+(?:who|that)", True, ("the one who", "the one that")),
        (r"you(?:'ll|\s+will)\s+be\s+fine", True, ("be fine",)),  # white space is one space
        (r"[a-z]+\.(?:com|net|org)", True, (".com", ".net", ".org")),  # a literal run joined to a group
        (r"(?<![#@])[A-Z]{4,}", False, (REGEX + "[A-Z]{4}",)),
        (r"(?:the|our)\s+(?-i:QA)\s+team", True, (REGEX + "QA",)),  # capitals where case matters
        (r"(?:a|b)\s*c", True, None),  # nothing of two characters or more
        (r"(?:I|we)\s+will", True, None),  # "will" is a common word
    ],
)
def test_need_extraction(token: str, ignorecase: bool, expected: tuple[str, ...] | None) -> None:
    assert need(token, re.IGNORECASE if ignorecase else 0) == expected


def test_white_space_in_the_text_is_one_space_for_needs() -> None:
    words = TokenSet([r"\bthe\s+one\s+who\b"], [None], True, True)
    assert [m.group() for m in words.finditer("You're the\n  one who knows.")] == ["the\n  one who"]
    assert list(words.finditer("The one, who knows.")) == []


def test_a_token_whose_need_is_missing_is_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tokens, "_MANY_TEXTS", -1)  # needs are used once a run has linted a few texts
    words = TokenSet([r"\bKB\d+\b", r"\b\w+ly\b"], [None, None], False, True)
    compiled: list[int] = []
    real = TokenSet._pattern
    monkeypatch.setattr(TokenSet, "_pattern", lambda self, i: compiled.append(i) or real(self, i))
    assert [m.group() for m in words.finditer("Sadly no article.")] == ["Sadly"]
    assert compiled == [1]  # KB\d+ needs "KB" and a digit: never compiled for this text
    assert [m.group() for m in words.finditer("See KB42, sadly.")] == ["KB42", "sadly"]


def test_a_first_draft_is_linted_without_working_out_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Finding a need parses the pattern: a one-draft run would pay more for it than it saves."""
    monkeypatch.setattr(tokens, "_vocabulary", functools.cache(tokens._Vocabulary))

    def no_need(source: str, flags: int) -> None:
        raise AssertionError("a need was worked out")

    monkeypatch.setattr(tokens, "need", no_need)
    tokens._text.cache_clear()
    words = TokenSet([r"\bKB\d+\b", r"\byou\s+are\s+the\s+one\b"], [None, ("you",)], False, True)
    assert [m.group() for m in words.finditer("KB12: you are the one")] == ["KB12", "you are the one"]


@pytest.mark.parametrize("built", [False, True])
def test_the_words_a_text_has_are_found_by_the_automaton_or_one_by_one(built: bool) -> None:
    vocabulary = tokens._Vocabulary()
    words = ("the one who", "nonrefundable", "refund", "kb", "n't", "429 error", "e-mail", "sorry", "abc")
    for word in words[:5]:
        vocabulary.bit(word)
    if built:  # the rest are pending: looked for one by one until the automaton is rebuilt
        vocabulary._build()
    for word in words[5:]:
        vocabulary.bit(word)
    found = vocabulary.search(
        tokens.normalized("Sorry, it's NON-refundable; the   one who can't: 429 Error. E-mail us.")
    )
    assert bool(vocabulary.pending) is built
    assert {word for word, bit in vocabulary.bits.items() if found & bit} == {
        "the one who",
        "refund",
        "n't",
        "429 error",
        "e-mail",
        "sorry",
    }


def test_the_automaton_is_rebuilt_once_enough_words_are_pending() -> None:
    vocabulary = tokens._Vocabulary()
    vocabulary.bit("sorry")
    vocabulary.search("sorry")
    for i in range(tokens._REBUILD_WORDS):
        vocabulary.bit(f"word{i}")
    assert len(vocabulary.pending) == tokens._REBUILD_WORDS
    found = vocabulary.search("sorry about word7")
    assert not vocabulary.pending
    assert found == vocabulary.bits["sorry"] | vocabulary.bits["word7"]


def test_words_added_while_a_text_is_linted_are_looked_for_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tokens, "_vocabulary", functools.cache(tokens._Vocabulary))
    monkeypatch.setattr(tokens, "_MANY_TEXTS", -1)
    tokens._text.cache_clear()  # what other tests' vocabularies found
    text = "Please revert at your earliest convenience."
    first = TokenSet([r"\bplease\s+revert\b"], [("revert",)], True, True)
    assert [m.group() for m in first.finditer(text)] == ["Please revert"]
    later = TokenSet([r"\bearliest\s+convenience\b"], [("convenience",)], True, True)  # a new word
    assert [m.group() for m in later.finditer(text)] == ["earliest convenience"]


def test_needs_never_hide_a_match() -> None:
    """Every need of every first-party token (not just the most selective): a draft without it has no match."""
    texts = [parse(text, fmt).prose for text, fmt in all_drafts()]
    lowered = [tokens.normalized(text) for text in texts]
    having: dict[str, set[int]] = {}  # need string -> the texts that have it

    def texts_with(needed: str) -> set[int]:
        if needed not in having:
            if needed.startswith(REGEX):
                search = re.compile(needed[len(REGEX) :]).search
                having[needed] = {i for i, text in enumerate(texts) if search(text)}
            else:
                having[needed] = {i for i, text in enumerate(lowered) if needed in text}
        return having[needed]

    skipped = 0
    checked = 0
    seen: set[tuple[str, int]] = set()
    for token_set in first_party_token_sets():
        for source in token_set.sources:
            if (source, token_set.flags) in seen:
                continue
            seen.add((source, token_set.flags))
            search = re.compile(source, token_set.flags).search
            for found in needs(source, token_set.flags):
                checked += 1
                have = set().union(*(texts_with(n) for n in found))
                for i, text in enumerate(texts):
                    if i not in have:
                        skipped += 1
                        assert search(text) is None, f"need {found} of {source!r} hides a match in {text!r}"
    assert checked > 1.5 * len(seen)  # many tokens have several needs
    assert skipped > 1_000_000  # needs do skip most of these tokens on most drafts


def test_a_token_runs_only_where_the_text_has_all_its_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tokens, "_MANY_TEXTS", -1)
    words = TokenSet([r"\b(?:we|I)\s+will\s+refund\s+(?:you|it)\s+today\b"], [("refund",)], True, True)
    assert needs(words.sources[0], words.flags) == (("will refund you", "will refund it"), ("will refund",), ("today",))
    compiled: list[int] = []
    real = TokenSet._pattern
    monkeypatch.setattr(TokenSet, "_pattern", lambda self, i: compiled.append(i) or real(self, i))
    assert list(words.finditer("We will refund you. We will call tomorrow.")) == []
    assert compiled == []  # its gate word "refund" is there but "today" is not: never compiled nor run
    assert [m.group() for m in words.finditer("We will refund you today.")] == ["We will refund you today"]


def test_a_sentence_of_a_long_text_is_gated_by_its_own_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """In a long text, a search between two offsets runs only the tokens that part's words let
    run (else every sentence of a huge file would run every token): no token that matches there
    may be left out. Needs never come from a lookbehind, whose text may lie before the part."""
    monkeypatch.setattr(tokens, "_MANY_TEXTS", -1)
    doc = parse("\n\n".join(text for text, fmt in all_drafts() if fmt == "plain"))
    text = doc.prose
    assert len(text) > 20 * tokens._WINDOW_TEXT
    parts = [s.span for s in doc.sentences[::7]]
    checked = 0
    for token_set in first_party_token_sets():
        patterns = [re.compile(source, token_set.flags) for source in token_set.sources]
        for part in parts:
            active = set(token_set._active(tokens._searched(text, part.start, part.end)))
            for index, pattern in enumerate(patterns):
                if index not in active:
                    checked += 1
                    assert pattern.search(text, part.start, part.end) is None, (
                        f"{token_set.sources[index]!r} matches in {text[part.start : part.end]!r} but was not run"
                    )
    assert checked > 5_000  # tokens left out of some part


@pytest.mark.parametrize("indexed", [False, True])
def test_a_sentence_of_a_short_text_runs_only_tokens_whose_words_it_has(
    monkeypatch: pytest.MonkeyPatch, indexed: bool
) -> None:
    """Searches bounded to one sentence of a short draft leave out tokens whose gate words the
    sentence lacks (`TokenSet._narrowed`): no token that matches in the sentence may be left out,
    word by word (a run's first drafts) or by the shared vocabulary's bits."""
    monkeypatch.setattr(tokens, "_MANY_TEXTS", -1 if indexed else 10**9)
    checked = 0
    docs = [parse(text, fmt) for text, fmt in all_drafts(held_out=False) if len(text) < tokens._WINDOW_TEXT]
    for token_set in first_party_token_sets():
        if not indexed:
            monkeypatch.setattr(token_set, "_index", None)
        patterns = [re.compile(source, token_set.flags) for source in token_set.sources]
        for doc in docs:
            text = doc.prose
            active = token_set._active(text)
            for sentence in doc.sentences:
                start, end = sentence.span
                if len(active) < 2 or (end - start) * 2 > len(text):
                    continue
                kept = set(token_set._narrowed(text, start, end, active))
                for index in set(active) - kept:
                    checked += 1
                    assert patterns[index].search(text, start, end) is None, (
                        f"{token_set.sources[index]!r} matches in {text[start:end]!r} but was left out"
                    )
    assert checked > 5_000  # tokens left out of some sentence


def test_needs_come_from_lookaheads_not_lookbehinds() -> None:
    assert need(r"(?<=\brefunded\s)\d+", re.IGNORECASE) == (DIGIT,)  # not "refunded": it may lie before the part
    assert need(r"(?:it|this)\s+(?=will\s+be\s+refunded)", re.IGNORECASE) == ("will be refunded",)
