"""Lint a very large draft in sections, in time linear in its size.

A plain-text or Markdown draft longer than LARGE_DRAFT (a file of many
replies, an export) is cut at blank lines into sections of about TARGET
characters, and each section is parsed and linted as a draft of its own. Every
diagnostic is then moved back into the file: its span, line, column and fix
edits point at the same words in the whole text, so reports, baselines and
`--fix` work as for any draft.

Where a section may start: at the start of a line that follows a blank line,
once the section is TARGET long or the reply in it has visibly ended (after a
signature block, a separator line such as `---` or two blank lines in a row:
how files of replies usually mark one off). Never inside a Markdown code
fence, HTML comment, `<pre>`/`<script>`/`<style>` block, MDX comment or front
matter, never before an indented line or a `---` line in Markdown (they would
read differently at the start of a draft), and never between a
`replylint-disable-next-line` comment and the line it covers. A stretch longer
than PARAGRAPH with no such place is cut at a line end, and a line at a
sentence's end or a space; a Markdown block (a code fence, a comment) is kept
whole up to CAP.

Suppression comments work across sections: a `replylint-disable` stays in
force in the sections after its own until a matching `replylint-enable`.
Everything else that would run to the end of a draft (quoted history, a
signature, an unclosed fence) runs to the end of its section, and rules that
judge a reply as a whole (a missing apology or next step, readability) judge
each section.

Pure: text in, diagnostics out; no I/O.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple

from replylint.diagnostics import Diagnostic, Edit, Fix
from replylint.document import Document, Position, Span, lone_cr_as_lf
from replylint.engine import ActiveRule, LintOptions, lint
from replylint.fixer import FixResult, fix_text
from replylint.formats import MARKDOWN, PLAIN, parse

# Characters: a plain-text or Markdown draft longer than this is linted in sections (see above),
# so that time and memory grow in proportion to its size; shorter drafts are linted whole.
LARGE_DRAFT = 256 * 1024
SECTIONED = (PLAIN, MARKDOWN)  # the formats a large draft of is linted (and read) in sections

# Characters: a section ends at the first place it may after this many. Whole-reply rules judge
# a section, so it should hold about one reply; and longer sections cost more per character
# (some token sets lose their word gates: every token that any of a section's words lets
# through scans all of it). Measured on 5 MB of short replies, one blank line apart: 256 costs
# 1.03 times the CPU of the same replies as separate files, 512 1.2 times, 1 KB 1.5, 4 KB 2.6,
# and the larger the sections, the further whole-reply findings drift from those of separate
# files (apology-excessive: 0 apart, 62 at 256, 238 at 512, 924 at 4 KB). See
# benchmarks/README.md, "One large file".
TARGET = 256
# Characters: a paragraph longer than this is cut at a line end, and a line at a sentence's end
# or a space (section by section, longer text costs more per character: 1 MB of one line costs
# 3.2 s in sections of 1 KB, 5.1 s of 4 KB, 10 s of 64 KB).
PARAGRAPH = 4 * 1024
CAP = 64 * 1024  # characters: nor is a Markdown block (a code fence, a comment) kept whole past this

# The engine's own reports, which suppression comments never hide.
_UNSUPPRESSIBLE = frozenset({"rule-error", "suppression-invalid", "suppression-unused"})

# Markdown blocks that run over blank lines until their closing line: (opener, closer).


@functools.cache  # compiled on first use, not at import: every run imports this module
def _markup() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Code fences, HTML blocks that run to their closing tag, their closing tags, separator lines."""
    return (
        re.compile(r" {0,3}(`{3,}|~{3,})([^\n]*)"),
        re.compile(r" {0,3}<(?:(!--)|(pre|script|style|textarea)(?=[\s>]|$))", re.IGNORECASE),
        re.compile(r"</(?:pre|script|style|textarea)>", re.IGNORECASE),
        re.compile(r"[ \t]*(?:-{3,}|={3,}|\*{3,}|_{3,})[ \t]*\r?\n?"),
    )


def section_spans(
    text: str, fmt: str, target: int | None = None, cap: int | None = None, paragraph: int | None = None
) -> list[Span]:
    """Spans that cover `text` exactly, in order, each at least one character long (none for "")."""
    spans, start = [], 0
    for cut in _Cutter(fmt, target, cap, paragraph).feed(text, last=True):
        spans.append(Span(start, cut))
        start = cut
    return spans


