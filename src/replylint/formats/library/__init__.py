"""Libraries of templates: YAML, JSON and CSV files that hold many canned replies.

`read_library(text, format, spec)` finds the templates in such a file
(recognise.py, or the fields a config names: fields.py) and returns each as a
Template: its name, the format its own text is in, and a Scalar (scalar.py)
with the decoded text and, for every decoded character, where it lies in the
file. Each format has a module: jsonlib.py, yamllib.py, csvlib.py. Malformed
files raise LibraryError with the line and column of the problem.

Nothing here is imported on the path of a single draft.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from replylint.document import Document, Region
    from replylint.formats.library.fields import TemplateSpec
    from replylint.formats.library.scalar import Scalar
    from replylint.formats.library.tree import Node

YAML, JSON, CSV = "yaml", "json", "csv"
LIBRARY_FORMATS = (YAML, JSON, CSV)  # the same as replylint.formats.LIBRARY_FORMATS


class LibraryError(ValueError):
    """A library file that cannot be read; str(error) is `line:column: invalid JSON: reason`."""

    def __init__(self, line: int, column: int, reason: str) -> None:
        super().__init__(f"{line}:{column}: {reason}")
        self.line, self.column, self.reason = line, column, reason


class Template(NamedTuple):
    name: str  # its title, name or id, else its path (`macros[3]`)
    format: str  # the format of its own text: template (the default), html, markdown or plain
    scalar: Scalar  # its text, decoded, with positions in the file
    node: Node  # where it is in the library's tree


class Library(NamedTuple):
    roots: tuple[Node, ...]  # one per document (YAML files may hold several)
    templates: tuple[Template, ...]


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in code points) of an offset, as in every report (document.LineIndex)."""
    from replylint.document import LineIndex

    line, column, _ = LineIndex(text).position(offset)
    return line, column


def read_library(text: str, fmt: str, spec: TemplateSpec | None = None) -> Library:
    """The templates in a YAML, JSON or CSV file; LibraryError when the file cannot be read."""
    from replylint.formats.library.recognise import select

    if fmt == JSON:
        from replylint.formats.library import jsonlib as module
    elif fmt == YAML:
        from replylint.formats.library import yamllib as module  # type: ignore[no-redef]
    elif fmt == CSV:
        from replylint.formats.library import csvlib as module  # type: ignore[no-redef]
    else:
        raise ValueError(f"not a library format: {fmt!r}")
    tabular = fmt == CSV
    quick = module.check(text)  # a fast first look (None: none): most files that hold no template stop here
    if quick is not None and not select(quick, spec, tabular):
        return Library((), ())
    roots = module.load(text)
    templates = tuple(
        Template(
            found.name,
            inner_format(found.node.text, found.format),
            module.scalar(text, found.node),
            found.node,
        )
        for found in select(roots, spec, tabular)
    )
    return Library(tuple(roots), templates)


_HTML = re.compile(
    r"</?(?:p|br|div|span|a|strong|b|em|i|u|h[1-6]|ul|ol|li|table|tr|td|th|hr|img|blockquote|pre|code|font|small)"
    r"\b[^<>]*>|<!--",
    re.IGNORECASE,
)


def inner_format(value: str, forced: str | None) -> str:
    """The format a template's text is read in: as configured, else html when it holds HTML tags, else template."""
    if forced is not None:
        return forced
    from replylint.formats import FORMATS

    return "html" if "html" in FORMATS and _HTML.search(value) else "template"


def library_document(text: str, fmt: str, path: str | None = None, spec: TemplateSpec | None = None) -> Document:
    """The whole file as one Document: everything outside the templates' text is markup, and the
    regions inside each template (placeholders, quotes, code...) are mapped to the file."""
    from replylint.document import Document, merge_regions

    regions = library_regions(read_library(text, fmt, spec), text, path)
    return Document(source=text, format=fmt, regions=merge_regions(regions), path=path)


def library_regions(library: Library, text: str, path: str | None = None) -> list[Region]:
    """The regions of a library file `text` read as `library` (see library_document)."""
    from replylint.document import Region, RegionKind, Span
    from replylint.formats import parse

    regions: list[Region] = []
    cursor = 0
    for template in sorted(library.templates, key=lambda t: t.scalar.content.start):
        content = template.scalar.content
        if content.start > cursor:
            regions.append(Region(RegionKind.MARKUP, Span(cursor, content.start)))
        cursor = max(cursor, content.end)
        inner = parse(template.scalar.value, template.format, path)
        regions += [Region(r.kind, template.scalar.span(*r.span)) for r in inner.regions]
    if cursor < len(text):
        regions.append(Region(RegionKind.MARKUP, Span(cursor, len(text))))
    return regions
