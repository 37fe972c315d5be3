"""HTML drafts: only the visible text is prose.

A small scanner (no tree building, no dependencies) walks the source once and
records, with exact offsets into it:

- every tag with its attributes (alt and title text included) -> MARKUP;
- comments -> COMMENT (so `<!-- replylint-disable ... -->` works as in Markdown);
  doctypes, processing instructions and CDATA -> MARKUP;
- the contents of `<script>` and `<style>` -> CODE, of `<title>`, `<textarea>` and
  the other raw-text elements -> MARKUP;
- the contents of `<code>`, `<pre>`, `<kbd>` and `<samp>` -> CODE, of
  `<blockquote>` -> QUOTE (quoted customer text);
- character references (`&amp;`, `&nbsp;`, `&#8217;`) -> MARKUP.

The prose view (`Document.masked`) stays the same length as the source: a
character reference shows the character it stands for (next to the word it
belongs to; white space stays blank), and a block-level tag shows a line break
at each end, so a sentence never runs from one paragraph, list item or table
cell into the next. E-mail conventions (quoted history, signatures, words in
quotation marks) are then found in that rendered view, never in the markup.
Template placeholders and tags ({{ }}, {% %}) are found as in every format,
and the scanner steps over them so a `>` inside one does not end a tag.

Malformed HTML never raises: an unclosed tag, comment or element runs to the
end of the text, as in a browser.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import NamedTuple

from replylint.document import Document, Region, RegionKind, Span, merge_regions
from replylint.formats import HTML
from replylint.formats.email import email_regions
from replylint.formats.placeholders import placeholder_regions

# Elements whose start and end tags start a new block of text.
BLOCK = frozenset(
    """
    address article aside blockquote body br caption center dd details dialog dir div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html legend li main menu nav
    ol option p pre section summary table tbody td tfoot th thead title tr ul
    """.split()
)
# Elements whose contents are raw text (no tags inside), by region kind.
_RAW = {
    "script": RegionKind.CODE,
    "style": RegionKind.CODE,
    "title": RegionKind.MARKUP,
    "textarea": RegionKind.MARKUP,
    "xmp": RegionKind.CODE,
    "iframe": RegionKind.MARKUP,
    "noembed": RegionKind.MARKUP,
    "noframes": RegionKind.MARKUP,
}
# Elements whose contents (tags included) are not the agent's prose, by region kind.
_CONTENT = {
    "code": RegionKind.CODE,
    "pre": RegionKind.CODE,
    "kbd": RegionKind.CODE,
    "samp": RegionKind.CODE,
    "blockquote": RegionKind.QUOTE,
}
_TEMPLATE_CLOSE = {"{{": "}}", "{%": "%}", "{#": "#}"}
_Misses = dict[str, tuple[int, int]]  # closing mark -> (search start, line end) of a failed search


class Markup(NamedTuple):
    regions: list[Region]
    overlay: list[tuple[int, str]]  # (offset, character) for Document.overlay


def parse_html(text: str, path: str | None = None) -> Document:
    """The Document for an HTML draft: markup, placeholders, then e-mail conventions in the rendered text."""
    markup = scan(text)
    regions = placeholder_regions(text) + markup.regions
    merged = merge_regions(regions)
    rendered = Document(text, HTML, merged, overlay=_visible(markup.overlay, merged)).masked
    merged = merge_regions([*regions, *_snap(email_regions(rendered), markup.regions)])
    return Document(text, HTML, merged, path, overlay=_visible(markup.overlay, merged))


def _snap(found: list[Region], markup: list[Region]) -> list[Region]:
    """Widen regions found in the rendered text so none starts or ends inside a tag or character reference.

    "&ldquo;you broke it&rdquo;" renders as a quotation; its QUOTE region covers both references.
    """
    if not found or not markup:
        return found
    import bisect

    spans = sorted(r.span for r in markup if r.kind is RegionKind.MARKUP)  # disjoint: the scanner's own
    starts = [s.start for s in spans]

    def inside(offset: int) -> Span | None:
        k = bisect.bisect_right(starts, offset) - 1
        return spans[k] if k >= 0 and spans[k].start < offset < spans[k].end else None

    out = []
    for region in found:
        start, end = region.span
        if (at := inside(start)) is not None:
            start = at.start
        if (at := inside(end)) is not None:
            end = at.end
        out.append(Region(region.kind, Span(start, end)))
    return out


def _visible(overlay: list[tuple[int, str]], regions: tuple[Region, ...]) -> tuple[tuple[int, str], ...]:
    """Overlay characters that are not inside code, quotes, placeholders or other non-markup regions."""
    if not overlay:
        return ()
    import bisect

    hidden: list[list[int]] = []  # disjoint, sorted [start, end) of non-markup regions
    for region in sorted(regions, key=lambda r: r.span):
        if region.kind is RegionKind.MARKUP:
            continue
        start, end = region.span
        if hidden and start <= hidden[-1][1]:
            hidden[-1][1] = max(hidden[-1][1], end)
        else:
            hidden.append([start, end])
    starts = [h[0] for h in hidden]
    kept = []
    for offset, char in overlay:
        k = bisect.bisect_right(starts, offset) - 1
        if k < 0 or offset >= hidden[k][1]:
            kept.append((offset, char))
    return tuple(kept)


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    special = re.compile(r"[<&]|\{[{%#]")
    name = re.compile(r"[A-Za-z][^\s/>]*")
    charref = re.compile(r"&(?:#[xX]([0-9A-Fa-f]{1,8});?|#([0-9]{1,10});?|([A-Za-z][A-Za-z0-9]{0,31})(;?))")
    comment_end = re.compile(r"--!?>")
    return special, name, charref, comment_end


def scan(text: str) -> Markup:
    """Regions and prose overlay of an HTML `text`; never raises, every span inside the text."""
    special, name_pattern, _, _ = _patterns()
    n = len(text)
    regions: list[Region] = []
    overlay: list[tuple[int, str]] = []
    open_elements: list[tuple[str, int]] = []  # (name, where its contents start) for _CONTENT elements
    open_count: dict[str, int] = {}  # open _CONTENT elements by name
    misses: _Misses = {}

    def add(kind: RegionKind, start: int, end: int) -> None:
        if 0 <= start < end <= n:
            regions.append(Region(kind, Span(start, end)))

    def block(start: int, end: int) -> None:
        if end - start >= 2:
            overlay.append((start, "\n"))
            overlay.append((end - 1, "\n"))

    i = 0
    while True:
        match = special.search(text, i)
        if match is None:
            break
        at = match.start()
        if text[at] == "{":
            i = _template_end(text, at, misses) or at + 1
            continue
        if text[at] == "&":
            i = _charref(text, at, regions, overlay)
            continue
        rest = text[at + 1 : at + 2]
        if text.startswith("<!--", at):
            end = _comment_end(text, at)
            add(RegionKind.COMMENT, at, end)
            i = end
        elif text.startswith("<![CDATA[", at):
            close = text.find("]]>", at + 9)
            i = n if close == -1 else close + 3
            add(RegionKind.MARKUP, at, i)
        elif rest in ("!", "?"):
            close = text.find(">", at + 2)
            i = n if close == -1 else close + 1
            add(RegionKind.MARKUP, at, i)
        elif rest == "/":
            name_match = name_pattern.match(text, at + 2)
            end = _tag_end(text, name_match.end() if name_match else at + 2, misses)
            add(RegionKind.MARKUP, at, end)
            i = end
            if name_match is None:
                continue  # "</>" or a bogus comment such as "</ x>"
            name = name_match.group().lower()
            if name in BLOCK:
                block(at, end)
            if name in _CONTENT:
                _close(name, at, open_elements, open_count, add)
        elif rest.isalpha() and rest.isascii():
            name_match = name_pattern.match(text, at + 1)
            name_end = name_match.end() if name_match else at + 2
            name = text[at + 1 : name_end].lower()
            end = _tag_end(text, name_end, misses)
            add(RegionKind.MARKUP, at, end)
            if name in BLOCK:
                block(at, end)
            i = end
            if name in _RAW:
                close = _raw_end(text, name, end)
                add(_RAW[name], end, close)
                i = close
            elif name in _CONTENT:
                open_elements.append((name, end))
                open_count[name] = open_count.get(name, 0) + 1
        else:
            i = at + 1  # a "<" that starts no tag is text
    for name, start in open_elements:
        add(_CONTENT[name], start, n)
    return Markup(regions, overlay)


def _template_end(text: str, at: int, misses: _Misses) -> int | None:
    """End of a template tag or placeholder opening at `at` ({{ }}, {% %}, {# #}) on one line, if closed.

    `misses` remembers, per closing mark, a search that failed up to the end of its line, so a
    line full of unclosed "{{" is searched once, not once per "{{".
    """
    closer = _TEMPLATE_CLOSE[text[at : at + 2]]
    known = misses.get(closer)
    if known is not None and known[0] <= at < known[1]:  # on the same line, after a failed search
        return None
    line_end = text.find("\n", at)
    line_end = len(text) if line_end == -1 else line_end
    close = text.find(closer, at + 2, line_end)
    if close == -1:
        misses[closer] = (at, line_end)
        return None
    return close + 2


def _comment_end(text: str, at: int) -> int:
    """End of a comment opened at `at`: after "-->" (or "--!>"); "<!-->" and "<!--->" are empty comments."""
    match = _patterns()[3].search(text, at + 2)
    return len(text) if match is None else match.end()


def _tag_end(text: str, i: int, misses: _Misses) -> int:
    """End of a tag whose attributes start at `i`: after the first ">" outside quoted values and template tags."""
    n = len(text)
    after_equals = False  # a quote opens a value only right after "=" (white space allowed between)
    while i < n:
        ch = text[i]
        if ch == ">":
            return i + 1
        if ch in " \t\n\r\f":
            i += 1
        elif after_equals and ch in "\"'":
            i, after_equals = _quoted_end(text, i, misses), False
        elif ch == "{" and text[i : i + 2] in _TEMPLATE_CLOSE:
            i, after_equals = _template_end(text, i, misses) or i + 1, False
        else:
            i, after_equals = i + 1, ch == "="
    return n


def _quoted_end(text: str, i: int, misses: _Misses) -> int:
    """After the closing quote of an attribute value opened at `i` (template tags inside are skipped)."""
    quote, n = text[i], len(text)
    i += 1
    while i < n:
        ch = text[i]
        if ch == quote:
            return i + 1
        if ch == "{" and text[i : i + 2] in _TEMPLATE_CLOSE:
            i = _template_end(text, i, misses) or i + 1
            continue
        i += 1
    return n


def _raw_end(text: str, name: str, i: int) -> int:
    """Where the raw text of a `name` element starting at `i` ends: at its end tag, or the end of the text."""
    closing = re.compile(rf"</{name}(?=[\s/>]|$)", re.IGNORECASE)
    match = closing.search(text, i)
    return len(text) if match is None else match.start()


def _close(
    name: str,
    at: int,
    open_elements: list[tuple[str, int]],
    open_count: dict[str, int],
    add: Callable[[RegionKind, int, int], None],
) -> None:
    """An end tag of a content element: close it and any element left open inside it."""
    if not open_count.get(name):
        return  # a stray end tag closes nothing
    while open_elements:
        open_name, start = open_elements.pop()
        open_count[open_name] -= 1
        add(_CONTENT[open_name], start, at)
        if open_name == name:
            return


def _charref(text: str, at: int, regions: list[Region], overlay: list[tuple[int, str]]) -> int:
    """Record the character reference at `at`, if it is one; return where scanning goes on."""
    match = _patterns()[2].match(text, at)
    if match is None:
        return at + 1
    name, semicolon = match.group(3), match.group(4)
    if name is not None:
        from html.entities import html5

        if semicolon and name + ";" in html5:
            end, value = match.end(), html5[name + ";"]
        else:  # legacy references without ";" (&amp, &copy): the longest known prefix
            k = next((k for k in range(len(name), 1, -1) if name[:k] in html5), 0)
            if not k:
                return match.end()  # "&hello" or "&hello;" is text
            end, value = at + 1 + k, html5[name[:k]]
    else:
        import html

        end = match.end()
        value = html.unescape(text[at:end])
    regions.append(Region(RegionKind.MARKUP, Span(at, end)))
    shown = [c for c in value if not c.isspace() and c.isprintable()]
    if shown and len(shown) <= end - at:
        before = text[at - 1] if at > 0 else " "
        after = text[end] if end < len(text) else " "
        # Next to the word it belongs to: "&ldquo;Hello" -> '     "Hello', "caf&eacute;" -> "café     ".
        first = end - len(shown) if not before.isalnum() and after.isalnum() else at
        overlay.extend((first + k, c) for k, c in enumerate(shown))
    return end