def stream_sections(
    blocks: Iterable[str], fmt: str, target: int | None = None, cap: int | None = None, paragraph: int | None = None
) -> Iterator[tuple[int, str]]:
    """(offset, text) of each section of the text that `blocks` make, cut exactly as section_spans
    cuts the whole text, holding one block and the open section at a time.

    Each block but the last ends at a line end (LF, or a CR not followed by LF): lone CRs are
    read as LF block by block. The texts are the blocks' own (lone CRs kept).
    """
    cutter = _Cutter(fmt, target, cap, paragraph)
    pending, base = "", 0  # the text from `base`, the open section's start, on
    for block, last in _marking_last(blocks):
        text = pending + block if pending else block
        done = 0
        for cut in cutter.feed(lone_cr_as_lf(block), last):
            yield base + done, text[done : cut - base]
            done = cut - base
        pending, base = text[done:], base + done


def _marking_last(blocks: Iterable[str]) -> Iterator[tuple[str, bool]]:
    iterator = iter(blocks)
    previous = next(iterator, None)
    if previous is None:
        yield "", True
        return
    for block in iterator:
        yield previous, False
        previous = block
    yield previous, True


class _Cutter:
    """Where sections end (see the module's docstring), worked out line by line as text comes in.

    The decision to end a section before a line depends only on that line and what came before
    it, so the text can come a block at a time (stream_sections) and be cut exactly as if whole.
    """

    def __init__(self, fmt: str, target: int | None = None, cap: int | None = None, paragraph: int | None = None):
        self.target = TARGET if target is None else target
        self.cap = CAP if cap is None else cap
        self.paragraph = min(self.cap, PARAGRAPH if paragraph is None else paragraph)
        self.markdown = fmt == MARKDOWN
        self.text = ""  # the text from `base` on: the open section and the block last fed
        self.base = 0
        self.start = 0  # where the open section starts (in the whole text)
        self.pos = 0  # where the next line starts
        self.blanks = 0  # blank lines right before `pos`
        self.ended = False  # the section holds a signature or a separator line: the reply in it has ended
        self.hold = False  # a disable-next-line comment waits for its line: no cut before it
        self.until: Callable[[str], bool] | None = None  # in a Markdown block: whether a line closes it
        self.first = True

    def feed(self, block: str, last: bool) -> list[int]:
        """The ends (offsets in the whole text) of the sections settled once `block` is read: all the
        rest with `last`. A block that does not end at a line end leaves its last line for the next."""
        cap, paragraph, target, markdown = self.cap, self.paragraph, self.target, self.markdown
        keep = self.start - self.base
        text = self.text[keep:] + block if keep < len(self.text) else block
        base = self.start
        start, pos = 0, self.pos - base
        blanks, ended, hold, until = self.blanks, self.ended, self.hold, self.until
        length = len(text)
        cuts: list[int] = []
        if self.first and (last or "\n" in text):
            self.first = False
            if markdown and _is_rule(text, 0):
                until = _closes_front_matter
                pos = text.find("\n") + 1 or length
        while pos < length:
            newline = text.find("\n", pos)
            if newline == -1 and not last:
                break  # the rest of this line comes with the next block
            end = length if newline == -1 else newline + 1
            line = text[pos : min(end, pos + cap)]  # a line longer than CAP is judged by its start
            blank = not line.strip()
            limit = paragraph if until is None else cap
            if pos > start and (
                end - start > limit  # this line would take the section over the limit
                or (
                    (pos - start >= target or ended or blanks > 1)
                    and blanks
                    and not blank
                    and until is None
                    and not hold
                    and not (markdown and (line[0] in " \t" or _is_rule(text, pos)))
                )
            ):
                cuts.append(base + pos)
                start, ended = pos, False
            while end - start > limit:  # one line longer than the limit: cut it at a sentence's end or a space
                cut = _line_cut(text, start, start + limit)
                cuts.append(base + cut)
                start = cut
            if not blank:
                if blanks and until is None:
                    hold = False  # the paragraph a disable-next-line comment covers has started
                if "replylint-disable-next-line" in line:
                    hold = True
                if until is not None:
                    if until(line):
                        until = None
                else:
                    ended = ended or _ends_reply(line, blanks > 0 or pos == start)
                    if markdown:
                        until = _opens(line)
            blanks = blanks + 1 if blank else 0
            pos = end
        if last and start < length:
            cuts.append(base + length)
            start = length
        self.text, self.base, self.start, self.pos = text, base, base + start, base + pos
        self.blanks, self.ended, self.hold, self.until = blanks, ended, hold, until
        return cuts


