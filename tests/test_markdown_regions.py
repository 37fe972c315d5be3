from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.document import RegionKind
from replylint.engine import LintOptions, lint
from replylint.formats import parse
from replylint.formats.markdown import markdown_regions
from replylint.registry import Registry

K = RegionKind


def found(source: str) -> list[tuple[RegionKind, str]]:
    return [(r.kind, source[r.span.start : r.span.end]) for r in markdown_regions(source)]


def test_plain_prose_has_no_regions() -> None:
    assert found("Hello there,\n\nThanks for writing in!\n") == []


def test_inline_code_spans_include_backticks() -> None:
    src = "Run `npm install` then ``echo `x` done`` now.\n"
    assert found(src) == [(K.CODE, "`npm install`"), (K.CODE, "``echo `x` done``")]


def test_unmatched_backticks_are_prose() -> None:
    assert found("It's a ` stray and `` another\n") == []


def test_fenced_code_block_whole_lines() -> None:
    src = "Try this:\n\n```python\nprint('hi')\n```\n\nBye\n"
    assert found(src) == [(K.CODE, "```python\nprint('hi')\n```")]


def test_unclosed_fence_runs_to_end() -> None:
    assert found("x\n\n~~~\ncode\n") == [(K.CODE, "~~~\ncode")]


def test_indented_code_block() -> None:
    src = "Para.\n\n    line one\n    line two\n\nAfter.\n"
    assert found(src) == [(K.CODE, "    line one\n    line two")]


def test_code_inside_list_item() -> None:
    src = "- step one\n\n  ```\n  make build\n  ```\n- step `two`\n"
    assert found(src) == [(K.CODE, "  ```\n  make build\n  ```"), (K.CODE, "`two`")]


def test_code_inside_blockquote() -> None:
    src = "> Customer said:\n> ```\n> error 42\n> ```\n> and `oops`\n"
    assert found(src) == [(K.CODE, "> ```\n> error 42\n> ```"), (K.CODE, "`oops`")]


def test_code_inside_nested_blockquote_and_list() -> None:
    src = "> > - item with `deep` code\n> >   and `more`\n"
    assert found(src) == [(K.CODE, "`deep`"), (K.CODE, "`more`")]


def test_inline_code_spanning_blockquote_lines() -> None:
    src = "> a `b\n> c` d\n"
    assert found(src) == [(K.CODE, "`b\n> c`")]


def test_html_comment_inline() -> None:
    src = "Hi <!-- internal note --> there\n"
    assert found(src) == [(K.COMMENT, "<!-- internal note -->")]


def test_html_comment_block_spanning_lines() -> None:
    src = "Hello\n\n<!--\nagent: check refund\n-->\n\nBye\n"
    assert found(src) == [(K.COMMENT, "<!--\nagent: check refund\n-->")]


def test_html_comment_inline_spanning_lines() -> None:
    src = "Hello <!-- a\nb --> world\n"
    assert found(src) == [(K.COMMENT, "<!-- a\nb -->")]


def test_other_raw_html_is_markup() -> None:
    src = "Some <b>bold</b> text\n\n<div align=center>\nx\n</div>\n"
    assert found(src) == [
        (K.MARKUP, "<b>"),
        (K.MARKUP, "</b>"),
        (K.MARKUP, "<div align=center>\nx\n</div>"),
    ]


def test_link_destination_and_title_are_markup() -> None:
    src = 'Read [our guide](https://x.y/help "Help") today.\n'
    assert found(src) == [(K.MARKUP, '(https://x.y/help "Help")')]


def test_link_text_with_inline_code() -> None:
    src = "See [the `reset` command](https://x.y/reset) for details.\n"
    assert found(src) == [(K.CODE, "`reset`"), (K.MARKUP, "(https://x.y/reset)")]


def test_image_destination_is_markup_alt_is_prose() -> None:
    src = "![a screenshot](shot.png 'Shot')\n"
    assert found(src) == [(K.MARKUP, "(shot.png 'Shot')")]


def test_reference_definition_and_full_reference_link() -> None:
    src = "Use [the docs][d] or [d].\n\n[d]: https://x.y/docs 'Docs'\n"
    assert found(src) == [(K.MARKUP, "[d]"), (K.MARKUP, "[d]: https://x.y/docs 'Docs'")]


def test_autolinks() -> None:
    src = "Visit <https://x.y/a?b=1> or mail <help@x.y>.\n"
    assert found(src) == [(K.URL, "<https://x.y/a?b=1>"), (K.EMAIL, "<help@x.y>")]


def test_front_matter() -> None:
    src = "---\ntitle: Refund\ntags: [a, b]\n---\n# Hello `x`\n"
    assert found(src) == [
        (K.FRONT_MATTER, "---\ntitle: Refund\ntags: [a, b]\n---"),
        (K.CODE, "`x`"),
    ]


def test_front_matter_closed_by_dots_and_not_parsed_as_markdown() -> None:
    src = "---\nnote: `not code`\n...\nText\n"
    assert found(src) == [(K.FRONT_MATTER, "---\nnote: `not code`\n...")]


