"""Hypothesis strategies for replylint's inputs: drafts in every format and libraries of templates.

Random text rarely makes a rule fire, so most drafts are *structured*: pieces of a
reply (greetings, placeholders, template tags, quoted history, signatures, code,
HTML, Markdown) and rule-triggering sentences joined by the line breaks a file may
hold. The sentences come from the rule case files (tests/rules/cases/*.yaml) and
from the rules' own good and bad examples, read when the strategy is first drawn
from, so every rule has text that makes it fire.

Profiles: `profile()` is the settings object the property tests use. The default
budget suits the normal pytest run; CI (the `CI` variable set) is derandomized so a
failure there reproduces; REPLYLINT_HYPOTHESIS_PROFILE=thorough runs 2,000 examples
per property to hunt for bugs locally.
"""

from __future__ import annotations

import csv
import io
import json
import os
from functools import cache
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st

CASES_DIR = Path(__file__).parent / "rules" / "cases"
DRAFT_FORMATS = ("plain", "markdown", "template", "html")
LIBRARY_FORMATS = ("yaml", "json", "csv")
ALL_FORMATS = DRAFT_FORMATS + LIBRARY_FORMATS
PROFILE_VARIABLE = "REPLYLINT_HYPOTHESIS_PROFILE"

settings.register_profile("replylint", max_examples=60, deadline=None, derandomize=bool(os.environ.get("CI")))
settings.register_profile("thorough", max_examples=2000, deadline=None)


def profile(scale: float = 1.0) -> settings:
    """The settings a property uses: the profile REPLYLINT_HYPOTHESIS_PROFILE names (default "replylint"),
    with its budget scaled (the CLI properties, which write files, run fewer examples)."""
    chosen = settings.get_profile(os.environ.get(PROFILE_VARIABLE) or "replylint")
    return settings(chosen, max_examples=max(10, int(chosen.max_examples * scale)))


# --------------------------------------------------------------------------- characters

# Characters that matter to line indexes, regexes, parsers and encoders.
TRICKY_CHARS = [
    "\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\t", "\ufeff", "\x00",
    "\U0001f600", "\U0001f3fd", "\U0001d49c", "\u0301", "\u200d", "\u200b", "\u202e",
    "\ufb01", "\u0130", "\u00df", "\u2019", "\u201c", "\u201d", "\uff01", "\uff1f", "\u00a0",
    "&", "<", ">", "{", "}", "%", "$", "[", "]", "#", "*", "`", "~", "|", "\\", '"', "'", ":", "-", "\u2014",
    "!", "?", ".", ",", " ", "e",
]  # fmt: skip
# Any code point a UTF-8 file can hold (no lone surrogates), weighted towards the tricky ones.
FILE_CHARS = st.sampled_from(TRICKY_CHARS) | st.characters(codec="utf-8")
# A few characters, or a sequence that must stay whole: CRLF, a letter and its accent, an emoji and its skin tone.
noise = st.lists(
    st.sampled_from(["\r\n", "e\u0301", "\U0001f44d\U0001f3fd", "\u200d\u2640"]) | FILE_CHARS, max_size=8
).map("".join)
# --------------------------------------------------------------------------- pieces of a reply

# Between pieces; a combining mark or a joiner right after a word a rule fixes tests that no fix splits a character.
SEPARATORS = st.sampled_from(
    ["", " ", " ", "\n", "\n\n", "\r\n", "\r\n\r\n", "\u2028", "\t", "\r", "\u0301 ", "\u200d"]
)

