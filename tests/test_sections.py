"""A very large draft is linted in sections (replylint.sections), with file coordinates throughout."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from helpers import run, write

from replylint import sections
from replylint.document import LineIndex, Span, lone_cr_as_lf
from replylint.sections import section_spans

# Replies that each give a finding or two (jargon with a safe fix, blame, an admission, vague timing).
REPLIES = (
    "Thanks for getting in touch. We will circle back by Monday at 5 pm with the refund details.",
    "Per the SLA, refunds take ten days. Please reply with your order number by Friday.",
    "You should have read the instructions before you installed the update.\nI've reset it for you now.",
    "Your parcel was delayed at our depot. It left this morning and arrives tomorrow.",
    "I'll look into it and get back to you soon.",
    "Thank you for your patience! Your new card is on its way and should arrive by Thursday.",
)


def many_replies(count: int, newline: str = "\n") -> str:
    return "".join(REPLIES[n % len(REPLIES)].replace("\n", newline) + newline * 2 for n in range(count))


def assert_cover(spans: list[Span], text: str) -> None:
    assert "".join(text[s.start : s.end] for s in spans) == text
    assert all(s.start < s.end for s in spans)
    assert all(a.end == b.start for a, b in zip(spans, spans[1:], strict=False))


@pytest.fixture
def small_sections(monkeypatch: pytest.MonkeyPatch) -> None:
    """Section drafts of over 300 characters into sections of about 200, so tests stay small and fast."""
    monkeypatch.setattr(sections, "LARGE_DRAFT", 300)
    monkeypatch.setattr(sections, "TARGET", 200)


def findings(path: Path, *args: str) -> list[dict]:
    result = run("--format", "json", *args, str(path))
    assert result.exit_code in (0, 1), result.output
    (file,) = json.loads(result.stdout)["files"]
    assert file["error"] is None
    return file["diagnostics"]


def where(d: dict) -> tuple:
    return (d["rule"], d["start"]["line"], d["start"]["column"], d["start"]["offset"], d["end"]["offset"], d["text"])


# --- where sections start -----------------------------------------------------------------


def test_no_text_no_sections() -> None:
    assert section_spans("", "plain") == []


def test_sections_start_after_blank_lines_once_past_the_target() -> None:
    text = "aaaa\nbbbb\n\ncccc\n\ndddd\n \t\neeee"
    assert section_spans(text, "plain", target=5) == [Span(0, 11), Span(11, 17), Span(17, 25), Span(25, 29)]
    assert section_spans(text, "plain", target=12) == [Span(0, 17), Span(17, 29)]
    assert section_spans(text, "plain", target=100) == [Span(0, 29)]


def test_a_paragraph_is_never_split_below_the_cap() -> None:
    text = "one line\n" * 20 + "\nlast"
    assert section_spans(text, "plain", target=10) == [Span(0, 181), Span(181, 185)]


def test_a_paragraph_longer_than_the_cap_is_split_at_line_ends() -> None:
    text = "0123456789\n" * 10
    spans = section_spans(text, "plain", target=5, cap=30)
    assert spans == [Span(0, 22), Span(22, 44), Span(44, 66), Span(66, 88), Span(88, 110)]
    assert all(text[s.start - 1] == "\n" for s in spans[1:])


def test_a_line_longer_than_the_cap_is_split_at_a_space() -> None:
    text = "word " * 40 + "\n\nnext"
    spans = section_spans(text, "plain", target=5, cap=50)
    assert_cover(spans, text)
    assert all(s.end - s.start <= 50 for s in spans)
    assert all(text[s.start - 1] in " \n" for s in spans[1:])
    unbroken = "x" * 120
    assert section_spans(unbroken, "plain", target=5, cap=50) == [Span(0, 50), Span(50, 100), Span(100, 120)]
    # Never between a CR and its LF, nor before a combining accent.
    assert section_spans("x" * 49 + "\r\n", "plain", target=5, cap=50) == [Span(0, 49), Span(49, 51)]
    accented = "x" * 48 + "e\u0301\u0301" + "x" * 10
    assert section_spans(accented, "plain", target=5, cap=50) == [Span(0, 48), Span(48, 61)]


def test_long_lines_are_cut_after_a_sentence_when_there_is_one() -> None:
    text = "One. Two? Three! " * 10
    spans = section_spans(text, "plain", target=5, paragraph=40)
    assert_cover(spans, text)
    assert all(text[s.start - 2 : s.start] in (". ", "? ", "! ") for s in spans[1:])
    assert all(s.end - s.start <= 40 for s in spans)


def test_blocks_are_kept_whole_up_to_the_cap_and_paragraphs_up_to_the_paragraph_limit() -> None:
    code = "```\n" + "x = 1\n" * 30 + "```\n"
    prose = "words\n" * 30
    text = "Intro.\n\n" + code + "\n" + prose
    spans = section_spans(text, "markdown", target=5, cap=400, paragraph=60)
    assert text.index(code) in [s.start for s in spans]
    assert not any(text.index(code) < s.start < text.index(code) + len(code) for s in spans)
    after = [s for s in spans if s.start >= text.index(code) + len(code)]
    assert len(after) == 4 and all(s.end - s.start <= 60 for s in after)  # 181 characters, at most 60 a section
    spans = section_spans(text, "markdown", target=5, cap=100, paragraph=60)
    assert any(text.index(code) < s.start < text.index(code) + len(code) for s in spans)


def test_markdown_fences_comments_and_raw_blocks_are_kept_whole() -> None:
    for block in (
        "```text\ncode\n\nmore code\n\n```\n",
        "~~~~\ncode\n\n~~~\nstill code\n\n~~~~\n",
        "<!--\na comment\n\nstill the comment\n-->\n",
        "<pre>\npre\n\nstill pre\n</pre>\n",
        "Some words {/* an MDX\n\ncomment */}\n",
    ):
        text = "Intro paragraph.\n\n" + block + "\nAfter.\n\nEnd.\n"
        spans = section_spans(text, "markdown", target=1)
        starts = [s.start for s in spans]
        inside = range(text.index(block) + 1, text.index(block) + len(block))
        assert not any(s in inside for s in starts), (block, spans)
        assert text.index(block) in starts and text.index("After.") in starts
        # In plain text the same lines are only paragraphs.
        assert any(s in inside for s in (s.start for s in section_spans(text, "plain", target=1)))


def test_markdown_front_matter_and_indented_lines() -> None:
    text = "---\ntitle: x\n\nnote: y\n---\n\nFirst.\n\n    indented continuation\n\n---\n\nLast.\n"
    starts = [s.start for s in section_spans(text, "markdown", target=1)]
    # Not inside front matter, not before an indented line or a `---` line.
    assert starts == [0, text.index("First."), text.index("Last.")]
    assert_cover(section_spans(text, "markdown", target=1), text)


def test_a_disable_next_line_comment_stays_with_its_line() -> None:
    text = "Intro.\n\n<!-- replylint-disable-next-line jargon -->\n\nCovered line.\n\nNext.\n"
    starts = [s.start for s in section_spans(text, "markdown", target=1)]
    assert text.index("Covered") not in starts
    assert text.index("Next.") in starts


def test_sections_cover_any_text_exactly() -> None:
    pieces = ["word ", "\n", "\n\n", "\r\n", "```\n", "<!--", "-->\n", "    x\n", "---\n", " ", "long" * 30]
    rng = random.Random(5)
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        for fmt in ("plain", "markdown"):
            spans = section_spans(text, fmt, target=rng.randint(1, 40), cap=rng.randint(20, 80))
            assert_cover(spans, text)


# --- linting in sections ------------------------------------------------------------------


def check_positions(diagnostics: list[dict], text: str) -> None:
    """Every finding's line, column and text are those of its offsets in the whole text."""
    lines = LineIndex(text)
    for d in diagnostics:
        for key in ("start", "end"):
            p = d[key]
            assert tuple(lines.position(p["offset"])) == (p["line"], p["column"], p["offset"]), d
        assert text[d["start"]["offset"] : d["end"]["offset"]] == d["text"]