def test_unclosed_front_matter_is_not_front_matter() -> None:
    assert found("---\nJust text\n") == []


def test_mdx_import_export() -> None:
    src = "import Tip from './tip'\nexport const x = 1\n\nHello `y`\n\n- import is prose here\n"
    assert found(src) == [
        (K.MARKUP, "import Tip from './tip'\nexport const x = 1"),
        (K.CODE, "`y`"),
    ]


def test_import_inside_code_is_code() -> None:
    src = "```\nimport os\n```\n"
    assert found(src) == [(K.CODE, "```\nimport os\n```")]


def test_crlf_input() -> None:
    src = (
        "---\r\na: 1\r\n---\r\n"
        "Hi `x` and [y](https://z.q)\r\n"
        "<!-- one\r\ntwo -->\r\n"
        "\r\n```\r\ncode\r\n```\r\n"
        "> quoted `q`\r\n"
    )
    assert found(src) == [
        (K.FRONT_MATTER, "---\r\na: 1\r\n---"),
        (K.CODE, "`x`"),
        (K.MARKUP, "(https://z.q)"),
        (K.COMMENT, "<!-- one\r\ntwo -->"),
        (K.CODE, "```\r\ncode\r\n```"),
        (K.CODE, "`q`"),
    ]


def test_tabs_emoji_and_combining_characters() -> None:
    src = "Caf\u00e9 \U0001f600 `a\u0301` then\t`tab`\n-\titem `li`\n"
    assert found(src) == [(K.CODE, "`a\u0301`"), (K.CODE, "`tab`"), (K.CODE, "`li`")]


def test_headings_atx_and_setext() -> None:
    src = "# Title `h1` #\n\nSetext `s`\nwith [l](u)\n---\n"
    assert found(src) == [(K.CODE, "`h1`"), (K.CODE, "`s`"), (K.MARKUP, "(u)")]


def test_table_cells() -> None:
    src = "| name | value |\n|---|---|\n| `a` | `a` |\n| [x](y) | <z@q.r> |\n"
    assert found(src) == [
        (K.CODE, "`a`"),
        (K.CODE, "`a`"),
        (K.MARKUP, "(y)"),
        (K.EMAIL, "<z@q.r>"),
    ]
    regions = markdown_regions(src)
    assert regions[0].span.end < regions[1].span.start


def test_regions_are_sorted_and_not_nested() -> None:
    src = "Hi `a` <!-- `b` --> [c](d)\n\n```\n`e`\n```\n"
    regions = markdown_regions(src)
    assert [r.span.start for r in regions] == sorted(r.span.start for r in regions)
    assert found(src) == [
        (K.CODE, "`a`"),
        (K.COMMENT, "<!-- `b` -->"),
        (K.MARKUP, "(d)"),
        (K.CODE, "```\n`e`\n```"),
    ]


MARKDOWN_CHARS = st.sampled_from(
    list("`~<>[]()!-*_#>|:@./\"'\\ \t\n\r\x00ax1")
    + ["\r\n", "<!--", "-->", "```", "    ", "\U0001f600", "e\u0301"]
    + ["```markdown\n", "~~~md\n", "````md\n", "{/*", "*/}", "import x\n"]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(MARKDOWN_CHARS, max_size=60).map("".join)))
def test_never_raises_and_spans_in_bounds(source: str) -> None:
    for region in markdown_regions(source):
        assert 0 <= region.span.start <= region.span.end <= len(source)


# --------------------------------------------------------------------------- saved replies in ```markdown fences


def test_markdown_fence_is_read_as_markdown() -> None:
    src = "## Thanks\n\n```markdown\nHi @user, run `npm test` and see [docs](https://x.y).\n```\n\nAfter `x`\n"
    assert found(src) == [
        (K.MARKUP, "```markdown"),
        (K.CODE, "`npm test`"),
        (K.MARKUP, "(https://x.y)"),
        (K.MARKUP, "```"),
        (K.CODE, "`x`"),
    ]


def test_md_and_tilde_fences_with_nested_code() -> None:
    src = "~~~md\nHello\n\n```bash\ngit pull\n```\n~~~\n\n````markdown\nA\n```sh\nmake\n```\nB\n````\n"
    assert found(src) == [
        (K.MARKUP, "~~~md"),
        (K.CODE, "```bash\ngit pull\n```"),
        (K.MARKUP, "~~~"),
        (K.MARKUP, "````markdown"),
        (K.CODE, "```sh\nmake\n```"),
        (K.MARKUP, "````"),
    ]


def test_other_fences_stay_code() -> None:
    src = "```python\nx = 1\n```\n\n```\nplain\n```\n"
    assert found(src) == [(K.CODE, "```python\nx = 1\n```"), (K.CODE, "```\nplain\n```")]


def test_markdown_fence_in_a_container_or_indented_stays_code() -> None:
    assert found("- item\n\n  ```markdown\n  Hi\n  ```\n") == [(K.CODE, "  ```markdown\n  Hi\n  ```")]
    assert found("> ```md\n> Hi\n> ```\n") == [(K.CODE, "> ```md\n> Hi\n> ```")]
    assert found("  ```markdown\n  Hi\n  ```\n") == [(K.CODE, "  ```markdown\n  Hi\n  ```")]