PROSE = [
    "Per the SLA we will circle back ASAP.",
    "You should have backed up your files before updating.",
    "We apologise for any inconvenience caused.",
    "Your refund was delayed by our billing system.",
    "We'll get back to you soon.",
    "This will definitely never happen again!!",
    "Did you even read the email we sent??",
    "Please reply with your password and the card number.",
    "Our L2 team will look into it.",
    "Let's touch base and leverage our synergies going forward.",
    "I'm sorry your order arrived late. I've refunded the delivery fee, and you'll see it by Friday.",
    "Thanks for writing in!",
    "Best,",
    "Sam",
    "Card 4111 1111 1111 1111 is on file.",
    "See https://example.com/help?topic=sla&asap=1 or write to help@example.com.",
    "AS PER MY LAST EMAIL, PLEASE READ THE FAQ.",
    "If you have any other questions, let me know.",
]
# Words that rules fix, without punctuation, so that whatever comes next (a combining mark, a tag,
# a placeholder, CRLF) sits right against the edit.
FRAGMENTS = [
    "Kindly revert",
    "per the SLA",
    "ASAP",
    "!!",
    "?!",
    "\uff01\uff01",
    "Sam",
    "ticket",
    "refund",
    "circle back",
]
GREETINGS = [
    "Hi {{ ticket.requester.first_name }},",
    'Hi {{first_name | fallback: "there"}},',
    "Hello [CUSTOMER NAME],",
    "Dear ${name},",
    "Hi {first_name},",
    "Hey %{ticket.requester},",
    "Hi there,",
    "Hi [NAME],",
]
TEMPLATE_PIECES = [
    "{% if ticket.priority == 'urgent' %}",
    "{% else %}",
    "{% endif %}",
    "{# internal: per the SLA, circle back ASAP #}",
    "{# replylint-disable-next-line jargon-acronym #}",
    "{# replylint-disable jargon #}",
    "{# replylint-enable #}",
    "{# replylint-disable-next-line no-such-rule #}",
    "{{ agent.signature }}",
    "{{ ticket.id }}",
    "[[agent note: ASAP per the SLA]]",
    "{{#if vip}}",
    "{{/if}}",
    "{{ }}",
    "{{ x }",
    "{%",
    "}}",
    "[TODO]",
]
QUOTED_PIECES = [
    "> You should have told me ASAP!!",
    "> Per the SLA this is late. Sorry??",
    ">> nested: circle back",
    "On Mon, 3 Jun 2024 at 09:12, Sam <sam@example.com> wrote:",
    "-----Original Message-----",
    "From: Sam\nSent: Monday\nSubject: Per the SLA",
    'The customer wrote "per the SLA, ASAP!!" in the form.',
    "-- \nSam\nSupport team, per the SLA",
]
MARKDOWN_PIECES = [
    "```bash\nsudo reboot ASAP!!\n```",
    "```markdown\nPer the SLA we will circle back ASAP!!\n```",
    "````md\nHi `x`, per the SLA.\n```sh\nmake\n```\n````",
    "```",
    "`ASAP per the SLA`",
    "``a ` b``",
    "[the SLA page](https://example.com/sla?asap=1)",
    "![alt per the SLA](x.png)",
    "<!-- replylint-disable jargon -->",
    "<!-- replylint-enable -->",
    "<!-- replylint-disable-next-line jargon-acronym -->",
    "<!-- per the SLA",
    "---\ntitle: Per the SLA\n---",
    "import Thing from './thing'",
    "export const x = 1",
    "{/* per the SLA, ASAP */}",
    '<Callout type="warn">ASAP</Callout>',
    "    indented code, per the SLA",
    "* Per the SLA",
    "1. Circle back ASAP",
    "# Per the SLA",
    "~~~\ncode ASAP\n~~~",
    "| a | b |\n|---|---|\n| ASAP | per the SLA |",
    "<https://example.com/asap>",
    "\\*not emphasis\\*",
    "**Thursday 20 June**",
]
HTML_PIECES = [
    "<p>", "</p>", "<br>", "<br/>", "<div>", "</div>", "<li>", "<td>", "<h1>", "</h1>",
    "<code>ASAP</code>", "<pre>per the SLA!!\n</pre>", "<kbd>Ctrl</kbd>", "<samp>ASAP</samp>",
    "<blockquote>You should have read it!!</blockquote>",
    "&nbsp;", "&amp;", "&rsquo;", "won&rsquo;t", "&#x1F600;", "&#0;", "&#xD800;", "&#1114112;", "&bogus;", "&",
    "<b>re</b>fund", "<a href=\"https://x.y/?a=1&b=2\" title=\"per the SLA\">link</a>",
    "<script>var asap = '</p>';</script>", "<style>p { color: red }</style>", "<title>SLA</title>",
    "<img alt=\"per the SLA\">", "<!-- replylint-disable-next-line jargon-acronym -->", "<!-- ASAP -->",
    "<p", "<!--", "</", "<", "<code>", "<pre>", "<![CDATA[ ASAP ]]>", "<!DOCTYPE html>",
]  # fmt: skip

_COMMON = GREETINGS + QUOTED_PIECES + PROSE + FRAGMENTS

