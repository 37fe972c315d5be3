"""The pack rule kinds, each compiled once into a check function.

- existence: report each match of any token.
- substitution: report each match of a key in `swap` and offer its replacement.
- occurrence: report when a token occurs more than `max` (or fewer than `min`) times.
- required: when a `trigger` occurs, one of `require` must occur somewhere too.
- metric: report when a computed figure passes `max` (or falls below `min`).

Token patterns are regular expressions matched against the prose only, with
word boundaries added and each space matching any run of white space,
case-insensitive unless `ignorecase: false`. The first-party packs are
compiled with the standard `re` module (fast to compile, tested here); every
other pack runs under the `regex` module with a time limit per pattern and
document, so one catastrophically backtracking pattern cannot hang a run.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, NamedTuple

from replylint.analysis import grade_level, phrase_pattern, word_count
from replylint.diagnostics import Applicability, Edit, Finding, Fix
from replylint.document import Document, Span
from replylint.tokens import TokenSet, engine_for

Check = Callable[[Document], Iterable[Finding]]


class KindError(Exception):
    """A rule's options are wrong; `key` names the option."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


class Common(NamedTuple):
    id: str
    message: str
    suggestion: str | None
    ignorecase: bool
    fix: Applicability | None
    trusted: bool  # a first-party pack: compiled with `re`, no time limit
    exceptions: TokenSet | None = None
    unless: TokenSet | None = None
    unless_reply: TokenSet | None = None  # a match anywhere in the reply silences the rule


def compile_tokens(tokens: Sequence[str], ignorecase: bool, key: str, trusted: bool) -> TokenSet:
    """A token set with word boundaries around each token; a bad token is named in the error.

    Each untrusted token is also compiled alone first, so that a broken one (an unclosed
    class, say) cannot combine with the word boundaries into a different, valid pattern.
    """
    engine = engine_for(trusted)
    flags = engine.IGNORECASE if ignorecase else 0
    if not trusted:
        for token in tokens:
            try:
                engine.compile(token, flags)
            except engine.error as exc:
                raise KindError(key, f"invalid regular expression {token!r}: {exc}") from None
    try:
        return phrase_pattern(tokens, engine.IGNORECASE if ignorecase else 0, trusted)
    except engine.error as exc:
        raise KindError(key, f"invalid regular expression: {exc}") from None


def _matches(pattern: TokenSet, doc: Document, common: Common, indexed: bool = False) -> Iterator[Any]:
    """Matches in the prose that no exception overlaps and no `unless` pattern cancels.

    Exceptions and `unless` are looked for once per sentence, not once per match: a long
    sentence full of matches ("PLEASE READ THIS NOW" 10,000 times) would cost its square.
    """
    text = doc.prose
    if not pattern.could_match(text):  # most rules, on most drafts: asked before anything dearer
        return
    matches = pattern.finditer_indexed(text)
    first = next(matches, None)
    if first is None:  # the usual end: a token could run, and found nothing
        return
    if common.unless_reply is not None and common.unless_reply.search(text):  # asked only now
        return
    exceptions, unless = common.exceptions, common.unless
    excepted: dict[tuple[int, int], tuple[list[int], list[int]]] = {}  # part -> exception starts, ends
    cancelled: dict[tuple[int, int], bool] = {}  # part -> whether `unless` matches in it
    for index, match in itertools.chain((first,), matches):
        if exceptions is not None or unless is not None:
            sentence = doc.sentence_at(match.start())
            span = Span(match.start(), match.start()) if sentence is None else sentence.span
            part = (span.start, max(span.end, match.end()))  # the match's sentence, and the match
            if exceptions is not None:
                bounds = excepted.get(part)
                if bounds is None:
                    spans = [(e.start(), e.end()) for e in exceptions.finditer(text, *part)]
                    bounds = excepted[part] = ([s for s, _ in spans], [e for _, e in spans])
                starts, ends = bounds
                # In order and not overlapping: the first exception ending after the match starts
                # is the only one that may overlap it.
                after = bisect.bisect_right(ends, match.start())
                if after < len(starts) and starts[after] < match.end():
                    continue
            if unless is not None:
                hit = cancelled.get(part)
                if hit is None:
                    hit = cancelled[part] = unless.search(text, *part) is not None
                if hit:
                    continue
        yield (index, match) if indexed else match


def _format(template: str, **values: str) -> str:
    return template.format_map(values)


def check_template(template: str, key: str, names: Sequence[str]) -> None:
    """Only plain `{name}` fields from `names`: no attributes, indexes or conversions."""
    import difflib
    import string

    known = ", ".join("{" + n + "}" for n in names)
    try:
        fields = [(f, conv, spec) for _, f, spec, conv in string.Formatter().parse(template) if f is not None]
    except ValueError as exc:
        raise KindError(key, f"bad placeholder in {template!r}: {exc} (use {{{{ and }}}} for braces)") from None
    for field, conversion, spec in fields:
        if field in names and (conversion or spec):
            raise KindError(key, f"placeholder {{{field}}} in {template!r} takes no conversion or format spec")
        if field not in names:
            close = difflib.get_close_matches(field, names, n=1)
            hint = f" (did you mean {{{close[0]}}}?)" if close else ""
            raise KindError(key, f"unknown placeholder {{{field}}} in {template!r}{hint}; known: {known}")