def lint_draft(
    text: str, fmt: str, path: str | None, rules: Sequence[ActiveRule], options: LintOptions
) -> list[Diagnostic]:
    """One draft's diagnostics: section by section when it is a very large plain-text or Markdown draft.

    A lone CR ends a line (it is read as LF: see document.lone_cr_as_lf); what a diagnostic
    quotes is still the file's own text.
    """
    if _large(len(text), fmt):
        return lint_sections(text, fmt, path, rules, options)
    lines = lone_cr_as_lf(text)  # same length: offsets hold
    return _quoting(lint(parse(lines, fmt, path), rules, options), text, lines)


def lint_blocks(
    blocks: Iterable[str], fmt: str, path: str | None, rules: Sequence[ActiveRule], options: LintOptions
) -> list[Diagnostic]:
    """lint_draft of the text that `blocks` make (each but the last ends at a line end, see
    stream_sections), holding one block and one section at a time once it is a large draft:
    a file read a block at a time is never held whole."""
    head: list[str] = []
    size = 0
    iterator = iter(blocks)
    for block in iterator:
        head.append(block)
        size += len(block)
        if _large(size, fmt):
            return _lint_stream(stream_sections(itertools.chain(head, iterator), fmt), fmt, path, rules, options)
    return lint_draft("".join(head), fmt, path, rules, options)


def fix_draft(
    text: str, fmt: str, path: str | None, rules: Sequence[ActiveRule], options: LintOptions, unsafe: bool
) -> FixResult:
    """Fix one draft (see fixer.fix_text); a very large plain-text or Markdown draft section by section.

    Fixing a large draft whole held the original, the current and the next text and two passes
    of diagnostics for all of it at once (about 18 times the file's size in memory); section by
    section, only one section's passes are alive at a time.
    """
    if _large(len(text), fmt):
        return _fix_sections(text, fmt, path, rules, options, unsafe)
    lint_text = functools.partial(lint_draft, fmt=fmt, path=path, rules=rules, options=options)
    return fix_text(text, lint_text, unsafe, _regions(text, fmt, path))


def _large(size: int, fmt: str) -> bool:
    """Whether a draft of `size` characters is linted (and fixed) in sections."""
    return size > LARGE_DRAFT and fmt in SECTIONED


def _regions(text: str, fmt: str, path: str | None) -> list[Span]:
    """Where `text`'s regions are: what no fix may change (see fixer.Kept)."""
    return [region.span for region in parse(text, fmt, path).regions]


def _quoting(found: list[Diagnostic], text: str, lines: str) -> list[Diagnostic]:
    """`found` (in `lines`, `text` with lone CRs read as LF) quoting `text`."""
    if lines is text:
        return found
    return [d._replace(matched=text[d.span.start : d.span.end]) for d in found]


def lint_sections(
    text: str,
    fmt: str,
    path: str | None,
    rules: Sequence[ActiveRule],
    options: LintOptions,
    target: int | None = None,
    cap: int | None = None,
    paragraph: int | None = None,
) -> list[Diagnostic]:
    """The diagnostics of `text`, linted section by section, in the coordinates of the whole text."""
    return _lint_stream(stream_sections([text], fmt, target, cap, paragraph), fmt, path, rules, options)


def _lint_stream(
    sections: Iterable[tuple[int, str]], fmt: str, path: str | None, rules: Sequence[ActiveRule], options: LintOptions
) -> list[Diagnostic]:
    """The diagnostics of the sections (offset, text) of a text, in its coordinates."""
    carried: list[_Carried] = []  # replylint-disable scopes still open after an earlier section
    gathered = _Gathered()
    for start, text in sections:
        lines = lone_cr_as_lf(text)
        found, carried, hid = _lint_section(lines, start, carried, fmt, path, rules, options)
        gathered.add(text, lines, found, hid)
    return gathered.diagnostics()


