"""HTML drafts: only the visible text is linted, with positions in the HTML source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run, write
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.document import RegionKind
from replylint.engine import LintOptions, lint
from replylint.formats import EXTENSIONS, format_for, parse
from replylint.formats.html import scan
from replylint.registry import Registry

K = RegionKind
SELECT = ("jargon-acronym", "jargon-corporate", "blame-accusatory", "suppression")


def regions(source: str) -> list[tuple[RegionKind, str]]:
    doc = parse(source, "html")
    return [(r.kind, doc.text(r.span)) for r in doc.regions]


def found(registry: Registry, source: str, select: tuple[str, ...] = SELECT) -> list[tuple[str, int, int, str]]:
    """(rule, line, column, matched text) of each finding in an HTML `source`."""
    rules = registry.select(select=select)
    doc = parse(source, "html")
    return [
        (d.rule, d.start.line, d.start.column, d.matched)
        for d in lint(doc, rules, LintOptions(is_known=registry.is_known))
    ]


def sentences(source: str) -> list[str]:
    return [" ".join(s.text.split()) for s in parse(source, "html").sentences]


# --------------------------------------------------------------------------- file endings


def test_html_and_htm_are_html() -> None:
    assert EXTENSIONS[".html"] == EXTENSIONS[".htm"] == "html"
    assert format_for("macros/Notice.HTM") == "html"
    assert parse("<p>Hi</p>", "html").format == "html"


# --------------------------------------------------------------------------- positions


def test_findings_point_into_the_html_source(registry: Registry) -> None:
    source = (
        "<html><body>\n"
        '<div class="x"><p>Hi Ana,</p><p>Per the SLA we <b>escalated</b> it. You should have called.</p>\n'
        "<p>Kindly revert.</p></div>\n"
        "</body></html>\n"
    )
    assert found(registry, source) == [
        ("jargon-acronym", 2, 33, "Per the SLA"),
        ("blame-accusatory", 2, 69, "You should have"),
        ("jargon-corporate", 3, 4, "Kindly revert"),
    ]


def test_positions_with_crlf_and_a_multi_line_tag(registry: Registry) -> None:
    source = '<p\r\n  class="lead">Hi,</p>\r\n<p>Our TAT is two days.</p>\r\n'
    assert found(registry, source) == [("jargon-acronym", 3, 8, "TAT")]


def test_findings_through_the_cli(here: Path) -> None:
    write(here / "notice.html", "<p>Hello,</p>\n<p>Our TAT is two days.</p>\n")
    result = run("--select", "jargon-acronym", "--format", "json", "notice.html")
    report = json.loads(result.stdout)["files"][0]
    assert result.exit_code == 1
    assert report["format"] == "html"
    assert [(d["rule"], d["start"], d["text"]) for d in report["diagnostics"]] == [
        ("jargon-acronym", {"line": 2, "column": 8, "offset": 21}, "TAT")
    ]


def test_a_folder_walk_picks_html_files(here: Path) -> None:
    write(here / "replies" / "a.html", "<p>Our TAT is two days.</p>\n")
    write(here / "replies" / "b.htm", "<p>Our TAT is two days.</p>\n")
    result = run("--select", "jargon-acronym", "--format", "json", "replies")
    files = json.loads(result.stdout)["files"]
    assert [(f["path"], len(f["diagnostics"])) for f in files] == [
        (str(Path("replies/a.html")), 1),
        (str(Path("replies/b.htm")), 1),
    ]


def test_stdin_as_html(here: Path) -> None:
    from click.testing import CliRunner

    from replylint.cli import main

    result = CliRunner().invoke(
        main, ["--select", "jargon-acronym", "--stdin-filename", "n.html", "-"], input='<a title="TAT">TAT</a>\n'
    )
    assert result.stdout.splitlines()[0].startswith("<stdin>:1:16: warning jargon-acronym 'TAT'")


# --------------------------------------------------------------------------- what is never prose


TRAPS = {
    "attribute": "<p title=\"Per the SLA\" data-x='You should have'>Thanks.</p>",
    "alt text": '<img alt="Per the SLA, kindly revert" src="a.png">',
    "script": "<script>var a = 'Per the SLA'; if (a < b) { x('</p>') }</script>",
    "style": "<style>/* Per the SLA */ .x { color: red }</style>",
    "comment": "<!-- Per the SLA, you should have known -->",
    "url attribute": '<a href="https://x.example/per-the-SLA?kindly=revert">our page</a>',
    "url text": "<p>See https://x.example/Per_the_SLA today.</p>",
    "code": "<p>Type <code>Per the SLA</code> here.</p>",
    "pre": "<pre>\nYou should have\nPer the SLA\n</pre>",
    "title": "<head><title>Per the SLA</title></head>",
    "blockquote": "<blockquote><p>You should have fixed it per the SLA</p></blockquote>",
    "doctype": "<!DOCTYPE html>",
}


@pytest.mark.parametrize("source", TRAPS.values(), ids=TRAPS.keys())
def test_traps_are_never_flagged(registry: Registry, source: str) -> None:
    assert found(registry, source) == []


def test_the_traps_would_be_flagged_as_prose(registry: Registry) -> None:
    """The trap tests mean something only if their words are flagged in visible text."""
    assert [f[0] for f in found(registry, "<p>Per the SLA, you should have known.</p>")] == [
        "jargon-acronym",
        "blame-accusatory",
    ]
    assert [f[0] for f in found(registry, "<p>Kindly revert.</p>")] == ["jargon-corporate"]


def test_region_kinds() -> None:
    source = (
        "<!-- note --><p title='t'>Hi &amp; bye</p><script>x</script><style>y</style>"
        "<code>z</code><blockquote>q</blockquote><title>t</title><pre>p</pre>"
    )
    assert regions(source) == [
        (K.COMMENT, "<!-- note -->"),
        (K.MARKUP, "<p title='t'>"),
        (K.MARKUP, "&amp;"),
        (K.MARKUP, "</p>"),
        (K.MARKUP, "<script>"),
        (K.CODE, "x"),
        (K.MARKUP, "</script>"),
        (K.MARKUP, "<style>"),
        (K.CODE, "y"),
        (K.MARKUP, "</style>"),
        (K.MARKUP, "<code>"),
        (K.CODE, "z"),
        (K.MARKUP, "</code>"),
        (K.MARKUP, "<blockquote>"),
        (K.QUOTE, "q"),
        (K.MARKUP, "</blockquote>"),
        (K.MARKUP, "<title>"),
        (K.MARKUP, "t"),
        (K.MARKUP, "</title>"),
        (K.MARKUP, "<pre>"),
        (K.CODE, "p"),
        (K.MARKUP, "</pre>"),
    ]


def test_nested_and_unclosed_content_elements() -> None:
    assert regions("<blockquote>a<blockquote>b</blockquote>c</blockquote>d") == [
        (K.MARKUP, "<blockquote>"),
        (K.QUOTE, "a<blockquote>b</blockquote>c"),
        (K.MARKUP, "</blockquote>"),
    ]
    assert regions("<pre><code>x</pre>after") == [
        (K.MARKUP, "<pre>"),
        (K.CODE, "<code>x"),
        (K.MARKUP, "</pre>"),
    ]
    assert regions("x</code>y<blockquote>quoted to the end") == [
        (K.MARKUP, "</code>"),
        (K.MARKUP, "<blockquote>"),
        (K.QUOTE, "quoted to the end"),
    ]


def test_malformed_markup_ends_like_in_a_browser() -> None:
    assert regions('<div title="a > b">T</div><p unclosed') == [
        (K.MARKUP, '<div title="a > b">'),
        (K.MARKUP, "</div>"),
        (K.MARKUP, "<p unclosed"),
    ]
    assert regions("Hi <!-- unclosed comment\nstill comment") == [(K.COMMENT, "<!-- unclosed comment\nstill comment")]
    assert regions("<!--><!---> a <?xml x?> </> </ x> <![CDATA[ c ]]>") == [
        (K.COMMENT, "<!-->"),
        (K.COMMENT, "<!--->"),
        (K.MARKUP, "<?xml x?>"),
        (K.MARKUP, "</>"),
        (K.MARKUP, "</ x>"),
        (K.MARKUP, "<![CDATA[ c ]]>"),
    ]
    assert regions("<script>never closed </p> per the SLA") == [
        (K.MARKUP, "<script>"),
        (K.CODE, "never closed </p> per the SLA"),
    ]


def test_a_lone_less_than_sign_is_text() -> None:
    assert regions("if a < b or <3 or <= 2") == []


# --------------------------------------------------------------------------- templates in HTML


def test_template_placeholders_and_tags_in_html() -> None:
    source = '<p>Hi {{ first_name }},</p><a href="{{ url | default: "x" }}" {% if a > b %}class="x"{% endif %}>go</a>'
    assert regions(source) == [
        (K.MARKUP, "<p>"),
        (K.PLACEHOLDER, "{{ first_name }}"),
        (K.MARKUP, "</p>"),
        (K.MARKUP, '<a href="{{ url | default: "x" }}" {% if a > b %}class="x"{% endif %}>'),
        (K.MARKUP, "</a>"),
    ]
    assert sentences(source) == ["Hi ,", "go"]


def test_a_less_than_sign_inside_a_template_tag_is_not_a_tag() -> None:
    source = "<p>{% if total <b %}Thanks{% endif %}</p>"
    assert regions(source) == [
        (K.MARKUP, "<p>"),
        (K.TEMPLATE_TAG, "{% if total <b %}"),
        (K.TEMPLATE_TAG, "{% endif %}"),
        (K.MARKUP, "</p>"),
    ]


# --------------------------------------------------------------------------- sentences


def test_block_tags_end_sentences() -> None:
    assert sentences("<p>Hello</p><p>We fixed it</p>") == ["Hello", "We fixed it"]
    assert sentences("Thanks<br>We fixed it<br/>Bye") == ["Thanks", "We fixed it", "Bye"]
    assert sentences("<ul><li>one<li>two</ul><h2>Next</h2>three") == ["one", "two", "Next", "three"]
    assert sentences("<table><tr><td>a</td><td>b</td></tr></table>") == ["a", "b"]
    assert sentences("<div>first</div>\n<div>second</div>") == ["first", "second"]


def test_inline_tags_do_not_end_sentences() -> None:
    assert sentences("<p>We <b>will</b> refund <a href='x'>you</a> today. Thanks</p>") == [
        "We will refund you today.",
        "Thanks",
    ]


def test_a_blame_phrase_does_not_run_across_paragraphs(registry: Registry) -> None:
    """A sentence-scoped rule sees each paragraph apart: 'You' ends one block, 'should' starts the next."""
    doc = parse("<p>Thank you</p><p>You</p><p>should have the refund by Friday.</p>", "html")
    assert [s.text.strip() for s in doc.sentences] == ["Thank you", "You", "should have the refund by Friday."]


def test_sentences_keep_source_offsets() -> None:
    source = "<p>Hello there.</p><p>We fixed it.</p>"
    doc = parse(source, "html")
    assert [doc.text(s.span) for s in doc.sentences] == ["Hello there.", "We fixed it."]


# --------------------------------------------------------------------------- character references


def test_references_are_not_letters_and_keep_offsets() -> None:
    doc = parse("<p>Terms &amp; conditions&nbsp;apply. Caf&eacute; &#8217;s</p>", "html")
    assert len(doc.prose) == len(doc.source)
    assert " ".join(doc.prose.split()) == "Terms & conditions apply. Café 's"


def test_apostrophe_and_quote_references_in_the_prose() -> None:
    """The character sits next to the word it belongs to; inside a word it cannot (same-length view)."""
    doc = parse("<p>Our customers&rsquo; &lsquo;Reset&rsquo; button, won&rsquo;t</p>", "html")
    assert " ".join(doc.prose.split()) == "Our customers' 'Reset' button, won' t"
    assert regions("<p>She said &ldquo;you broke it&rdquo;</p>")[1] == (K.QUOTE, "&ldquo;you broke it&rdquo;")
    assert regions("<p>She said &quot;you broke it&quot; today</p>")[1] == (K.QUOTE, "&quot;you broke it&quot;")


def test_attribute_quotes_are_not_quotations(registry: Registry) -> None:
    """Quotes around attribute values must not pair up and hide the visible text between two tags."""
    source = '<a href="x">Per the SLA</a> and <a href="y">more</a>'
    assert found(registry, source) == [("jargon-acronym", 1, 13, "Per the SLA")]


def test_hellip_ends_a_sentence() -> None:
    assert sentences("<p>We looked into it&hellip; Thanks for waiting</p>") == [
        "We looked into it…",
        "Thanks for waiting",
    ]


def test_legacy_unknown_and_numeric_references() -> None:
    assert regions("AT&T; &amp and &hello; &#39; &#x2019; &#0; &notit;") == [
        (K.MARKUP, "&amp"),
        (K.MARKUP, "&#39;"),
        (K.MARKUP, "&#x2019;"),
        (K.MARKUP, "&#0;"),
        (K.MARKUP, "&not"),
    ]


def test_references_in_code_and_quotes_stay_hidden() -> None:
    doc = parse("<code>a &lt; b</code><blockquote>caf&eacute;</blockquote>", "html")
    assert doc.prose.strip() == ""


def test_a_fix_never_touches_a_reference(registry: Registry, here: Path) -> None:
    draft = write(here / "r.html", "<p>Kindly&nbsp;revert.</p>\n<p>Kindly revert.</p>\n")
    result = run("--fix", "--select", "jargon-corporate", "r.html")
    assert draft.read_text(encoding="utf-8") == "<p>Kindly&nbsp;revert.</p>\n<p>Please reply.</p>\n"
    assert result.exit_code == 1


# --------------------------------------------------------------------------- suppression


def test_disable_next_line(registry: Registry) -> None:
    source = "<!-- replylint-disable-next-line jargon-acronym -->\n<p>Our TAT is two days.</p>\n<p>Our TAT</p>\n"
    assert found(registry, source) == [("jargon-acronym", 3, 8, "TAT")]


def test_disable_and_enable(registry: Registry) -> None:
    source = (
        "<p>Our TAT is short.</p>\n<!-- replylint-disable jargon -->\n<p>Our TAT.</p>\n"
        "<!-- replylint-enable jargon -->\n<p>Our TAT.</p>\n"
    )
    assert found(registry, source) == [("jargon-acronym", 1, 8, "TAT"), ("jargon-acronym", 5, 8, "TAT")]


def test_invalid_and_unused_directives_are_reported(registry: Registry) -> None:
    source = "<!-- replylint-disabel blame -->\n<!-- replylint-disable-next-line blame -->\n<p>Hello.</p>\n"
    assert found(registry, source) == [
        ("suppression-invalid", 1, 1, "<!-- replylint-disabel blame -->"),
        ("suppression-unused", 2, 1, "<!-- replylint-disable-next-line blame -->"),
    ]


def test_a_directive_inside_a_script_is_not_a_directive(registry: Registry) -> None:
    source = "<script>// <!-- replylint-disable --></script>\n<p>Our TAT.</p>\n"
    assert found(registry, source) == [("jargon-acronym", 2, 8, "TAT")]


# --------------------------------------------------------------------------- fuzz

HTML_PIECES = st.sampled_from(
    [
        "<",
        ">",
        "</",
        "/>",
        "<p>",
        "</p>",
        "<br>",
        "<b>",
        "<script>",
        "</script>",
        "<style>",
        "<pre>",
        "</pre>",
        "<code>",
        "<blockquote>",
        "</blockquote>",
        "<!--",
        "-->",
        "<!",
        "<?",
        "&",
        "&amp;",
        "&nbsp;",
        "&rsquo;",
        "&#",
        "&#x",
        "&#1114112;",
        "&notit;",
        ";",
        '"',
        "'",
        "=",
        "{{",
        "}}",
        "{%",
        "%}",
        "{#",
        "#}",
        " ",
        "\n",
        "\r\n",
        "a",
        "Per the SLA",
        "x",
        "é",
        "\U0001f600",
        "\x00",
        "On Mon, Ann wrote:",
        "-- ",
        "> ",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), st.lists(HTML_PIECES, max_size=60).map("".join)))
def test_any_text_parses_with_regions_inside_it(source: str) -> None:
    markup = scan(source)
    assert all(0 <= r.span.start < r.span.end <= len(source) for r in markup.regions)
    assert all(0 <= offset < len(source) for offset, _ in markup.overlay)
    doc = parse(source, "html")
    assert all(0 <= r.span.start < r.span.end <= len(source) for r in doc.regions)
    prose = doc.prose
    assert len(prose) == len(source)
    assert [i for i, c in enumerate(source) if c == "\n"] == [
        i for i, c in enumerate(prose) if c == "\n" and source[i] == "\n"
    ]
    for i, (a, b) in enumerate(zip(doc.source, doc.masked, strict=True)):  # (a lone CR reads as LF)
        if a != b:  # only text in a region changes in the prose view
            assert any(r.span.start <= i < r.span.end for r in doc.regions), (i, source)
    doc.sentences  # noqa: B018 - computing them must not raise
