"""Placeholders: fill-ins left in a draft, and template placeholders that are empty, unclosed or unknown.

These rules read `doc.source`, not `doc.prose`: placeholders are masked out of
the prose. They skip code, comments, front matter, URLs and e-mail addresses,
and quoted e-mail history (a placeholder in an earlier message is not ours).

What counts as a leftover depends on the format:

- plain text and Markdown are drafts about to be sent, so every placeholder is a
  leftover: a fill-in slot ([NAME], XXXXXXX, <insert date>), an agent note
  ([[...]]), a note to self (TODO, FIXME) and an unrendered template variable
  ({{ first_name }}, %{ticket.number}).
- a template (.liquid, .hbs, ...) is rendered by the helpdesk, so its template
  variables and [[agent notes]] are intended. Fill-in slots are intended too when
  an agent edits the reply after inserting the macro, which is how macro
  libraries are used; the `in-templates` option reports them for templates that
  are sent without an agent editing them (triggers, auto-replies). TODO and
  FIXME are never meant for a customer and are reported in every format.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from typing import Any

from replylint import recache
from replylint.diagnostics import Finding
from replylint.document import Document, RegionKind, Span, SpanSet
from replylint.formats.placeholders import placeholder_regions
from replylint.rule import Option, Rule, rule

_NEVER_READ = (RegionKind.CODE, RegionKind.COMMENT, RegionKind.FRONT_MATTER, RegionKind.URL, RegionKind.EMAIL)


def _history(doc: Document) -> list[Span]:
    """Quoted e-mail history: '>' lines and everything after an 'On ... wrote:' line.

    Words in double quotes are QUOTE regions too, but a placeholder in quotes
    ('click "[BUTTON]"') is still ours, so only quotes that start a line count.
    """
    out = []
    for region in doc.regions_of(RegionKind.QUOTE):
        start = region.span.start
        at_line_start = start == 0 or doc.source[start - 1] == "\n"
        if at_line_start and not doc.source[start:].lstrip(" \t").startswith(('"', "\u201c")):
            out.append(region.span)
    return out


@functools.cache
def _unrendered() -> re.Pattern[str]:
    """Template blocks whose contents are not rendered: {{!-- --}}, {% comment %}, {% raw %}."""
    return recache.compile(
        r"\{\{!--.*?--\}\}|\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}"
        r"|\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}",
        re.DOTALL,
    )


def _blocked(doc: Document) -> list[Span]:
    spans = [r.span for r in doc.regions if r.kind in _NEVER_READ] + _history(doc)
    if "{{!--" in doc.source or "{%" in doc.source:
        spans += [Span(m.start(), m.end()) for m in _unrendered().finditer(doc.source)]
    return spans


def _never_sent(doc: Document) -> SpanSet:
    """What the customer never sees, template comments included (the placeholder rules ask for
    it through `doc.derived`: once per document)."""
    return SpanSet(_blocked(doc) + _comment_tags(doc))


def _comment_tags(doc: Document) -> list[Span]:
    """Template comments ({# ... #}) are never sent."""
    return [r.span for r in doc.regions_of(RegionKind.TEMPLATE_TAG) if doc.text(r.span).startswith("{#")]


# --------------------------------------------------------------------------- placeholder-leftover

# Bracketed capitals that are labels, not fill-ins: "[UPDATE] ...", "[PDF]", "[EN]".
_LABELS = frozenset(
    """
    UPDATE UPDATED EDIT EDITED SOLVED RESOLVED FIXED CLOSED OPEN NEW URGENT IMPORTANT INFO NOTE WARNING ALERT
    REMINDER CAUTION NOTICE ACTION REQUIRED EXTERNAL SPAM SIC PDF GIF VIDEO PHOTO PHOTOS IMAGE IMAGES AUDIO
    ATTACHMENT ATTACHMENTS LIVE AD PSA FYI BETA OK SECURE ENCRYPTED REPOST THREAD OFFICIAL ANNOUNCEMENT SURVEY
    POLL NSFW SPOILER SPOILERS CORRECTION REPLY RE FW FWD CC BCC EN FR DE ES IT NL PT PL SV DA NO FI JA ZH
    KO RU AR TR HE EL CS HU RO
    """.split()
) | {"ACTION REQUIRED", "ACTION NEEDED", "PLEASE READ", "READ ME", "NO REPLY", "DO NOT REPLY", "SENT FROM MY IPHONE"}

# HTML elements that look like a single placeholder word.
_HTML_WORDS = frozenset({"time", "address", "code", "data", "details", "text", "item", "label", "output"})


@functools.cache
def _leftover_patterns() -> dict[str, re.Pattern[str]]:
    target = (
        r"(?:name|date|time|day|amount|sum|value|price|total|cost|fee|number|no\.?|num|#|id|link|url|"
        r"e-?mail(?: address)?|address|phone(?: number)?|code|details|reason|country|city|product|item|order|"
        r"company|brand|signature|greeting|answer|response|text|info(?:rmation)?)"
    )
    qualifier = (
        r"(?:(?:the|your|their|his|her|our|my|customer|client|user|agent|recipient|requester|first|last|full|"
        r"company|product|order|ticket|case|account|tracking|reference|ref|phone|card|store|shop|team|refund|due|"
        r"delivery|shipping|start|end|expiry|renewal|cancellation|return|invoice|transaction|contact|sender|"
        r"manager|agent's|customer's|new|old|correct|exact|relevant|specific|other)[ _-]+){1,4}"
    )
    return {
        # Runs of X standing for a value: "transaction XXXXXXX", "+XXXXXXX", "#XXXX", "XXX-XXX-XXXX".
        # Not masking next to digits ("XXXX-XXXX-XXXX-1234", "card ending XXXX1234") and not the
        # roman numeral XXX or lower-case kisses ("Thanks xxx").
        "x_run": recache.compile(
            r"(?<![\w*•\-/])(?<!\d[ -])"
            r"(?:[#+$£€](?:X{3,}|x{3,})|X{4,}|(?:X{3,}|x{3,})(?=[-./]X|[-./]x))"
            r"(?:[-./](?:X{2,}|x{2,}))*"
            r"(?![\w*•]|[-./]?\d|(?:[ -]X+)*[ -]\d)"
        ),
        # FIXME anywhere; TODO where it reads as a note (see _is_note), not as a noun ("your TODO list").
        "note": recache.compile(r"(?<![\w-])(?:TODO|FIXME)(?![\w-])"),
        "angle": recache.compile(
            r"<\s*(?:(?:insert|add|enter|put|paste|type|fill in|include|replace with)\b[^<>\n]{1,60}"
            rf"|#\s*[\w -]{{1,30}}|{qualifier}{target}|{target})\s*>",
            re.IGNORECASE,
        ),
    }


# Text every match of each leftover pattern contains (most drafts have none: the pattern is not run).
_LEFTOVER_HINTS = {"note": ("TODO", "FIXME"), "x_run": ("XXX", "xxx"), "angle": ("<",)}


def _is_note(source: str, start: int, end: int) -> bool:
    """'TODO: ...', 'TODO - ...', '(TODO)', or TODO opening a line; FIXME always."""
    if source[start:end] == "FIXME":
        return True
    line_before = source[source.rfind("\n", 0, start) + 1 : start]
    if not line_before.strip() or line_before.rstrip()[-1:] in ("(", "[", "<", "{"):
        return True
    rest = source[end:].split("\n", 1)[0]
    return re.match(r"[ \t]*(?:[:\-\u2013)\]>]|\r?$)", rest) is not None


def _kind_of(text: str) -> str:
    if text.startswith("[["):
        return "note"
    if text.startswith("["):
        return "slot"
    if text.startswith("__"):
        return "redacted"
    return "variable"


def _variable_is_empty(text: str) -> bool:
    return not "".join(text.split()).strip("{}%$#&!>/^~-")  # any white space, as placeholder-empty's \s


@rule(
    id="placeholder-leftover",
    category="placeholder",
    severity="error",
    summary="A placeholder or note left in a draft about to be sent ([NAME], XXXX, TODO, {{ first_name }}).",
    rationale=(
        "A customer who reads 'Hi [CUSTOMER NAME]' or 'your refund of XXXX' knows at once the reply "
        "was pasted without being read, and a leftover amount or date can be a wrong promise. In a "
        "plain-text or Markdown draft every placeholder is a leftover: fill-in slots, [[agent notes]], "
        "TODO and FIXME, and template variables that were never rendered. In a template file the "
        "template's own variables and agent notes are intended, and so are fill-in slots an agent "
        "completes after inserting the macro (set `in-templates = true` to report those too, for "
        "templates that are sent automatically); TODO and FIXME are reported everywhere."
    ),
    bad=[
        "Hi [CUSTOMER NAME], your refund of [AMOUNT] is on its way.",
        "Your transaction XXXXXXX has been processed.",
        "TODO: check the refund date. Your refund is on its way.",
        "Hi {{ ticket.requester.first_name }}, thanks for writing in.",
    ],
    good=[
        "Hi Dana, your refund of $84.50 is on its way.",
        "Your card ending XXXX-1234 has been refunded.",
        "[UPDATE] The outage is fixed and everything is working again.",
    ],
    options=(
        Option(
            "in-templates",
            "boolean",
            False,
            "also report fill-in slots ([NAME], XXXX, <insert date>) in template files, for templates sent "
            "without an agent editing them",
        ),
    ),
)
def leftover(doc: Document, options: Mapping[str, Any]) -> Iterator[Finding]:
    template = doc.templated
    slots = not template or bool(options.get("in-templates"))
    blocked = doc.derived(_never_sent) if template else SpanSet(_blocked(doc))
    found: list[Finding] = []
    for region in placeholder_regions(doc.source):
        if region.kind is not RegionKind.PLACEHOLDER or blocked.overlaps(region.span):
            continue
        text = doc.text(region.span)
        kind = _kind_of(text)
        if kind == "redacted":
            continue
        if kind == "slot":
            inner = " ".join(text[1:-1].replace("_", " ").split())
            if not slots or len(inner) < 2 or inner in _LABELS:
                continue
            found.append(
                Finding(
                    region.span,
                    f"'{text}' is a fill-in placeholder left in the reply; the customer would see it as written",
                    suggestion="Replace it with the real value before sending.",
                )
            )
        elif template:
            continue  # the template's own variables and agent notes are intended
        elif kind == "note":
            found.append(
                Finding(
                    region.span,
                    f"'{text}' is an agent note left in the reply; the customer would see it",
                    suggestion="Do what the note says, then delete it.",
                )
            )
        elif not _variable_is_empty(text):  # empty ones are placeholder-empty's
            found.append(
                Finding(
                    region.span,
                    f"'{text}' is a template placeholder that was never filled in; in a {doc.format} draft "
                    "the customer sees it as written",
                    suggestion=(
                        "Put in the value. If this file is a template, give it a template ending "
                        "(.liquid, .hbs, .j2, ...) or pass --stdin-filename."
                    ),
                )
            )
    patterns = _leftover_patterns()
    taken = SpanSet([f.span for f in found] + [r.span for r in placeholder_regions(doc.source)])
    for name in ("note", "x_run", "angle"):
        if name != "note" and not slots:
            continue
        if not any(hint in doc.source for hint in _LEFTOVER_HINTS[name]):
            continue  # no match can be there
        for m in patterns[name].finditer(doc.source):
            span = Span(m.start(), m.end())
            if blocked.overlaps(span) or taken.overlaps(span):
                continue
            text = m.group()
            if name == "angle" and text[1:-1].strip().lower() in _HTML_WORDS:
                continue
            if name == "note" and not _is_note(doc.source, m.start(), m.end()):
                continue
            if name == "note":
                message = f"'{text}' is a note to yourself left in the reply"
                suggestion = "Finish what the note was for, then delete it."
            elif name == "x_run":
                message = f"'{text}' stands in for a value that was never filled in"
                suggestion = "Put in the real value before sending."
            else:
                message = f"'{text}' is a fill-in instruction left in the reply"
                suggestion = "Replace it with what it asks for before sending."
            found.append(Finding(span, message, suggestion=suggestion))
    found.sort(key=lambda f: f.span)
    yield from found


# --------------------------------------------------------------------------- placeholder-empty

_EMPTY = r"\{\{\{[\s~-]*\}\}\}|\{\{[\s~-]*\}\}|\{%[\s-]*%\}|%\{\s*\}|\$\{\s*\}|\[\[\s*\]\]"


@rule(
    id="placeholder-empty",
    category="placeholder",
    severity="error",
    summary='An empty placeholder: "{{ }}", "{{}}", "%{}", "${}".',
    rationale=(
        "An empty placeholder is a variable that was deleted or never typed. Depending on the "
        "helpdesk it renders as nothing (leaving 'Hi ,'), is sent as literal braces, or stops the "
        "template from rendering at all."
    ),
    bad=["Hi {{ }}, thanks for writing in.", "Your ticket number is %{}."],
    good=["Hi {{ ticket.requester.first_name }}, thanks for writing in.", "Your ticket number is %{ticket.number}."],
)
def empty(doc: Document) -> Iterator[Finding]:
    if "{" not in doc.source and "[[" not in doc.source:  # in every empty placeholder
        return
    blocked = doc.derived(_never_sent)
    for m in re.finditer(_EMPTY, doc.source):
        span = Span(m.start(), m.end())
        if not blocked.overlaps(span):
            yield Finding(
                span,
                f"'{m.group()}' is an empty placeholder; it renders as nothing, or as the braces themselves",
                suggestion="Put the variable's name inside, or delete the braces.",
            )


# --------------------------------------------------------------------------- placeholder-unbalanced

_OPENERS = {"{{{": "}}}", "{{": "}}", "{%": "%}", "%{": "}", "${": "}"}
_CLOSERS = ("}}}", "}}", "%}")
_TOKENS = r"\{\{\{|\}\}\}|\{\{|\}\}|\{%|%\}|%\{|\$\{|\}"


@rule(
    id="placeholder-unbalanced",
    category="placeholder",
    severity="error",
    summary='A placeholder that is opened but not closed on its line ("{{ name"), or a stray "}}" or "%}".',
    rationale=(
        "A '{{' without its '}}' (or '{%' without '%}') is a placeholder that lost half of itself in "
        "an edit. The helpdesk either refuses to render the template or sends the braces and the "
        "variable name to the customer. Placeholders and tags are expected to close on the same line."
    ),
    bad=["Hi {{ ticket.requester.first_name, thanks for writing in.", "{% if ticket.status == 'open' }"],
    good=["Hi {{ ticket.requester.first_name }}, thanks for writing in.", "{% if ticket.status == 'open' %}"],
)
def unbalanced(doc: Document) -> Iterator[Finding]:
    source = doc.source
    if "{" not in source and "}" not in source:  # every opener and closer has a brace
        return
    blocked = doc.derived(_never_sent)
    uses_templates = doc.templated or "{{" in source or "{%" in source
    line_start = 0
    for line in source.splitlines(keepends=True):
        yield from _unbalanced_line(doc, line_start, line.rstrip("\r\n"), blocked, uses_templates)
        line_start += len(line)


def _unbalanced_line(
    doc: Document, offset: int, line: str, blocked: SpanSet, uses_templates: bool
) -> Iterator[Finding]:
    opened: tuple[str, int] | None = None
    for m in re.finditer(_TOKENS, line):
        token, start = m.group(), offset + m.start()
        span = Span(start, start + len(token))
        if blocked.overlaps(span):
            continue
        if opened is None:
            if token in _OPENERS:
                opened = (token, start)
            elif token in _CLOSERS and uses_templates:
                yield Finding(
                    span,
                    f"'{token}' closes a placeholder that was never opened on this line",
                    suggestion="Add the missing opening braces, or delete the stray ones.",
                )
            continue
        want = _OPENERS[opened[0]]
        if token == want or (want == "}" and token.startswith("}")) or (want == "}}" and token == "}}}"):
            opened = None
        elif token in _OPENERS:
            yield _unclosed(opened, want)
            opened = (token, start)
        elif token in _CLOSERS:
            yield Finding(
                Span(opened[1], opened[1] + len(opened[0])),
                f"'{opened[0]}' is closed with '{token}'; it needs '{want}'",
                suggestion=f"Close it with '{want}'.",
            )
            opened = None
    if opened is not None:
        yield _unclosed(opened, _OPENERS[opened[0]])


def _unclosed(opened: tuple[str, int], want: str) -> Finding:
    token, start = opened
    return Finding(
        Span(start, start + len(token)),
        f"'{token}' is not closed with '{want}' on the same line",
        suggestion=f"Close it with '{want}', or delete it if the variable is not needed.",
    )


# --------------------------------------------------------------------------- placeholder-unknown

_PATH = r"[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\.\d+|\[\d+\])*"
_LOCAL_DEFINITIONS = (
    r"\{%-?\s*(?:for|tablerow)\s+([\w\s,]+?)\s+in\b"
    r"|\{%-?\s*(?:assign|set|capture|increment|decrement)\s+(\w+)"
    r"|\{%-?\s*(?:macro)\s+\w+\s*\(([^)]*)\)"
    r"|\{\{#(?:each|with)\b[^}|]*\|([\w\s]+)\|"
)
_BUILTINS = frozenset(
    {"loop", "forloop", "tablerowloop", "true", "false", "nil", "null", "none", "empty", "blank", "this"}
)


def _locals(source: str) -> set[str]:
    names: set[str] = set()
    for m in re.finditer(_LOCAL_DEFINITIONS, source):
        for group in m.groups():
            if group:
                names.update(n.split("=")[0].strip() for n in re.split(r"[\s,]+", group) if n.strip())
    return names


def _variable(text: str) -> str | None:
    """The variable a placeholder names, or None for helpers, blocks, literals and expressions."""
    if text.startswith("%{") or text.startswith("${"):
        inner = text[2:-1]
    elif text.startswith("{{{"):
        inner = text[3:-3]
    elif text.startswith("{{"):
        inner = text[2:-2]
    else:
        return None
    inner = inner.strip().strip("-~").strip()
    if inner.startswith("&"):
        inner = inner[1:].strip()
    if not inner or inner[0] in "#/!>^@.'\"" or inner.startswith(("else", "this.", "../")):
        return None
    head = inner.split("|", 1)[0].strip()
    if not re.fullmatch(_PATH, head):
        return None
    return re.sub(r"\[\d+\]", "", head)


def is_known(variable: str, known: tuple[str, ...] | list[str]) -> bool:
    """Exact names, or 'prefix.*' for anything under prefix ('ticket.*' covers 'ticket.id'); '*' covers all."""
    for entry in known:
        if entry == "*" or entry == variable:
            return True
        if entry.endswith(".*") and variable.startswith(entry[:-1]):
            return True
    return False


@rule(
    id="placeholder-unknown",
    category="placeholder",
    severity="warning",
    summary="A template variable that is not in the configured list of known variables (option `known`).",
    rationale=(
        "A misspelt or retired variable ({{ ticket.requester.frist_name }}) usually renders as "
        "nothing, so the customer gets 'Hi ,' and nobody notices until they complain. List the "
        "variables your helpdesk provides under [tool.replylint.options.placeholder-unknown] known; "
        "a trailing '.*' covers everything under a name ('ticket.*'). Filters after '|' are ignored, "
        "and loop and assigned variables defined in the template are allowed. With no list "
        "configured the rule reports nothing."
    ),
    bad=['known = ["ticket.requester.first_name"]  ->  "Hi {{ ticket.requester.frist_name }},"'],
    good=['known = ["ticket.requester.first_name"]  ->  "Hi {{ ticket.requester.first_name | default: \'there\' }},"'],
    options=(
        Option(
            "known",
            "strings",
            (),
            "the variables templates may use; 'ticket.*' allows everything under ticket (empty: report nothing)",
        ),
    ),
)
def unknown(doc: Document, options: Mapping[str, Any]) -> Iterator[Finding]:
    known = tuple(options.get("known") or ())
    if not known:
        return
    blocked = doc.derived(_never_sent)
    local = _locals(doc.source) | _BUILTINS
    exact = [k for k in known if not k.endswith("*")]
    for region in placeholder_regions(doc.source):
        if region.kind is not RegionKind.PLACEHOLDER or blocked.overlaps(region.span):
            continue
        text = doc.text(region.span)
        variable = _variable(text)
        if variable is None or variable.split(".")[0] in local or is_known(variable, known):
            continue
        import difflib

        close = difflib.get_close_matches(variable, exact, n=1, cutoff=0.8)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        yield Finding(
            region.span,
            f"'{variable}' is not a known template variable{hint}; an unknown variable usually renders as nothing",
            suggestion=(
                f"Use '{close[0]}'."
                if close
                else "Check the name against your helpdesk's list of variables, "
                "or add it to [tool.replylint.options.placeholder-unknown] known."
            ),
        )


RULES: tuple[Rule, ...] = (leftover, empty, unbalanced, unknown)