@pytest.mark.parametrize(("name", "newline"), [("replies.txt", "\n"), ("replies.md", "\n"), ("crlf.txt", "\r\n")])
def test_findings_are_those_of_each_section_alone(here: Path, small_sections: None, name: str, newline: str) -> None:
    text = many_replies(24, newline)
    path = write(here / name, "")
    path.write_bytes(text.encode())
    spans = section_spans(text, "markdown" if name.endswith(".md") else "plain")
    assert len(spans) > 5
    whole = findings(path)
    check_positions(whole, text)
    expected = []
    for n, span in enumerate(spans):
        part = write(here / "parts" / f"{n}{path.suffix}", "")
        part.write_bytes(text[span.start : span.end].encode())
        lines_before = text.count("\n", 0, span.start)
        for d in findings(part):
            expected.append(
                (
                    d["rule"],
                    d["start"]["line"] + lines_before,
                    d["start"]["column"],
                    d["start"]["offset"] + span.start,
                    d["end"]["offset"] + span.start,
                    d["text"],
                )
            )
    assert [where(d) for d in whole] == expected
    assert {d["rule"] for d in whole} >= {"jargon-acronym", "jargon-corporate", "blame-accusatory", "apology-missing"}


def test_a_cut_long_line_keeps_columns(here: Path, small_sections: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sections, "CAP", 250)
    text = "Hello. " * 60 + " ".join(REPLIES).replace("\n", " ") * 3 + "\n"
    path = write(here / "one-line.txt", text)
    assert len(section_spans(text, "plain")) > 3
    whole = findings(path)
    assert {d["start"]["line"] for d in whole} == {1}
    assert any(d["start"]["column"] > 250 for d in whole)
    check_positions(whole, text)