def test_unclosed_markdown_fence_runs_to_the_end() -> None:
    assert found("```markdown\nHi `x`\nBye\n") == [(K.MARKUP, "```markdown"), (K.CODE, "`x`")]


def test_no_front_matter_inside_a_fence() -> None:
    assert found("```markdown\n---\ntitle: x\n---\nHi\n```\n") == [(K.MARKUP, "```markdown"), (K.MARKUP, "```")]


def test_deeply_nested_markdown_fences_end_as_code() -> None:
    depth = 8
    src = "".join("`" * (3 + depth - k) + "markdown\n" for k in range(depth)) + "x\n"
    src += "".join("`" * (3 + k + 1) + "\n" for k in range(depth))
    kinds = [kind for kind, _ in found(src)]
    assert kinds[:3] == [K.MARKUP, K.MARKUP, K.MARKUP] and kinds[3] is K.CODE


def test_fence_contents_keep_crlf_offsets() -> None:
    src = "```markdown\r\nRun `a`\r\n```\r\n"
    assert found(src) == [(K.MARKUP, "```markdown"), (K.CODE, "`a`"), (K.MARKUP, "```")]


# --------------------------------------------------------------------------- MDX


MDX = (
    "---\ntitle: Saved replies\n---\n\n"
    "import { Steps } from '@astrojs/starlight/components';\n"
    "export const meta = { owner: 'support' };\n\n"
    "{/* internal: review these monthly */}\n\n"
    "## Closing a duplicate\n\n"
    "<Steps>\n\n"
    '1. Check the <Badge text="dup" /> label.\n\n'
    "</Steps>\n\n"
    "```markdown\n"
    "Hi @username,\n\n"
    "Per the SLA we close duplicates. Run `git pull` first.\n"
    "```\n"
)


def test_mdx_imports_jsx_comments_and_fences() -> None:
    assert found(MDX) == [
        (K.FRONT_MATTER, "---\ntitle: Saved replies\n---"),
        (
            K.MARKUP,
            "import { Steps } from '@astrojs/starlight/components';\nexport const meta = { owner: 'support' };",
        ),
        (K.COMMENT, "{/* internal: review these monthly */}"),
        (K.MARKUP, "<Steps>"),
        (K.MARKUP, '<Badge text="dup" />'),
        (K.MARKUP, "</Steps>"),
        (K.MARKUP, "```markdown"),
        (K.CODE, "`git pull`"),
        (K.MARKUP, "```"),
    ]


def test_mdx_comment_inside_code_is_code() -> None:
    assert found("Use `{/* x */}` here\n") == [(K.CODE, "`{/* x */}`")]


def test_mdx_saved_replies_are_linted_with_exact_positions(registry: Registry) -> None:
    doc = parse(MDX, "markdown")
    rules = registry.select(select=("jargon-acronym",))
    findings = [(d.rule, d.start.line, d.start.column, d.matched) for d in lint(doc, rules, LintOptions())]
    assert findings == [("jargon-acronym", 21, 1, "Per the SLA")]


def test_mdx_comment_directives(registry: Registry) -> None:
    text = "{/* replylint-disable-next-line jargon-acronym */}\nOur TAT is two days.\n\nOur TAT is two days.\n"
    rules = registry.select(select=("jargon-acronym", "suppression"))
    doc = parse(text, "markdown")
    findings = [(d.rule, d.start.line) for d in lint(doc, rules, LintOptions(is_known=registry.is_known))]
    assert findings == [("jargon-acronym", 4)]


# A draft with none of the syntax that makes a region skips the parse (formats.markdown._plain):
# each construct below must still be parsed, and give its region.
@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Run `make` now.\n", [(K.CODE, "`make`")]),
        ("Hi,\n\n    code here\n", [(K.CODE, "    code here")]),
        ("Hi,\n\n\tcode here\n", [(K.CODE, "\tcode here")]),
        ("~~~\ncode\n~~~\n", [(K.CODE, "~~~\ncode\n~~~")]),
        ("See <https://example.com/help>.\n", [(K.URL, "<https://example.com/help>")]),
    ],
    ids=["code-span", "indented-code", "tab-indented-code", "tilde-fence", "autolink"],
)
def test_syntax_that_makes_a_region_is_parsed(source: str, expected: list[tuple[RegionKind, str]]) -> None:
    from replylint.formats.markdown import _plain

    assert not _plain(source)
    assert found(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        "Hello there,\n\nThanks for writing in!\n",
        "# Your refund\n\n- step one\n- step two\n\n1. first\n2. second\n\n> quoted\n\n**bold** and _it_\n",
        "Title\n-----\n\nText with a * star and a # hash.\n",
    ],
)
def test_a_plain_draft_skips_the_parse_with_the_same_regions(source: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from replylint.formats import markdown

    assert markdown._plain(source)
    fast = markdown_regions(source)
    monkeypatch.setattr(markdown, "_plain", lambda text: False)
    assert markdown_regions(source) == fast == []
