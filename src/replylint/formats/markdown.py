"""Markdown regions: the parts of a Markdown draft that are not prose.

`markdown_regions` runs markdown-it-py (CommonMark plus tables) and maps what it
finds back to exact character offsets in the source. Block constructs come from
`token.map` line ranges; inline constructs (code spans, link targets, autolinks,
inline HTML) come from wrapping the inline parser's rules and recording
`state.pos` around each successful call, then mapping offsets in the inline
token's `content` back to the source line by line. A construct whose content
line cannot be located in the source is left out rather than guessed.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable
from typing import Any

from replylint.document import Region, RegionKind, Span, merge_regions

# (kind, inline state the offsets refer to, start, end)
_Record = tuple[RegionKind, Any, int, int]
_Rule = Callable[[Any, bool], bool]

_CELL_OPENERS = ("th_open", "td_open")


def markdown_regions(source: str, front_matter: bool = True, depth: int = 0) -> list[Region]:
    """Return the non-prose regions of a Markdown `source`, sorted and merged.

    MDX comments (`{/* ... */}`) are comments like HTML ones.
    A fenced block marked `markdown` or `md` at the top level is read as Markdown, not
    code: collections of saved replies (GitHub saved replies, docs pages of canned
    responses) keep each reply in one. Its fence lines are markup. Such fences nest at most
    `_MAX_DEPTH` deep; deeper ones are code.
    """
    if _plain(source):
        return []
    lines = _split_lines(source)
    regions: list[Region] = []

    def add(kind: RegionKind, start: int, end: int) -> None:
        if 0 <= start < end <= len(source):
            regions.append(Region(kind, Span(start, end)))

    def add_lines(kind: RegionKind, first: int, stop: int) -> None:
        last = min(stop, len(lines)) - 1
        if 0 <= first <= last:
            add(kind, lines[first][0], lines[last][1])

    text = source
    front_end = _front_matter_end(source, lines) if front_matter else None
    if front_end is not None:
        add(RegionKind.FRONT_MATTER, 0, lines[front_end][1])
        head = "".join(c if c in "\r\n" else " " for c in source[: lines[front_end][1]])
        text = head + source[len(head) :]

    from markdown_it import rules_inline

    md = _parser()
    records: list[_Record] = []
    env: dict[str, Any] = {_RECORDS: records}
    tokens = md.parse(text, env)

    for ref in [*env.get("references", {}).values(), *env.get("duplicate_refs", [])]:
        add_lines(RegionKind.MARKUP, ref["map"][0], ref["map"][1])

    cursors: dict[int, int] = {}  # per source line, for table cells in order
    for i, tok in enumerate(tokens):
        if tok.map is None:
            continue
        first, stop = tok.map
        inner = _embedded_markdown(source, lines, tok) if tok.type == "fence" and depth < _MAX_DEPTH else None
        if inner is not None:
            start, end, closing = inner
            add_lines(RegionKind.MARKUP, first, first + 1)  # the ```markdown line
            if closing is not None:
                add_lines(RegionKind.MARKUP, closing, closing + 1)
            regions.extend(
                Region(r.kind, Span(r.span.start + start, r.span.end + start))
                for r in markdown_regions(source[start:end], front_matter=False, depth=depth + 1)
            )
        elif tok.type in ("fence", "code_block"):
            add_lines(RegionKind.CODE, first, stop)
        elif tok.type == "html_block":
            last = min(stop, len(lines)) - 1
            if 0 <= first <= last:
                _html_block(source, lines[first][0], lines[last][1], add)
        elif tok.type == "paragraph_open" and tok.level == 0:
            if first < len(lines) and source.startswith(("import ", "export "), lines[first][0]):
                add_lines(RegionKind.MARKUP, first, stop)
        elif tok.type == "inline":
            in_cell = i > 0 and tokens[i - 1].type in _CELL_OPENERS
            locate = _locator(source, lines, first, tok.content, cursors if in_cell else None)
            records.clear()
            state = rules_inline.StateInline(tok.content, md, env, [])
            md.inline.tokenize(state)
            for kind, owner, start, end in records:
                if owner is state:
                    s, e = locate(start, False), locate(end, True)
                    if s is not None and e is not None:
                        add(kind, s, e)
    if "{/*" in source:
        _mdx_comments(source, regions, add)
    return list(merge_regions(regions))


def _plain(source: str) -> bool:
    """A draft with nothing that makes a region: no code, link, HTML, MDX or front-matter syntax
    and no indented line. Most Markdown replies are plain paragraphs; the parse is skipped."""
    return (
        not any(mark in source for mark in _REGION_MARKS)
        and not source.startswith("---")
        and _region_line().search(source) is None
    )


_REGION_MARKS = ("`", "<", "[", "~~~", "{/*")  # code, autolinks and HTML, links and references, fences, MDX


@functools.cache
def _region_line() -> Any:
    import re

    # An indented line (code), or an MDX import/export paragraph.
    return re.compile(r"^(?:\t| {4}|import |export )", re.MULTILINE)


_RECORDS = "replylint.records"  # the env key under which the wrapped inline rules record regions


@functools.cache
def _parser() -> Any:
    """One parser for every document: built once (about 170 us), it keeps no state of its own;
    the wrapped inline rules record into the env of the parse that calls them."""
    from markdown_it import MarkdownIt, rules_inline

    md = MarkdownIt("commonmark").enable("table")
    md.core.ruler.disable("inline")  # inline content is tokenized per token by markdown_regions
    for name, rule in (
        ("backticks", rules_inline.backtick),
        ("link", rules_inline.link),
        ("image", rules_inline.image),
        ("autolink", rules_inline.autolink),
        ("html_inline", rules_inline.html_inline),
    ):
        md.inline.ruler.at(name, _recording(name, rule))
    return md


def _recording(name: str, fn: _Rule) -> _Rule:
    """Wrap inline rule `fn` so successful non-silent calls append to the env's records."""

    def rule(state: Any, silent: bool) -> bool:
        records: list[_Record] = state.env[_RECORDS]
        start, n_tokens, n_records = state.pos, len(state.tokens), len(records)
        if not fn(state, silent):
            return False
        if silent:
            return True
        end, src = state.pos, state.src
        if name == "backticks":
            if any(t.type == "code_inline" for t in state.tokens[n_tokens:]):
                records.append((RegionKind.CODE, state, start, end))
        elif name in ("link", "image"):
            label_start = start + 1 if name == "link" else start + 2
            label_end = state.md.helpers.parseLinkLabel(state, label_start - 1, name == "link")
            if label_start <= label_end < end - 1:
                records.append((RegionKind.MARKUP, state, label_end + 1, end))
            if name == "image":  # the alt text was parsed in a nested state
                for j in range(n_records, len(records)):
                    kind, owner, s, e = records[j]
                    if owner is not state and label_end >= 0:
                        records[j] = (kind, state, s + label_start, e + label_start)
        elif name == "autolink":
            kind = RegionKind.URL if ":" in src[start:end] else RegionKind.EMAIL
            records.append((kind, state, start, end))
        else:
            comment = src.startswith("<!--", start)
            kind = RegionKind.COMMENT if comment else RegionKind.MARKUP
            records.append((kind, state, start, end))
        return True

    return rule