def test_fix_a_sectioned_file(here: Path, small_sections: None) -> None:
    text = many_replies(30)
    path = write(here / "replies.txt", text)
    result = run("--fix", str(path))
    fixed = path.read_text(encoding="utf-8")
    assert fixed == text.replace("circle back", "follow up")
    assert result.stderr.endswith(f"fixed {text.count('circle back')} problems\n")
    assert "jargon-corporate" not in result.stdout
    assert "jargon-acronym" in result.stdout  # not a safe fix: left for the writer
    check_positions(findings(path), fixed)


def test_fix_in_sections_keeps_disabled_text_across_sections(here: Path, small_sections: None) -> None:
    block = "".join(f"Paragraph {n}: we will circle back by Monday at 5 pm.\n\n" for n in range(8))
    hidden = "<!-- replylint-disable jargon -->\n\n" + block + "<!-- replylint-enable jargon -->\n\n"
    text = block + hidden + block
    path = write(here / "reply.md", text)
    assert len(section_spans(text, "markdown")) > 4
    result = run("--fix", str(path))
    assert result.stderr.endswith("fixed 16 problems\n")
    fixed = path.read_text(encoding="utf-8")
    assert fixed == block.replace("circle back", "follow up") + hidden + block.replace("circle back", "follow up")


def _drafts(rng: random.Random) -> str:
    pieces = [
        *REPLIES,
        "Kindly revert with the date!!",
        "Please kindly revert ASAP!!!",
        "<!-- replylint-disable jargon -->",
        "<!-- replylint-enable jargon -->",
        "<!-- replylint-disable-next-line tone -->",
        "```\nWe will circle back.\n```",
        "> We will circle back, you said.",
    ]
    return "".join(
        rng.choice(pieces) + rng.choice(["\n", "\n\n", " ", "\r\r", "\n\n\n"]) for _ in range(rng.randint(5, 40))
    )


@pytest.mark.parametrize("fmt", ["plain", "markdown"])
def test_fixing_in_sections_is_fixing_the_whole_text(small_sections: None, fmt: str) -> None:
    """Section by section, the fixes, the fixed text and what is left are those of fixing the whole
    text with the sectioned linter (the way it was done before fix_draft)."""
    from replylint.engine import LintOptions
    from replylint.fixer import fix_text
    from replylint.registry import build_registry

    registry = build_registry(plugins=False)
    rules = registry.select((), ())
    options = LintOptions(is_known=registry.is_known)
    rng = random.Random(11)
    checked = 0
    for _ in range(60):
        text = _drafts(rng)
        unsafe = rng.random() < 0.5
        whole = fix_text(text, lambda t: sections.lint_draft(t, fmt, None, rules, options), unsafe)
        by_section = sections.fix_draft(text, fmt, None, rules, options, unsafe)
        assert by_section == whole, text
        checked += len(text) > sections.LARGE_DRAFT and whole.applied > 0
    assert checked > 30


def test_a_section_whose_fixes_do_not_settle_leaves_the_file(small_sections: None) -> None:
    """All or nothing: one section that never settles and the whole text is left as it was."""
    import re

    from replylint.diagnostics import Applicability, Edit, Fix
    from replylint.document import Document
    from replylint.engine import ActiveRule, LintOptions
    from replylint.rule import Finding, rule

    @rule(id="test-grows", category="test", severity="warning", summary="s", rationale="r")
    def grows(doc: Document):  # type: ignore[no-untyped-def]
        for m in re.finditer("x+", doc.source):  # each fix adds an x: it never settles
            span = Span(m.start(), m.end())
            yield Finding(span, "m", fix=Fix((Edit(span, m.group() + "x"),), Applicability.SAFE))

    rules = [ActiveRule(grows, grows.severity)]
    text = many_replies(12) + "A last paragraph with xx in it.\n"
    assert len(section_spans(text, "plain")) > 4
    result = sections.fix_draft(text, "plain", None, rules, LintOptions(), unsafe=False)
    assert (result.text, result.applied, result.settled) == (text, 0, False)
    assert list(result.diagnostics) == sections.lint_draft(text, "plain", None, rules, LintOptions())


