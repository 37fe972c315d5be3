"""Template placeholders, template tags, URLs and e-mail addresses.

These are found in every format: a placeholder is never linted as words.
"""

from __future__ import annotations

import functools
import re

from replylint import recache
from replylint.document import Region, RegionKind, Span

# Compiled on first use, once per process (_pattern); nothing happens at import time.
# Placeholders and tags stay on one line, so a broken "{{" cannot swallow a paragraph.
_PLACEHOLDER = r"""
    \{\{\{[^\n]*?\}\}\}                      # {{{ raw }}} (Handlebars)
  | \{\{[^\n]*?\}\}                      # {{ ticket.requester.first_name }}, {{x | fallback: "there"}}
  | %\{[^{}\n]*\}                        # %{ticket.number} (osTicket)
  | \$\{[^{}\n]*\}                       # ${name}
  | \[\[[^\[\]\n]*\]\]                   # [[agent note]]
  | \[[A-Z][A-Z0-9 _./&-]*\](?![(\[:])   # [CUSTOMER NAME], [AMOUNT]
  | \{[a-z_][a-z0-9_.]*\}                # {first_name}
  | \b__[a-z]+__\b                       # __email__ (redacted exports)
"""
_TAG = r"\{%[^\n]*?%\}|\{\#[^#]*(?:\#(?!\})[^#]*)*\#\}"  # {% if ... %}, {# comment #}
_URL = r"""(?:https?://|www\.)[^\s<>"'`]+[^\s<>"'`.,;:!?)\]}]"""
_EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"


@functools.cache
def _pattern(emails: bool = True) -> re.Pattern[str]:
    """Without `emails`, for a text with no "@": the e-mail alternative, tried at every letter
    of every word, costs more than the rest of the pattern together."""
    email = rf"|(?P<email>{_EMAIL})" if emails else ""
    return recache.compile(rf"(?P<tag>{_TAG})|(?P<placeholder>{_PLACEHOLDER})|(?P<url>{_URL}){email}", re.VERBOSE)


_KINDS = {
    "tag": RegionKind.TEMPLATE_TAG,
    "placeholder": RegionKind.PLACEHOLDER,
    "url": RegionKind.URL,
    "email": RegionKind.EMAIL,
}


def placeholder_regions(text: str) -> list[Region]:
    return list(_regions(text))


@functools.lru_cache(maxsize=4)  # parsing and the placeholder rules ask for the same draft's regions
def _regions(text: str) -> tuple[Region, ...]:
    return tuple(
        Region(_KINDS[match.lastgroup or "placeholder"], Span(match.start(), match.end()))
        for match in _pattern("@" in text).finditer(text)
    )
