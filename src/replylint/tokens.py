"""Token sets: phrase patterns compiled one token at a time, only when the draft could match.

Compiling regular expressions is most of what a one-draft run costs: the rule
packs hold thousands of characters of patterns, and Python compiles them in
pure Python. A `TokenSet` keeps each token's pattern apart, with a *gate*: a
set of lower-case words one of which every match must contain. A token whose
gate words are all missing from the draft is never compiled nor run. Gates
come from a cheap scan of the token's text (literal words outside groups and
classes, or a group of plain alternatives), never from a parse, and a token
with no gate found is always run, so a gate can skip work but never a match
(tests/test_gates.py checks that on every first-party token). Once a run has linted
a few drafts, first-party tokens also have *needs*, found by parsing the pattern:
strings one of each of which every match holds (a token runs only where the text
has its gate word and every rarer need; tests/test_needs.py).

Matches from the tokens are merged like one alternation would report them:
left to right, earlier tokens first at the same start, never overlapping.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple

MATCH_TIMEOUT = 2.0  # seconds per token per text, for untrusted (user) patterns
# A token that ran out of time once gets a tenth of that per text, and after MAX_TIMEOUTS it
# is not run again: one runaway pattern costs a run (a worker process) about 2.4 s, not 2 s a file.
MAX_TIMEOUTS = 3
TIMED_OUT_BEFORE = f"regex timed out on {MAX_TIMEOUTS} texts earlier in this run and is not run again"


class TokenSet:
    """`tokens` are regular-expression sources; `wrap` adds the word boundaries around each.

    Trusted (first-party) tokens use `re`, compiled on first use. Untrusted tokens use the
    `regex` module, compiled at once (so a bad one fails at load time) and matched with a
    time limit (see MATCH_TIMEOUT and MAX_TIMEOUTS).
    """

    __slots__ = (
        "sources",
        "gates",
        "flags",
        "trusted",
        "_compiled",
        "_index",
        "_last",
        "_timed_out",
    )

    def __init__(
        self, sources: Sequence[str], gates: Sequence[tuple[str, ...] | None], ignorecase: bool, trusted: bool
    ) -> None:
        self.sources, self.gates, self.trusted = tuple(sources), tuple(gates), trusted
        engine = engine_for(trusted)
        self.flags = engine.IGNORECASE if ignorecase else 0
        self._compiled: list[Any] = [None] * len(self.sources)
        if not trusted:
            self._compiled = [engine.compile(s, self.flags) for s in self.sources]
        self._index: _GateIndex | None = None  # built on first use
        self._last: tuple[str, Sequence[int]] | None = None  # (text, active tokens) for the last text seen
        self._timed_out: dict[int, int] = {}  # untrusted token -> how often it ran out of time

    def _active(self, text: str) -> Sequence[int]:
        """Tokens whose gate and needs let them run on `text`, in token order (remembered for the last text)."""
        last = self._last
        if last is not None and (last[0] is text or last[0] == text):  # the same reply again (a library)
            return last[1]
        vocabulary = _vocabulary()
        seen = _text(text)
        if vocabulary.texts <= _MANY_TEXTS:
            # The first drafts of a run (often the only one): each gate word is looked for as it
            # is. Indexing the words, and finding needs (a parse of each pattern), pays off
            # over many files, not for one draft.
            lowered = seen.lowered
            active: Sequence[int] = [
                i for i, gate in enumerate(self.gates) if gate is None or any(w in lowered for w in gate)
            ]
            self._last = (text, active)
            return active
        index = self._index
        if index is None:
            index = self._index = _gate_index(self.sources, self.gates, self.flags, self.trusted)
        bits = seen.words(vocabulary)
        hit = bits & index.mask  # one bit per word of this set that the text has
        ungated = index.ungated
        if index.regex:
            met = [i for pattern, needing in index.regex if seen.has(pattern) for i in needing]
            if met:
                ungated = sorted(set(ungated).union(met))
        if not hit:
            active = ungated
        else:
            found = []
            while hit:
                bit = hit & -hit
                found.append(index.tokens[bit])
                hit ^= bit
            if len(found) == 1 and not ungated:
                active = found[0]
            else:
                active = sorted(set(ungated).union(*found))
        if index.checks:  # the text must have each of the token's needs too, not just one word
            active = _passing(active, index.checks, bits, seen)
        self._last = (text, active)
        return active

    def could_match(self, text: str) -> bool:
        """Whether any token may match in `text` (False: none can, in it or in any part of it)."""
        return bool(self._active(text))

    def _pattern(self, index: int) -> Any:
        compiled = self._compiled[index]
        if compiled is None:
            from replylint import recache

            compiled = self._compiled[index] = recache.compile(self.sources[index], self.flags)
        return compiled

    def finditer_indexed(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[tuple[int, Any]]:
        """(token index, match) pairs, left to right, not overlapping."""
        end = len(text) if endpos is None else endpos
        active = self._candidates(text, pos, end)
        if not active:  # the usual case: no token can match this text
            return iter(())
        if len(active) == 1 and self.trusted:  # the next most usual: no merging to do
            index = active[0]
            return ((index, m) for m in self._pattern(index).finditer(text, pos, end))
        found: list[tuple[int, int, Any]] = []
        for index in active:
            pattern = self._pattern(index)
            if self.trusted:
                found += [(m.start(), index, m) for m in pattern.finditer(text, pos, end)]
            else:
                matches = self._limited(index, pattern.finditer, text, pos, end, many=True)
                found += [(m.start(), index, m) for m in matches]
        if len(self._compiled) == 1 or len(found) <= 1:
            return iter([(i, m) for _, i, m in found])
        out = []
        cursor = pos
        for start, index, match in sorted(found, key=lambda f: (f[0], f[1])):
            if start >= cursor:
                out.append((index, match))
                cursor = max(match.end(), start + 1)
        return iter(out)

    def _candidates(self, text: str, pos: int, end: int) -> Sequence[int]:
        """The tokens to run between `pos` and `end` of `text`, in token order."""
        active = self._active(_searched(text, pos, end))
        if len(active) >= _NARROW_TOKENS and end - pos < len(text):
            active = self._narrowed(text, pos, end, active)
        return active

    def _narrowed(self, text: str, pos: int, end: int, active: Sequence[int]) -> Sequence[int]:
        """For a part of a short text (a sentence, say): the active tokens whose gate words and needs the part has.

        Every match lies in the part and contains one of its token's gate words and a string of
        each of its needs, so a token missing one of them in the part cannot match there (REGEX
        needs are not looked for again: they count as met). (A long text's parts are
        gated by their own words already, see `_searched`.) Worth it only when several tokens
        would scan the part: one scan of a sentence costs about as much as this test.
        """
        if len(text) >= _WINDOW_TEXT or (end - pos) * 2 > len(text):
            return active
        part = normalized(text[pos:end])
        if self._index is None:  # the first drafts of a run: word by word (see _active)
            gates = self.gates
            return [i for i in active if (words := gates[i]) is None or any(w in part for w in words)]
        return _passing(active, self._index.checks, _vocabulary().search(part), None)

    def _limited(self, index: int, method: Callable[..., Any], text: str, pos: int, end: int, many: bool) -> Any:
        """Untrusted token `index`'s `method` (search, or finditer with `many`: a list) under the time limit."""
        timeouts = self._timed_out.get(index, 0)
        if timeouts >= MAX_TIMEOUTS:
            raise TimeoutError(TIMED_OUT_BEFORE)
        try:
            found = method(text, pos, end, timeout=MATCH_TIMEOUT if not timeouts else MATCH_TIMEOUT / 10)
            return list(found) if many else found  # finditer runs (and times out) while it is read
        except TimeoutError:
            self._timed_out[index] = timeouts + 1
            raise

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        return (m for _, m in self.finditer_indexed(text, pos, endpos))

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        end = len(text) if endpos is None else endpos
        best = None
        for index in self._candidates(text, pos, end):
            pattern = self._pattern(index)
            if self.trusted:
                m = pattern.search(text, pos, end)
            else:
                m = self._limited(index, pattern.search, text, pos, end, many=False)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        return best