def _split_lines(text: str) -> list[tuple[int, int]]:
    """(start, content end) per line, split at \\r\\n, \\r or \\n like markdown-it."""
    out: list[tuple[int, int]] = []
    start = i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\n" or ch == "\r":
            out.append((start, i))
            i += 2 if text.startswith("\r\n", i) else 1
            start = i
        else:
            i += 1
    out.append((start, n))
    return out


_EMBEDDED_INFO = frozenset({"markdown", "md", "mdx", "gfm"})
_MAX_DEPTH = 3


def _embedded_markdown(source: str, lines: list[tuple[int, int]], tok: Any) -> tuple[int, int, int | None] | None:
    """(start, end, closing line) of the contents of a top-level, unindented ```markdown fence.

    None for other fences; the closing line is None when the fence is never closed.

    Only there are the contents the source lines as they are (no container prefix and no
    fence indentation removed), so offsets map back one to one.
    """
    info = tok.info.split(maxsplit=1)
    if tok.level != 0 or not info or info[0].lower() not in _EMBEDDED_INFO:
        return None
    first, stop = tok.map
    if first + 1 >= len(lines) or source[lines[first][0]] not in "`~":
        return None  # an indented fence: its contents lose up to three spaces of indentation
    start = lines[first + 1][0]
    last = min(stop, len(lines)) - 1
    closing = source[lines[last][0] : lines[last][1]].strip()
    closed = last > first and closing.startswith(tok.markup) and not closing.strip(tok.markup[0])
    closing_line = last if closed else None
    if closed:
        last -= 1
    end = lines[last][1] if last > first else start
    return (start, end, closing_line) if start <= end else None


