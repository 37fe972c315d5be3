"""Inline suppression in comments the customer never sees.

Markdown and HTML files use HTML comments and template files use template comments:

    <!-- replylint-disable [rule-or-category ...] -->   until replylint-enable or the end
    <!-- replylint-enable [rule-or-category ...] -->
    <!-- replylint-disable-next-line [rule-or-category ...] -->
    {# replylint-disable-next-line jargon-acronym #}

With no names a directive covers every rule. Plain text has no comments a
customer cannot see, so it is controlled through config only. A directive that
cannot be read is an error, never a blanket suppression; one that hides nothing
is reported as unused.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from replylint.document import Document, RegionKind, Span, SpanSet

_COMMENT_BODY = {
    "markdown": (RegionKind.COMMENT, re.compile(r"(?:<!--|\{/\*)(.*?)(?:-->|\*/\})", re.DOTALL)),  # HTML, MDX
    "html": (RegionKind.COMMENT, re.compile(r"<!--(.*?)-->", re.DOTALL)),
    "template": (RegionKind.TEMPLATE_TAG, re.compile(r"\{#(.*?)#\}", re.DOTALL)),
}
_DIRECTIVE = re.compile(r"\s*replylint-(disable-next-line|disable|enable)(?:\s+(.*?))?\s*$", re.DOTALL)
_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


@dataclass
class Directive:
    span: Span
    action: str  # disable, enable, disable-next-line
    names: tuple[str, ...]  # empty: every rule
    used: bool = False


@dataclass
class _Scope:
    start: int
    end: int
    names: tuple[str, ...]
    directive: Directive


@dataclass
class Suppressions:
    scopes: list[_Scope] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    errors: list[tuple[Span, str]] = field(default_factory=list)
    # The scopes as a SpanSet, and how many scopes it was built from (scopes may be added after).
    _index: tuple[SpanSet, int] | None = field(default=None, repr=False, compare=False)

    def suppresses(self, offset: int, rule_id: str, category: str) -> bool:
        """Whether a scope for the rule covers `offset`; every such scope is marked used.

        Only the scopes that hold `offset` are looked at (SpanSet.holding): a draft of thousands
        of `disable-next-line` comments and findings no longer costs their product.
        """
        if not self.scopes:
            return False
        index = self._index
        if index is None or index[1] != len(self.scopes):
            index = self._index = (SpanSet(Span(s.start, s.end) for s in self.scopes), len(self.scopes))
        hit = False
        for position in index[0].holding(offset):
            scope = self.scopes[position]
            if not scope.names or rule_id in scope.names or category in scope.names:
                scope.directive.used = True
                hit = True
        return hit

    def unused(self) -> list[Directive]:
        return [d for d in self.directives if d.action != "enable" and not d.used]


def parse_directives(doc: Document, is_known: Callable[[str], bool]) -> Suppressions:
    """Read directives from the document's comments; `is_known` accepts rule ids and categories."""
    result = Suppressions()
    # The format's own comments, and template comments in any text that is a template
    # (an HTML or Markdown template in a library takes both).
    syntaxes = dict([_COMMENT_BODY[doc.format]] if doc.format in _COMMENT_BODY else [])
    if doc.templated:
        syntaxes.update([_COMMENT_BODY["template"]])
    if not syntaxes:
        return result
    open_scopes: list[_Scope] = []
    for region in doc.regions_of(*syntaxes):
        body = syntaxes[region.kind].fullmatch(doc.text(region.span))
        if body is None or "replylint" not in body.group(1):
            continue
        directive = _parse_one(body.group(1), region.span, is_known, result.errors)
        if directive is None:
            continue
        result.directives.append(directive)
        if directive.action == "disable-next-line":
            line = doc.lines.position(region.span.end).line
            start, end = _next_line(doc, line)
            result.scopes.append(_Scope(start, end, directive.names, directive))
        elif directive.action == "disable":
            open_scopes.append(_Scope(region.span.end, len(doc.source), directive.names, directive))
        else:  # enable: close matching open scopes
            still_open = []
            for scope in open_scopes:
                if not directive.names or set(scope.names) <= set(directive.names) and scope.names:
                    scope.end = region.span.start
                    result.scopes.append(scope)
                else:
                    still_open.append(scope)
            open_scopes = still_open
    result.scopes.extend(open_scopes)
    return result


def _parse_one(
    body: str, span: Span, is_known: Callable[[str], bool], errors: list[tuple[Span, str]]
) -> Directive | None:
    match = _DIRECTIVE.fullmatch(body)
    if match is None:
        word = body.strip().split()[0] if body.strip() else ""
        if word.startswith("replylint"):
            errors.append(
                (
                    span,
                    f"malformed replylint comment {word!r}: use replylint-disable, replylint-enable or replylint-disable-next-line",
                )
            )
        return None
    action, rest = match.group(1), (match.group(2) or "")
    names = tuple(n for n in re.split(r"[\s,]+", rest.strip()) if n)
    if "all" in names or "ALL" in names:  # "disable all" is the same as naming nothing
        names = ()
    for name in names:
        if not _NAME.fullmatch(name) or not is_known(name):
            errors.append((span, f"replylint-{action} names unknown rule or category {name!r}"))
            return None
    return Directive(span, action, names)


def _next_line(doc: Document, line: int) -> tuple[int, int]:
    """The span of the first non-blank line after `line`."""
    index = doc.lines
    for n in range(line + 1, index.line_count + 1):
        start = index.line_start(n)
        end = index.line_start(n + 1) if n < index.line_count else len(doc.source)
        if doc.source[start:end].strip():
            return start, end
    return len(doc.source), len(doc.source)