def _fix_sections(
    text: str, fmt: str, path: str | None, rules: Sequence[ActiveRule], options: LintOptions, unsafe: bool
) -> FixResult:
    """fix_draft for a large draft: each section of `text` fixed as a draft of its own (with the
    disables carried into it) and the fixed sections joined. All or nothing: if one section's
    fixes do not settle, nothing is fixed.

    What is left is what linting the fixed text finds, as a later run would: cut into sections
    afresh, a changed text may be cut elsewhere. When nothing was fixed, the sections' own
    findings are that already (the same sections), and the text is not linted twice.
    """
    fixed: list[str] = []  # the fixed sections, as in the file (lone CRs kept)
    gathered: _Gathered | None = _Gathered()  # the sections' findings, while nothing has been fixed
    carried: list[_Carried] = []
    applied = 0
    for start, section in stream_sections([text], fmt):
        last: list[tuple[list[Diagnostic], list[_Carried], set[Span]]] = []  # fix_text lints its result last

        def lint_section(
            current: str, start: int = start, before: list[_Carried] = carried, last: list = last
        ) -> list[Diagnostic]:
            last[:] = [_lint_section(lone_cr_as_lf(current), start, before, fmt, path, rules, options)]
            return last[0][0]

        result = fix_text(section, lint_section, unsafe, _regions(section, fmt, path))
        if not result.settled:
            return FixResult(text, 0, False, tuple(lint_draft(text, fmt, path, rules, options)))
        [(found, carried, hid)] = last
        fixed.append(result.text)
        applied += result.applied
        if applied:
            gathered = None
        elif gathered is not None:
            gathered.add(section, lone_cr_as_lf(section), found, hid)
    if gathered is not None:
        return FixResult(text, 0, True, tuple(gathered.diagnostics()))
    joined = "".join(fixed)
    del fixed
    return FixResult(joined, applied, True, tuple(lint_draft(joined, fmt, path, rules, options)))


def _lint_section(
    source: str,
    offset: int,
    carried: list[_Carried],
    fmt: str,
    path: str | None,
    rules: Sequence[ActiveRule],
    options: LintOptions,
) -> tuple[list[Diagnostic], list[_Carried], set[Span]]:
    """A section's diagnostics (in its own coordinates) but those the disables carried into it hide;
    the disables still in force at its end; the carried directives that hid something.

    `offset` is where the section starts in the whole text: carried scopes and closing enables
    are compared there, and the directives it opens are given there.
    """
    doc = parse(source, fmt, path)
    found = lint(doc, rules, options)
    closes: list[tuple[int, tuple[str, ...]]] = []
    opened: list[_Carried] = []
    if "replylint-" in doc.source:
        closes, opened = _directives(doc, offset, options)
    used: set[Span] = set()
    if carried:
        ends = [_end_of(scope, closes) for scope in carried]
        kept = []
        for d in found:
            hit = False
            if d.rule not in _UNSUPPRESSIBLE:
                for scope, end in zip(carried, ends, strict=True):
                    if offset + d.span.start < end and scope.covers(d):
                        used.add(scope.directive)
                        hit = True
            if not hit:
                kept.append(d)
        found = kept
        carried = [scope for scope, end in zip(carried, ends, strict=True) if end > offset + len(source)]
    return found, carried + opened, used


class _Gathered:
    """The sections' diagnostics moved into the whole text as the sections go by: where the next
    section starts (its offset, the lines before it, its first line's column: 0 unless a long
    line was cut), and the carried disables that hid a finding in a later section."""

    __slots__ = ("found", "used", "offset", "lines", "column")

    def __init__(self) -> None:
        self.found: list[Diagnostic] = []
        self.used: set[Span] = set()  # directives (in file offsets) that hid a finding in a later section
        self.offset, self.lines, self.column = 0, 0, 0

    def add(self, text: str, lines: str, found: list[Diagnostic], hid: set[Span]) -> None:
        """A section's `text` (lone CRs kept) and `lines` (lone_cr_as_lf of it, which was linted),
        what linting it found (in its own coordinates, see _lint_section) and the carried
        directives that hid something in it."""
        self.used |= hid
        self.found += [_moved(d, self.offset, self.lines, self.column) for d in _quoting(found, text, lines)]
        newlines = lines.count("\n")
        self.lines += newlines
        self.column = len(lines) - (lines.rfind("\n") + 1) if newlines else self.column + len(lines)
        self.offset += len(lines)

    def diagnostics(self) -> list[Diagnostic]:
        """All of them, without suppression-unused for directives that hid a finding in a later section."""
        if not self.used:
            return self.found
        return [d for d in self.found if not (d.rule == "suppression-unused" and d.span in self.used)]


class _Carried(NamedTuple):
    """A replylint-disable still in force at the end of its section."""

    directive: Span  # the comment, in file offsets
    names: tuple[str, ...]  # empty: every rule

    def covers(self, d: Diagnostic) -> bool:
        return not self.names or d.rule in self.names or d.category in self.names


