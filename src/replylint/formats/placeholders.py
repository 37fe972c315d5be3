"""Template placeholders, template tags, URLs and e-mail addresses.

These are found in every format: a placeholder is never linted as words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from replylint import recache
from replylint.document import Region, RegionKind, Span

# Compiled on first use, once per process (_pattern); nothing happens at import time.
# Placeholders and tags stay on one line, so a broken "{{" cannot swallow a paragraph, and
# are at most 1,000 characters long (a template comment 4,000): else each "{{" of a long line
# with no "}}" after it would be followed to the line's end, the line's length squared. Inside
# a run of braces only the first is tried (the others would find the same closer, or none).
_PLACEHOLDER = r"""
    (?<!\{)\{\{\{[^\n]{0,1000}?\}\}\}         # {{{ raw }}} (Handlebars)
  | (?<!\{)\{\{[^\n]{0,1000}?\}\}             # {{ ticket.requester.first_name }}, {{x | fallback: "there"}}
  | %\{[^{}\n]*\}                        # %{ticket.number} (osTicket)
  | \$\{[^{}\n]*\}                       # ${name}
  | \[\[[^\[\]\n]*\]\]                   # [[agent note]]
  | \[[A-Z][A-Z0-9 _./&-]*\](?![(\[:])   # [CUSTOMER NAME], [AMOUNT]
  | \{[a-z_][a-z0-9_.]*\}                # {first_name}
  | \b__[a-z]+__\b                       # __email__ (redacted exports)
"""
_TAG = r"\{%[^\n]{0,1000}?%\}|\{\#(?:[^#]|\#(?!\})){0,4000}+\#\}"  # {% if ... %}, {# comment #}
_URL = r"""(?:https?://|www\.)[^\s<>"'`]+[^\s<>"'`.,;:!?)\]}]"""
_ADDRESS = "A-Za-z0-9._%+-"  # the characters before an e-mail address's "@"
_EMAIL_BODY = rf"[{_ADDRESS}]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{{2,}}"
# Tried only where a run of those characters starts: from inside the run it would end at the
# same place (a long run of letters and one "@" in the text cost the run's length squared).
# Right after another match, where a run may go on, see _matches.
_EMAIL = rf"(?<![{_ADDRESS}]){_EMAIL_BODY}"


@functools.cache
def _pattern(emails: bool = True, guarded: bool = True) -> re.Pattern[str]:
    """Without `emails`, for a text with no "@": the e-mail alternative, tried at every letter
    of every word, costs more than the rest of the pattern together. Unguarded: the e-mail
    alternative tried wherever it is asked (see _matches)."""
    email = rf"|(?P<email>{_EMAIL if guarded else _EMAIL_BODY})" if emails else ""
    return recache.compile(rf"(?P<tag>{_TAG})|(?P<placeholder>{_PLACEHOLDER})|(?P<url>{_URL}){email}", re.VERBOSE)


def _matches(text: str) -> Iterator[re.Match[str]]:
    """The pattern's matches, exactly as `finditer` gives them without the e-mail guard.

    The guard skips a place whose character before is one an address may hold. That is right
    inside a run (its start was tried), but not just after another match, where `finditer`
    tries next whatever the character before: there the pattern is tried unguarded first.
    """
    if "@" not in text:
        yield from _pattern(False).finditer(text)
        return
    guarded, unguarded, inside_address = _pattern(), _pattern(guarded=False), _address_pair().match
    pos = 0
    while True:
        if pos and inside_address(text, pos - 1):  # the match before ended inside a run
            match = unguarded.match(text, pos)
            if match is not None:
                yield match
                pos = match.end()
                continue
        match = guarded.search(text, pos)
        if match is None:
            return
        yield match
        pos = match.end()  # never empty: every alternative needs characters


@functools.cache
def _address_pair() -> re.Pattern[str]:
    return re.compile(f"[{_ADDRESS}]{{2}}")


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
        Region(_KINDS[match.lastgroup or "placeholder"], Span(match.start(), match.end())) for match in _matches(text)
    )