def existence(common: Common, tokens: Sequence[str]) -> Check:
    pattern = compile_tokens(tokens, common.ignorecase, "tokens", common.trusted)

    def check(doc: Document) -> Iterator[Finding]:
        for m in _matches(pattern, doc, common):
            yield Finding(
                Span(m.start(), m.end()),
                _format(common.message, match=doc.shown(Span(m.start(), m.end()))),
                suggestion=common.suggestion,
            )

    return check


def _match_case(replacement: str, text: str, start: int) -> str:
    """Capitalise the replacement when it starts a sentence."""
    line = text[text.rfind("\n", 0, start) + 1 : start]
    before = text[:start].rstrip()
    starts = not before or before[-1] in ".!?:" or line.strip(" \t-*+•>#0123456789.)") == ""
    if starts and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def substitution(common: Common, swap: dict[str, str]) -> Check:
    keys = list(swap)
    pattern = compile_tokens(keys, common.ignorecase, "swap", common.trusted)
    replacements = [swap[k] for k in keys]

    def check(doc: Document) -> Iterator[Finding]:
        for index, m in _matches(pattern, doc, common, indexed=True):
            options = [_match_case(r.strip(), doc.prose, m.start()) for r in replacements[index].split("|")]
            span = Span(m.start(), m.end())
            fix = None
            if common.fix is not None and len(options) == 1:
                fix = Fix((Edit(span, options[0]),), common.fix, f"replace with {options[0]!r}")
            yield Finding(
                span,
                _format(common.message, match=doc.shown(span), replacement=" or ".join(repr(o) for o in options)),
                suggestion=common.suggestion,
                fix=fix,
                replacements=tuple(options),
            )

    return check


def occurrence(common: Common, token: Sequence[str], maximum: int | None, minimum: int | None, scope: str) -> Check:
    pattern = compile_tokens(token, common.ignorecase, "token", common.trusted)

    def check(doc: Document) -> Iterator[Finding]:
        scopes = [s.span for s in doc.sentences] if scope == "sentence" else [Span(0, len(doc.source))]
        matches = list(_matches(pattern, doc, common))  # once for the reply, not once per sentence
        for region in scopes:
            found = [m for m in matches if region.start <= m.start() < region.end]
            if maximum is not None and len(found) > maximum:
                m = found[maximum]
                yield Finding(
                    Span(m.start(), m.end()),
                    _format(
                        common.message,
                        match=doc.shown(Span(m.start(), m.end())),
                        count=str(len(found)),
                        limit=str(maximum),
                    ),
                    suggestion=common.suggestion,
                )
            if minimum is not None and len(found) < minimum and doc.prose.strip():
                yield Finding(
                    Span(region.start, region.start),
                    _format(common.message, match="", count=str(len(found)), limit=str(minimum)),
                    suggestion=common.suggestion,
                )

    return check


def required(common: Common, trigger: Sequence[str], require: Sequence[str]) -> Check:
    trigger_pattern = compile_tokens(trigger, common.ignorecase, "trigger", common.trusted)
    require_pattern = compile_tokens(require, common.ignorecase, "require", common.trusted)

    def check(doc: Document) -> Iterator[Finding]:
        first = next(_matches(trigger_pattern, doc, common), None)
        if first is None or require_pattern.search(doc.prose):
            return
        yield Finding(
            Span(first.start(), first.end()),
            _format(common.message, match=doc.shown(Span(first.start(), first.end()))),
            suggestion=common.suggestion,
        )

    return check


METRICS = ("grade-level", "words", "sentence-words")


def metric(
    common: Common, name: str, maximum: float | None, minimum: float | None, scope: str, min_words: int = 0
) -> Check:
    """`min_words`: units (the reply, or a sentence) with fewer words are not measured."""

    def measure(text: str, sentences: int) -> float:
        if name == "grade-level":
            return grade_level(text, sentences)
        count = word_count(text)
        return count / sentences if name == "sentence-words" and sentences else float(count)

    def check(doc: Document) -> Iterator[Finding]:
        sentences = doc.sentences
        if not sentences:
            return
        if scope == "sentence":
            units = [(s.span, s.text, 1) for s in sentences]
        else:
            units = [(Span(sentences[0].span.start, sentences[-1].span.end), doc.prose, len(sentences))]
        for span, text, count in units:
            if min_words and word_count(text) < min_words:
                continue
            value = measure(text, count)
            if (maximum is not None and value > maximum) or (minimum is not None and value < minimum):
                limit = maximum if maximum is not None and value > maximum else minimum
                yield Finding(
                    span,
                    _format(common.message, value=f"{value:.1f}".removesuffix(".0"), limit=f"{limit:g}", match=""),
                    suggestion=common.suggestion,
                )

    return check