def _searched(text: str, pos: int, end: int) -> str:
    """The text whose words decide which tokens run: a sentence of a long text, not all of it.

    Every match lies between `pos` and `end`, and so does every gate word and need it contains
    (needs come from the match and its lookaheads, never from a lookbehind). In a long text a
    sentence would otherwise run every token that any other sentence's words let run.
    """
    if len(text) < _WINDOW_TEXT or (end - pos) * 4 > len(text):
        return text
    return text[pos:end]


_WINDOW_TEXT = 4096  # characters: shorter texts are gated as a whole (most drafts)
_NARROW_TOKENS = 3  # active tokens from which a part of a short text is narrowed by its own words


class _Check(NamedTuple):
    """A token's needs as vocabulary bits: each a string the text must have, or a choice of them."""

    required: int  # needs of one word: the text must have every one of these bits
    choices: tuple[tuple[int, tuple[re.Pattern[str], ...]], ...]  # needs of several strings: a bit, or a REGEX found


def _passing(active: Sequence[int], checks: dict[int, _Check], bits: int, seen: _Text | None) -> list[int]:
    """The active tokens whose checks a text with `bits` meets (see `_meets`)."""
    return [i for i in active if (check := checks.get(i)) is None or _meets(check, bits, seen)]


def _meets(check: _Check, bits: int, seen: _Text | None) -> bool:
    """Whether a text with `bits` meets every need in `check` (REGEX needs are asked of `seen`,
    and taken as met without it)."""
    required, choices = check
    if bits & required != required:
        return False
    for mask, patterns in choices:
        if bits & mask:
            continue
        if not patterns:
            return False
        if seen is not None and not any(seen.has(p) for p in patterns):
            return False
    return True