def test_diff_of_a_sectioned_file(here: Path, small_sections: None) -> None:
    text = many_replies(12)
    path = write(here / "replies.md", text)
    result = run("--diff", str(path))
    assert result.exit_code == 1
    assert result.stdout.count("+Thanks for getting in touch. We will follow up by Monday") == 2
    assert path.read_text(encoding="utf-8") == text


def test_a_draft_just_under_the_threshold_is_one_draft(here: Path, small_sections: None) -> None:
    # A signature runs to the end of a draft; in a sectioned draft, to the end of its section.
    head = "Thanks,\nSam\n-- \nSam Lee, Support\n\n"
    tail = "We will circle back by Monday at 5 pm.\n"
    filler = "x" * (300 - len(head) - len(tail) - 2)
    under = write(here / "under.txt", head + filler + "\n\n" + tail)
    over = write(here / "over.txt", head + filler + "x\n\n" + tail)
    assert len(under.read_text()) == 300 and len(over.read_text()) == 301
    assert findings(under) == []
    (finding,) = findings(over)
    assert (finding["rule"], finding["start"]["line"], finding["start"]["column"]) == ("jargon-corporate", 8, 9)


def test_only_plain_text_and_markdown_are_sectioned(here: Path, small_sections: None) -> None:
    text = "Hi,\n-- \nsig\n\n" + "x" * 300 + "\n\nWe will circle back by Monday at 5 pm.\n"
    assert findings(write(here / "reply.liquid", text)) == []
    assert [d["rule"] for d in findings(write(here / "reply.txt", text))] == ["jargon-corporate"]


def test_disable_and_enable_across_sections(here: Path, small_sections: None) -> None:
    block = "".join(f"Paragraph {n}: we will circle back by Monday at 5 pm.\n\n" for n in range(8))
    text = (
        "<!-- replylint-disable jargon -->\n\n"
        + block
        + "<!-- replylint-enable jargon -->\n\n"
        + block
        + "<!-- replylint-disable blame -->\n\nNothing to hide here, and no enable either.\n\n"
        + block
    )
    path = write(here / "reply.md", text)
    assert len(section_spans(text, "markdown")) > 6
    diagnostics = findings(path)
    enable = text.index("<!-- replylint-enable")
    jargon = [d["start"]["offset"] for d in diagnostics if d["rule"] == "jargon-corporate"]
    assert len(jargon) == 16 and min(jargon) > enable
    unused = [d for d in diagnostics if d["rule"] == "suppression-unused"]
    assert [d["start"]["offset"] for d in unused] == [text.index("<!-- replylint-disable blame")]
    check_positions(diagnostics, text)


def test_disable_next_line_at_a_section_boundary(here: Path, small_sections: None) -> None:
    filler = "".join(f"Paragraph {n} has nothing to report at all.\n\n" for n in range(6))
    text = filler + "<!-- replylint-disable-next-line jargon -->\n\nWe will circle back by Monday at 5 pm.\n\n" + filler
    path = write(here / "reply.md", text)
    assert findings(path) == []


def test_a_disable_that_hides_findings_only_in_later_sections_is_used(here: Path, small_sections: None) -> None:
    quiet = "".join(f"Paragraph {n} has nothing to report at all.\n\n" for n in range(6))
    text = "<!-- replylint-disable jargon-corporate -->\n\n" + quiet + "We will circle back by Monday at 5 pm.\n"
    path = write(here / "reply.md", text)
    spans = section_spans(text, "markdown")
    assert spans[0].end < text.index("circle back")
    assert findings(path) == []