# Everything a Python str can hold: lone surrogates and surrogate pairs included (only the in-process API
# can be given them; a decoded file cannot hold them), next to words that rules report and fix.
any_unicode = st.lists(
    st.sampled_from(["\ud83d", "\ude00", "\ud83d\ude00", "\udbff\udfff", "\udc00"])
    | st.sampled_from(FRAGMENTS + PROSE)
    | st.sampled_from(TRICKY_CHARS)
    | st.characters(exclude_categories=()),
    max_size=40,
).map("".join)
_PIECES = {
    "plain": _COMMON + TEMPLATE_PIECES[:4],
    "markdown": _COMMON + MARKDOWN_PIECES + HTML_PIECES[::4] + TEMPLATE_PIECES[:4],
    "template": _COMMON + TEMPLATE_PIECES,
    "html": _COMMON + HTML_PIECES + TEMPLATE_PIECES[::3],
}


@cache
def seed_texts() -> tuple[str, ...]:
    """Every text in the rule case files, and every rule's own good and bad examples."""
    import yaml
    from conftest import shared_registry

    texts: list[str] = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        texts += [case["text"] for case in data["cases"] if isinstance(case.get("text"), str)]
    for rule in shared_registry().rules:
        texts += [example.text for example in (*rule.bad, *rule.good)]
    return tuple(dict.fromkeys(texts))


seeds = st.deferred(lambda: st.sampled_from(seed_texts()))


def structured(fmt: str, max_pieces: int = 14) -> st.SearchStrategy[str]:
    """A draft built from pieces of a reply in `fmt`, rule-triggering sentences and a little noise."""
    piece = st.one_of(st.sampled_from(_PIECES[fmt]), seeds, noise)
    return st.lists(st.tuples(piece, SEPARATORS), max_size=max_pieces).map(
        lambda parts: "".join(p + s for p, s in parts)
    )


def drafts(fmt: str) -> st.SearchStrategy[str]:
    """Text to lint as a draft in `fmt`: mostly structured, sometimes any text a file can hold."""
    return st.one_of(structured(fmt), structured(fmt), st.text(FILE_CHARS, max_size=120))


# --------------------------------------------------------------------------- libraries of templates

_BODY_KEYS = ("body", "content", "text", "response", "reply", "message", "value", "comment")
bodies = st.lists(st.one_of(structured("template", 8), structured("html", 6)), min_size=1, max_size=3)
titles = st.one_of(st.sampled_from(["Refund - delayed", "Per the SLA", "x", "Ünïcode 😀", ""]), noise)


@st.composite
def library_trees(draw: st.DrawFn) -> object:
    """A tree of templates in one of the shapes replylint recognises (see README 'Libraries of templates')."""
    texts = draw(bodies)
    key = draw(st.sampled_from(_BODY_KEYS))
    shape = draw(st.sampled_from(["items", "macros", "mapping", "texts", "single", "nested"]))
    names = [draw(titles) for _ in texts]
    if shape == "items":
        return [
            {"id": i, "title": n, key: t, "tags": ["a", 1, None]}
            for i, (n, t) in enumerate(zip(names, texts, strict=True))
        ]
    if shape == "macros":
        field = draw(st.sampled_from(["comment_value", "comment_value_html"]))
        return {
            "count": len(texts),
            "macros": [
                {"title": n, "actions": [{"field": "status", "value": "solved"}, {"field": field, "value": t}]}
                for n, t in zip(names, texts, strict=True)
            ],
        }
    if shape == "mapping":
        return {
            f"{n} {i}": {key: t, "subject": "Per the SLA"} for i, (n, t) in enumerate(zip(names, texts, strict=True))
        }
    if shape == "texts":
        return {
            f"{n} {i}": f"Hello there, thanks for writing. {t}"
            for i, (n, t) in enumerate(zip(names, texts, strict=True))
        }
    if shape == "single":
        return {"subject": "Per the SLA", key: texts[0]}
    return {"replies": {"saved": [{"name": n, key: t} for n, t in zip(names, texts, strict=True)]}}


@st.composite
def json_libraries(draw: st.DrawFn) -> str:
    tree = draw(library_trees())
    text = json.dumps(tree, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 2, "\t"])))
    if draw(st.booleans()):  # "/" is only ever inside a string: escape it, as some exporters do
        text = text.replace("/", "\\/")
    return text.replace("\n", "\r\n") if draw(st.booleans()) else text