class _GateIndex(NamedTuple):
    mask: int  # the bits (see _Vocabulary) of the words the set's tokens are filed under
    tokens: dict[int, tuple[int, ...]]  # a word's bit -> the tokens it lets run, in order
    ungated: list[int]  # tokens with neither a gate nor a need: always run
    regex: tuple[tuple[re.Pattern[str], tuple[int, ...]], ...]  # REGEX needs and the tokens they let run
    checks: dict[int, _Check]  # a token -> its gate and all its needs, checked once one of its words let it run


def _gate_index(
    sources: Sequence[str], gates: Sequence[tuple[str, ...] | None], flags: int, trusted: bool
) -> _GateIndex:
    """Each token is filed under its gate or its rarest word need, whichever is rarer (its most
    selective need when it has no gate): one of those words lets it run, if the text also has
    all its other needs (trusted tokens; an untrusted one has only its gate)."""
    from replylint import recache

    vocabulary = _vocabulary()
    tokens: dict[int, list[int]] = {}
    ungated = []
    regex: dict[str, list[int]] = {}
    checks: dict[int, _Check] = {}
    for i, (source, gate) in enumerate(zip(sources, gates, strict=True)):
        found = needs(source, flags) if trusted else ()
        # Only the rarer needs are checked: looking for a short one in every text costs more than it saves.
        more = [n for n in found if _weakest(n) >= _CHECKED_NEED]
        # Filed under its gate or its most selective need, whichever is rarer; a need that is a
        # pattern (capitals, digits) is searched for in every text, so a word is better.
        rarer = [n for n in more if not any(s.startswith(REGEX) for s in n)]
        if gate is not None or rarer:
            words = max(([gate] if gate is not None else []) + rarer, key=_weakest)
        else:
            words = max(found, key=_weakest, default=None)
        if words is None:
            ungated.append(i)
            continue
        for word in dict.fromkeys(words):
            if word.startswith(REGEX):
                regex.setdefault(word[len(REGEX) :], []).append(i)
            else:
                tokens.setdefault(vocabulary.bit(word), []).append(i)
        check = _check(vocabulary, list(dict.fromkeys((words, *more))))
        if check is not None:
            checks[i] = check
    mask = 0
    for bit in tokens:
        mask |= bit
    return _GateIndex(
        mask,
        {bit: tuple(found) for bit, found in tokens.items()},
        ungated,
        tuple((recache.compile(p), tuple(t)) for p, t in regex.items()),  # with start sets ("[A-Z]{4}")
        checks,
    )