def test_a_section_ends_where_a_reply_visibly_ends() -> None:
    for end in (
        "Thanks,\nSam\n-- \nSam Lee\nSupport\n\n",
        "Thanks, Sam\n\n---\n\n",
        "Thanks, Sam\n\n\n",
        "Ta\n\n*****\n\n",
    ):
        text = "First reply.\n" + end + "Second reply.\n\nMore of it.\n"
        starts = [s.start for s in section_spans(text, "plain", target=1000)]
        assert starts == [0, text.index("Second")], end
    for not_an_end in ("Title\n-----\n\n", "a -- b\n\n", "Thanks, Sam\n\n"):
        text = "First reply.\n" + not_an_end + "Second reply.\n\nMore of it.\n"
        assert section_spans(text, "plain", target=1000) == [Span(0, len(text))], not_an_end


# --- a large file read a block at a time -----------------------------------------------------

STREAM_PIECES = [
    "word ",
    "Kindly revert. ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "```\n",
    "<!--",
    "-->\n",
    "    x\n",
    "---\n",
    "-- \n",
    "<!-- replylint-disable-next-line jargon -->\n",
    "long" * 30,
    "é👍",
]


def _blocks_of(text: str, rng: random.Random) -> list[str]:
    """`text` in blocks that end at a line end (LF, or a CR not before a LF), as files.read_blocks cuts."""
    ends = [i + 1 for i, c in enumerate(text) if c == "\n" or (c == "\r" and text[i + 1 : i + 2] != "\n")]
    cuts = sorted(rng.sample(ends, min(len(ends), rng.randint(0, 6))))
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True) if a < b] or [text]


def test_sections_of_a_stream_are_those_of_the_whole_text() -> None:
    rng = random.Random(7)
    for _ in range(1500):
        text = "".join(rng.choice(STREAM_PIECES) for _ in range(rng.randint(0, 60)))
        fmt = rng.choice(["plain", "markdown"])
        sizes = {"target": rng.randint(1, 60), "cap": rng.randint(20, 120), "paragraph": rng.randint(10, 80)}
        whole = section_spans(lone_cr_as_lf(text), fmt, **sizes)
        streamed = list(sections.stream_sections(_blocks_of(text, rng), fmt, **sizes))
        assert streamed == [(s.start, text[s.start : s.end]) for s in whole], (text, sizes)


def test_linting_blocks_is_linting_the_whole_text(small_sections: None) -> None:
    from replylint.engine import LintOptions
    from replylint.registry import build_registry

    registry = build_registry(plugins=False)
    rules, options = registry.select((), ()), LintOptions(is_known=registry.is_known)
    rng = random.Random(8)
    for _ in range(40):
        text = "".join(
            rng.choice([*REPLIES, *STREAM_PIECES]) + rng.choice(["\n", "\n\n", "\r\r"])
            for _ in range(rng.randint(1, 30))
        )
        fmt = rng.choice(["plain", "markdown"])
        whole = sections.lint_draft(text, fmt, None, rules, options)
        assert sections.lint_blocks(_blocks_of(text, rng), fmt, None, rules, options) == whole, text


def _read_in_small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files over 64 bytes are read a block of 64 bytes at a time, and never whole."""
    from replylint import files, runner

    monkeypatch.setattr(runner, "BLOCK_BYTES", 64)
    original = files.read_blocks
    monkeypatch.setattr(runner, "read_blocks", lambda path, max_bytes: original(path, max_bytes, size=64))
    monkeypatch.setattr(runner, "read_text", lambda *a: pytest.fail("read whole"))


@pytest.mark.parametrize("name", ["replies.md", "replies.txt", "mac.txt"])
def test_a_large_file_is_linted_as_it_is_read(
    here: Path, small_sections: None, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    text = many_replies(20, "\r" if name == "mac.txt" else "\n").replace("Thanks for getting", "Thanks 👍 for getting")
    path = here / name
    path.write_bytes(text.encode())
    whole = run("--format", "json", str(path))  # under a block (1 MB): read whole
    _read_in_small_blocks(monkeypatch)
    streamed = run("--format", "json", str(path))
    assert streamed.stdout == whole.stdout
    check_positions(json.loads(streamed.stdout)["files"][0]["diagnostics"], lone_cr_as_lf(text))


def test_a_bad_byte_late_in_a_streamed_file_is_the_files_error(
    here: Path, small_sections: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = here / "bad.txt"
    bad.write_bytes(many_replies(20).encode() + b"caf\xe9\n" + b"More text.\n")
    good = write(here / "good.txt", many_replies(20))
    _read_in_small_blocks(monkeypatch)
    result = run(str(bad), str(good))
    offset = len(many_replies(20).encode()) + 3
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"{bad}: not UTF-8 text (byte 0xe9 at offset {offset})"
    assert f"{good}:" in result.stdout and f"{bad}:" not in result.stdout