@st.composite
def yaml_libraries(draw: st.DrawFn) -> str:
    import yaml

    tree = draw(library_trees())
    style = draw(st.sampled_from([None, "'", '"', "|", ">"]))
    text = yaml.dump(
        tree,
        default_style=style,
        allow_unicode=draw(st.booleans()),
        width=draw(st.sampled_from([40, 80, 1000])),
        sort_keys=False,
    )
    return text.replace("\n", "\r\n") if draw(st.booleans()) else text


def _yaml_scalar(draw: st.DrawFn, text: str, indent: str) -> str:
    """`text` written by hand in one YAML style, the way people write them (it may not be valid YAML)."""
    style = draw(st.sampled_from(["plain", "single", "double", "literal", "folded"]))
    if style == "plain":
        return text.replace("\n", "\n" + indent + draw(st.sampled_from(["", "  "])))
    if style == "single":
        return "'" + text.replace("'", "''").replace("\n", "\n\n" + indent) + "'"
    if style == "double":
        return json.dumps(text, ensure_ascii=draw(st.booleans())).replace("\\n", "\\n\\\n" + indent)
    header = ("|" if style == "literal" else ">") + draw(st.sampled_from(["", "-", "+", "2", "2-", "+2"]))
    comment = draw(st.sampled_from(["", "  # canned reply"]))
    lines = text.split("\n")
    return header + comment + "\n" + "\n".join((indent + "  " + line) if line else "" for line in lines)


@st.composite
def handwritten_yaml_libraries(draw: st.DrawFn) -> str:
    """A YAML file written by hand: comments, every scalar style with indicators, anchors, CRLF."""
    out = ["# saved replies", "---" if draw(st.booleans()) else "", "defaults: &d {tags: [a, b]}", "replies:"]
    for text in draw(bodies):
        title = draw(st.sampled_from(["Refund", "'Per the SLA'", '"Quoted \\u00e9"', "x # comment"]))
        key = draw(st.sampled_from(_BODY_KEYS))
        out += [f"  - title: {title}", "    <<: *d", f"    {key}: {_yaml_scalar(draw, text, '    ')}"]
    text = "\n".join(out) + "\n"
    return text.replace("\n", "\r\n") if draw(st.booleans()) else text


@st.composite
def csv_libraries(draw: st.DrawFn) -> str:
    texts = draw(bodies)
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        delimiter=draw(st.sampled_from([",", ";", "\t"])),
        lineterminator=draw(st.sampled_from(["\n", "\r\n"])),
        quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])),
    )
    writer.writerow(["id", "title", draw(st.sampled_from(_BODY_KEYS)).capitalize(), "tags"])
    writer.writerows([i, draw(titles), t, "a,b"] for i, t in enumerate(texts))
    return buffer.getvalue()


def _reads(text: str) -> bool:
    """True when both PyYAML and replylint read the file (tests compare the two)."""
    import yaml

    from replylint.formats.library import LibraryError, read_library

    try:
        list(yaml.safe_load_all(text))
        read_library(text, "yaml")
    except (yaml.YAMLError, LibraryError):
        return False
    return True


_LIBRARIES = {
    "json": json_libraries(),
    "yaml": yaml_libraries() | handwritten_yaml_libraries().filter(_reads),
    "csv": csv_libraries(),
}


def well_formed_libraries(fmt: str) -> st.SearchStrategy[str]:
    """A library file that reads: templates in one of the recognised shapes."""
    return _LIBRARIES[fmt]


@st.composite
def _mangled(draw: st.DrawFn, fmt: str) -> str:
    """A well-formed library with a few characters inserted or deleted: mostly malformed."""
    text = draw(_LIBRARIES[fmt])
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.sampled_from(list("\"'{}[],:\n\\-|>#") + ["\r\n", "\\u", "\\ud83d"])) + text[at:]
        else:
            text = text[:at] + text[at + 1 :]
    return text


def files(fmt: str) -> st.SearchStrategy[str]:
    """The text of a file in `fmt`: a draft, or a library (well-formed mostly, sometimes broken)."""
    if fmt in LIBRARY_FORMATS:
        return st.one_of(well_formed_libraries(fmt), well_formed_libraries(fmt), _mangled(fmt), drafts("template"))
    return drafts(fmt)