_CHECKED_NEED = 3  # how selective (see _weakest) a need must be to be checked besides the first


def _check(vocabulary: _Vocabulary, needs_: Sequence[tuple[str, ...]]) -> _Check | None:
    from replylint import recache

    required = 0
    choices = []
    for strings in needs_:
        words = [s for s in strings if not s.startswith(REGEX)]
        patterns = tuple(recache.compile(s[len(REGEX) :]) for s in strings if s.startswith(REGEX))
        mask = 0
        for word in words:
            mask |= vocabulary.bit(word)
        if len(words) == 1 and not patterns:
            required |= mask
        else:
            choices.append((mask, patterns))
    return _Check(required, tuple(choices)) if required or choices else None


class _Vocabulary:
    """Every word the gates and needs of this process's token sets use, each with its own bit.

    Token sets share it, so a draft is searched once for all their words (see `_Text.words`);
    a token set then needs one AND of two integers to know which of its words the draft has.
    The search is one pass of an Aho-Corasick automaton over the text (pyahocorasick): every
    occurrence of every word, in C, however many words there are (3,000 for the first-party
    rules; looking for each one that could be there took ten times as long).
    """

    __slots__ = ("bits", "words", "automaton", "pending", "texts", "searches")

    def __init__(self) -> None:
        self.bits: dict[str, int] = {}
        self.words: list[tuple[str, int]] = []  # (word, bit), in the order of their bits
        self.automaton: Any = None  # of the words not pending, once there are any
        self.pending: list[tuple[str, int]] = []  # words added since the automaton was built
        self.texts = 0  # texts linted so far (see _text)
        self.searches = 0  # searches since the automaton was built

    def bit(self, word: str) -> int:
        bit = self.bits.get(word)
        if bit is None:
            bit = self.bits[word] = 1 << len(self.words)
            self.words.append((word, bit))
            self.pending.append((word, bit))
        return bit

    def search(self, lowered: str) -> int:
        """The bits of every word in `lowered` (`text` lower-cased, white space as one space)."""
        pending = self.pending
        if pending and (self.automaton is None or len(pending) >= _REBUILD_WORDS or self.searches >= _REBUILD_SEARCHES):
            self._build()  # about 1 ms: while token sets are still adding words, not for each one
            pending = self.pending
        self.searches += 1
        found = 0
        if self.automaton is not None:
            for _, bit in self.automaton.iter(lowered):
                found |= bit
        for word, bit in pending:
            if word in lowered:
                found |= bit
        return found

    def _build(self) -> None:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for word, bit in self.words:
            automaton.add_word(word, bit)
        automaton.make_automaton()
        self.automaton, self.pending, self.searches = automaton, [], 0


_REBUILD_WORDS = 16  # pending words that make the next search rebuild the automaton
_REBUILD_SEARCHES = 32  # or searches since the last build, while any word is pending


_MANY_TEXTS = 16  # texts linted before token sets look their words up in the shared vocabulary


@functools.cache  # one per process: see _Vocabulary
def _vocabulary() -> _Vocabulary:
    return _Vocabulary()


