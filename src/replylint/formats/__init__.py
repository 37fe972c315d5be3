"""Input formats: each turns source text into a Document with its non-prose regions."""

from __future__ import annotations

import os
from pathlib import PurePath

from replylint.document import Document, Region, lone_cr_as_lf, merge_regions
from replylint.formats.email import email_regions
from replylint.formats.placeholders import placeholder_regions

PLAIN = "plain"
MARKDOWN = "markdown"
TEMPLATE = "template"
HTML = "html"

# File name endings replylint reads when it walks a directory, by format.
EXTENSIONS = {
    ".txt": PLAIN,
    ".text": PLAIN,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".mdx": MARKDOWN,
    ".liquid": TEMPLATE,
    ".j2": TEMPLATE,
    ".jinja": TEMPLATE,
    ".jinja2": TEMPLATE,
    ".hbs": TEMPLATE,
    ".handlebars": TEMPLATE,
    ".mustache": TEMPLATE,
    ".tmpl": TEMPLATE,
    ".tpl": TEMPLATE,
    ".html": HTML,
    ".htm": HTML,
    # Libraries of templates: each template in the file is linted as a draft (formats/library/).
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".csv": "csv",
}
FORMATS = (PLAIN, MARKDOWN, TEMPLATE, HTML)
LIBRARY_FORMATS = ("yaml", "json", "csv")  # not drafts: see replylint.library


def format_for(path: str | PurePath) -> str:
    """The format for a file name; unknown endings are read as plain text."""
    return EXTENSIONS.get(ending(os.path.basename(os.fspath(path))), PLAIN)


def ending(name: str) -> str:
    """A file name's ending, lower case: PurePath(name).suffix without building a path (none
    for ".hidden" or "name.")."""
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


def parse(text: str, format: str = PLAIN, path: str | None = None) -> Document:
    if format in LIBRARY_FORMATS:  # the whole file; text outside the templates is markup
        from replylint.formats.library import library_document

        return library_document(text, format, path)
    text = lone_cr_as_lf(text)  # same length: offsets into the file hold
    if format == HTML:
        from replylint.formats.html import parse_html

        return parse_html(text, path)
    regions: list[Region] = placeholder_regions(text)
    if format == MARKDOWN:
        from replylint.formats.markdown import markdown_regions

        regions += markdown_regions(text)
    regions += email_regions(text)
    return Document(source=text, format=format, regions=merge_regions(regions), path=path, templated=format == TEMPLATE)