def _front_matter_end(source: str, lines: list[tuple[int, int]]) -> int | None:
    """Index of the closing line of YAML front matter opened on line 0, if any."""
    if source[lines[0][0] : lines[0][1]].rstrip() != "---":
        return None
    for k in range(1, len(lines)):
        if source[lines[k][0] : lines[k][1]].rstrip() in ("---", "..."):
            return k
    return None


def _mdx_comments(source: str, regions: list[Region], add: Callable[[RegionKind, int, int], None]) -> None:
    """MDX comments `{/* ... */}` -> COMMENT, unless they open inside code."""
    import re

    code = [r.span for r in regions if r.kind is RegionKind.CODE]
    for match in re.finditer(r"\{/\*.*?\*/\}", source, re.DOTALL):
        if not any(span.start <= match.start() < span.end for span in code):
            add(RegionKind.COMMENT, match.start(), match.end())


def _html_block(source: str, start: int, end: int, add: Callable[[RegionKind, int, int], None]) -> None:
    """Comments in a raw HTML block -> COMMENT; other non-blank stretches -> MARKUP."""
    pos = start
    while pos < end:
        open_at = source.find("<!--", pos, end)
        gap_end = end if open_at == -1 else open_at
        chunk = source[pos:gap_end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            add(RegionKind.MARKUP, pos + lead, pos + len(chunk.rstrip()))
        if open_at == -1:
            return
        close_at = source.find("-->", open_at + 2, end)
        pos = end if close_at == -1 else close_at + 3
        add(RegionKind.COMMENT, open_at, pos)


def _locator(
    source: str,
    lines: list[tuple[int, int]],
    first: int,
    content: str,
    cursors: dict[int, int] | None,
) -> Callable[[int, bool], int | None]:
    """Map offsets in an inline token's `content` to offsets in `source`.

    Content line k comes from source line `first + k` with a prefix removed and
    the whole stripped, so it is a suffix of that line (or of the line without
    trailing whitespace). Table cells (`cursors` given) are found left to right.
    """
    starts: list[int] = []
    bases: list[tuple[int, int] | None] = []
    offset = 0
    for k, part in enumerate(content.split("\n")):
        starts.append(offset)
        offset += len(part) + 1
        line = first + k
        if line >= len(lines):
            bases.append(None)
            continue
        line_start, line_end = lines[line]
        text = source[line_start:line_end].replace("\0", "\ufffd")
        if cursors is not None:
            at = text.find(part, cursors.get(line, 0))
            if at >= 0:
                cursors[line] = at + len(part)
            bases.append(None if at < 0 else (line_start + at, 0))
            continue
        found = None
        for dropped, piece in (
            (0, part),
            (len(part) - len(part.lstrip(" ")), part.lstrip(" ")),
        ):
            for hay in (text, text.rstrip()):
                if hay.endswith(piece):
                    found = (line_start + len(hay) - len(piece), dropped)
                    break
            if found is not None:
                break
        if found is None and (at := text.find(part)) >= 0:
            found = (line_start + at, 0)
        bases.append(found)

    def locate(pos: int, is_end: bool) -> int | None:
        k = bisect.bisect_right(starts, pos - 1 if is_end and pos > 0 else pos) - 1
        base = bases[k]
        if base is None:
            return None
        return base[0] + max(0, pos - starts[k] - base[1])

    return locate