class _Text:
    """What the token sets have learnt about one text, shared while the draft is linted."""

    __slots__ = ("text", "lowered", "bits", "looked", "patterns")

    def __init__(self, text: str) -> None:
        self.text = text
        self.lowered = normalized(text)
        self.bits = 0  # the vocabulary words found in it
        self.looked = 0  # how many of the vocabulary's words were looked for
        # REGEX needs, by source (a pattern object hashes its whole program): found or not
        self.patterns: dict[str, bool] = {}

    def words(self, vocabulary: _Vocabulary) -> int:
        """The bits of the vocabulary's words in the text."""
        size = len(vocabulary.words)
        if self.looked < size:
            if self.looked == 0:
                self.bits = vocabulary.search(self.lowered)
            else:  # words added since (token sets built their indexes while the text was linted)
                for word, bit in vocabulary.words[self.looked :]:
                    if word in self.lowered:
                        self.bits |= bit
            self.looked = size
        return self.bits

    def has(self, pattern: re.Pattern[str]) -> bool:
        """Whether a REGEX need (always compiled without flags) is found in the text."""
        source = pattern.pattern
        found = self.patterns.get(source)
        if found is None:
            found = self.patterns[source] = pattern.search(self.text) is not None
        return found


@functools.lru_cache(maxsize=8)  # the few texts of the draft being linted, for every token set
def _text(text: str) -> _Text:
    _vocabulary().texts += 1
    return _Text(text)


def normalized(text: str) -> str:
    """`text` as gate words and needs are looked for in: lower case, each run of white space one
    space (none at either end: no gate word or need starts or ends with one)."""
    return " ".join(text.lower().split())  # str.split's white space is re's \s: str.isspace()


REGEX = "\x00"  # a need that starts with this is a pattern searched for in the text as it is
DIGIT = REGEX + r"\d"


def need(source: str, flags: int) -> tuple[str, ...] | None:
    """For a token that has no word gate: strings one of which every match needs, or None.

    Found from the parsed pattern, so it also sees what the word gate leaves out: short
    words, case-sensitive capitals ("KB", "QA", a run of four capitals), punctuation ("n't",
    ".com", "%"), digits, and the text a positive lookahead needs. A need is
    looked for in the lower-cased text like a gate word, except REGEX needs (capitals,
    digits), which are searched for in the text itself. None when nothing selective enough
    is found; then the token always runs. The most selective of `needs`.
    """
    found = needs(source, flags)
    return max(found, key=_weakest) if found else None


def needs(source: str, flags: int) -> tuple[tuple[str, ...], ...]:
    """Every need of a token that is selective enough: each match holds one string of each.

    A token runs on a text only if the text has its gate word and the rarer of these (for
    "we will refund you today", "will refund you" and "today"), not wherever one word is.
    """
    from replylint import recache

    return recache.memo(f"needs{_NEED_VERSION}-{int(flags)}", source, lambda text: _needs(text, flags))


_NEED_VERSION = 6  # part of the cache key: change it whenever _needs can give another answer


def _needs(source: str, flags: int) -> tuple[tuple[str, ...], ...]:
    try:
        from re import _parser

        parsed = _parser.parse(source, flags)
    except Exception:  # noqa: BLE001 - a private API that changed, or an odd pattern: no need found
        return ()
    found = _sequence_needs(list(parsed.data), bool(flags & re.IGNORECASE))
    return tuple(dict.fromkeys(n for n in found if _weakest(n) >= 2))