def _directives(
    doc: Document, offset: int, options: LintOptions
) -> tuple[list[tuple[int, tuple[str, ...]]], list[_Carried]]:
    """A section's replylint-enable comments (file offset, names), and its disables still open at its end."""
    from replylint.suppress import parse_directives

    found = parse_directives(doc, options.is_known)
    closes = [(offset + d.span.start, d.names) for d in found.directives if d.action == "enable"]
    opened = [
        _Carried(Span(offset + s.directive.span.start, offset + s.directive.span.end), s.names)
        for s in found.scopes
        if s.directive.action == "disable" and s.end == len(doc.source)
    ]
    return closes, opened


def _end_of(scope: _Carried, closes: list[tuple[int, tuple[str, ...]]]) -> float:
    """Where the first enable that closes `scope` starts (as suppress.parse_directives matches them), else never."""
    for offset, names in closes:
        if not names or (scope.names and set(scope.names) <= set(names)):
            return offset
    return float("inf")


def _moved(d: Diagnostic, offset: int, lines: int, column: int) -> Diagnostic:
    """`d` from a section that starts `offset` characters, `lines` lines and `column` columns into the text."""
    if not offset:
        return d
    fix = d.fix
    if fix is not None:
        fix = Fix(
            tuple(Edit(Span(e.span.start + offset, e.span.end + offset), e.replacement) for e in fix.edits),
            fix.applicability,
            fix.description,
        )
    return d._replace(
        span=Span(d.span.start + offset, d.span.end + offset),
        start=_position(d.start, offset, lines, column),
        end=_position(d.end, offset, lines, column),
        fix=fix,
    )


def _position(p: Position, offset: int, lines: int, column: int) -> Position:
    return Position(p.line + lines, p.column + column if p.line == 1 else p.column, p.offset + offset)


def _ends_reply(line: str, after_blank: bool) -> bool:
    """Whether a line shows that a reply ends: a signature (`-- `), or a separator line of its own."""
    if line.startswith("--") and line.rstrip("\r\n") in ("--", "-- "):
        return True
    return after_blank and line.lstrip(" \t")[:1] in "-=*_" and _markup()[3].fullmatch(line) is not None


def _line_cut(text: str, start: int, end: int) -> int:
    """Where to cut a line that runs past `end`: after the last sentence end in the second half, else
    after the last space there, else at `end` (or a little before it)."""
    low = start + (end - start) // 2
    sentence = max(text.rfind(". ", low, end), text.rfind("? ", low, end), text.rfind("! ", low, end))
    if sentence != -1:
        return sentence + 2
    space = text.rfind(" ", low, end)
    return space + 1 if space != -1 else _between_characters(text, start, end)


def _between_characters(text: str, start: int, cut: int) -> int:
    """`cut`, or a little before it, so as not to split a CRLF or a letter from its combining marks."""
    while cut - 1 > start and (
        (text[cut - 1] == "\r" and text[cut] == "\n") or (text[cut] >= "\u0300" and _joins(text[cut - 1], text[cut]))
    ):
        cut -= 1
    return cut


def _joins(before: str, after: str) -> bool:
    import unicodedata

    return unicodedata.category(after) in ("Mn", "Mc", "Me") or "\u200d" in (before, after)


def _is_rule(text: str, pos: int) -> bool:
    """Whether the line at `pos` is `---` (front matter at the start of a draft, else a thematic break)."""
    if not text.startswith("---", pos):
        return False
    newline = text.find("\n", pos)
    return not text[pos + 3 : len(text) if newline == -1 else newline].strip()


def _closes_front_matter(line: str) -> bool:
    return line.rstrip() in ("---", "...")


def _opens(line: str) -> Callable[[str], bool] | None:
    """For a Markdown line that opens a block running over blank lines, a test for the line that closes it."""
    first = line.lstrip(" ")[:1]
    if first in ("`", "~"):
        match = _markup()[0].match(line)
        if match is None or (first == "`" and "`" in match.group(2)):
            return None
        fence = match.group(1)
        closing = re.compile(rf" {{0,3}}{fence[0]}{{{len(fence)},}}[ \t]*\r?\n?")
        return lambda later: closing.fullmatch(later) is not None
    if first == "<":
        match = _markup()[1].match(line)
        if match is None:
            return None
        if match.group(1):  # <!-- ... -->
            return None if "-->" in line[match.end() :] else (lambda later: "-->" in later)
        if _markup()[2].search(line, match.end()):
            return None
        return lambda later: _markup()[2].search(later) is not None
    if "{/*" in line and "*/}" not in line[line.rindex("{/*") :]:  # an MDX comment
        return lambda later: "*/}" in later
    return None