def _sequence_needs(items: list[Any], ignorecase: bool) -> list[tuple[str, ...]]:
    """Every need of the mandatory parts of a sequence of parsed items (all of them, however common)."""
    from re import _constants as c

    candidates: list[tuple[str, ...]] = []
    run: list[str] = []

    def flush() -> None:
        if run and "".join(run).strip(" "):
            candidates.append((_literal(run, ignorecase),))
        run.clear()

    for op, av in items:
        if op is c.LITERAL and _plain(av):
            run.append(chr(av))
            continue
        if _space(op, av, c):  # white space (\s+, a space): one space in the text needs are looked for in
            if run and run[-1] != " ":
                run.append(" ")
            continue
        if op is c.BRANCH:
            parts = [_sequence_needs(list(branch.data), ignorecase) for branch in av[1]]
            if all(parts):  # one need from each alternative: the most selective
                best = [max(p, key=_weakest) for p in parts]
                candidates.append(tuple(dict.fromkeys(n for p in best for n in p)))
            leads = [_leading_literal(list(branch.data), c) for branch in av[1]]
            if run and all(leads):  # "n" then (ot|'t|ever): not, n't, never
                candidates.append(tuple(dict.fromkeys(_literal(run + lead, ignorecase) for lead in leads)))
            flush()
            continue
        flush()
        if op is c.IN and _digits_only(av, c):
            candidates.append((DIGIT,))
        elif op is c.SUBPATTERN:
            inner = ignorecase
            if av[1] & re.IGNORECASE:
                inner = True
            if av[2] & re.IGNORECASE:
                inner = False
            candidates += _sequence_needs(list(av[3].data), inner)
        elif op is c.ASSERT and av[0] == 1:  # a positive lookahead: that text is in the text too
            # (not a lookbehind: its text may lie before the part of a text that is searched)
            candidates += _sequence_needs(list(av[1].data), ignorecase)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            body = list(av[2].data)
            if not ignorecase and av[0] >= 2 and _capitals_only(body, c):  # [A-Z]{4,}
                candidates.append((f"{REGEX}[A-Z]{{{min(av[0], 8)}}}",))
            else:
                candidates += _sequence_needs(body, ignorecase)
    flush()
    return candidates


def _plain(code: int) -> bool:
    char = chr(code)
    return char.isascii() and char.isprintable() and not char.isspace()


def _literal(chars: list[str], ignorecase: bool) -> str:
    """A need for literal text: lower case, or as it is when case matters and it has capitals.

    A space stands for any white space; one at either end is dropped.
    """
    text = re.sub(" +", " ", "".join(chars)).strip(" ")
    if ignorecase or text == text.lower():
        return text.lower()
    return REGEX + r"\s+".join(re.escape(part) for part in text.split(" "))


def _space(op: Any, av: Any, c: Any) -> bool:
    r"""\s, a literal white-space character, or one or more of either."""
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        body = list(av[2].data)
        return av[0] >= 1 and len(body) == 1 and _space(*body[0], c)
    if op is c.LITERAL:
        return chr(av).isspace()
    return (
        op is c.IN
        and bool(av)
        and all((o is c.CATEGORY and a is c.CATEGORY_SPACE) or (o is c.LITERAL and chr(a).isspace()) for o, a in av)
    )


def _leading_literal(items: list[Any], c: Any) -> list[str]:
    lead: list[str] = []
    for op, av in items:
        if op is c.LITERAL and _plain(av):
            lead.append(chr(av))
        elif _space(op, av, c):
            if not lead or lead[-1] != " ":
                lead.append(" ")
        else:
            break
    return lead if "".join(lead).strip(" ") else []


def _digits_only(members: list[Any], c: Any) -> bool:
    return bool(members) and all(
        (op is c.CATEGORY and av is c.CATEGORY_DIGIT)
        or (op is c.RANGE and 48 <= av[0] <= av[1] <= 57)
        or (op is c.LITERAL and 48 <= av <= 57)
        for op, av in members
    )


def _capitals_only(body: list[Any], c: Any) -> bool:
    return len(body) == 1 and body[0][0] is c.IN and body[0][1] == [(c.RANGE, (65, 90))]


def _weakest(need_: tuple[str, ...]) -> float:
    """How selective a need is: that of its most common string (longer is rarer; common words count 1)."""
    return min(_selectivity(n) for n in need_)


def _selectivity(text: str) -> float:
    if text == DIGIT:
        return 2.5
    if text.startswith(REGEX + "[A-Z]{"):
        return float(text[len(REGEX) + 6 : -1])
    if text.startswith(REGEX):
        return len(text) - len(REGEX) + 2.0  # capitals, as written: rare in lower case
    return 1.0 if text in _COMMON else float(len(text))


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
