"""Reading input: encodings, line endings, code-point columns, bad bytes, sizes, links and permissions."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from replylint.cli import main

TAT = "Our TAT is two days."  # jargon-acronym reports 'TAT' at column 5 of this line


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def report(*args: str) -> tuple[int, dict]:
    result = run("--format", "json", "--select", "jargon-acronym", *args)
    return result.exit_code, json.loads(result.stdout)


def only_diagnostic(data: dict) -> dict:
    [file] = data["files"]
    assert file["error"] is None, file["error"]
    [d] = file["diagnostics"]
    return d


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --------------------------------------------------------------------------- encodings and positions


def test_utf8_bom_is_not_counted(here: Path) -> None:
    (here / "r.txt").write_bytes(codecs.BOM_UTF8 + f"{TAT}\n".encode())
    code, data = report("r.txt")
    d = only_diagnostic(data)
    assert code == 1
    assert d["start"] == {"line": 1, "column": 5, "offset": 4}
    assert d["end"] == {"line": 1, "column": 8, "offset": 7}
    assert d["text"] == "TAT"
    assert d["fix"]["edits"][0]["start"] == 4  # edits address the text without its BOM


def test_crlf_line_endings(here: Path) -> None:
    (here / "r.txt").write_bytes(f"Hi Sam,\r\n\r\n{TAT}\r\n".encode())
    d = only_diagnostic(report("r.txt")[1])
    assert d["start"] == {"line": 3, "column": 5, "offset": 15}
    assert d["end"] == {"line": 3, "column": 8, "offset": 18}
    assert d["text"] == "TAT"


def test_crlf_text_output(here: Path) -> None:
    (here / "r.txt").write_bytes(b"Hi Sam,\r\nThanks for your note.\r\nOur TAT is two days.\r\n")
    result = run("--select", "jargon-acronym", "r.txt")
    assert result.stdout.splitlines()[0].startswith("r.txt:3:5: warning jargon-acronym 'TAT'")
    assert "\r" not in result.stdout


def test_crlf_phrase_across_a_line_break(here: Path) -> None:
    (here / "r.txt").write_bytes(b"Thanks for waiting.\r\nWe will respond per the\r\nSLA.\r\n")
    d = only_diagnostic(report("r.txt")[1])
    assert d["start"] == {"line": 2, "column": 17, "offset": 37}
    assert d["end"] == {"line": 3, "column": 4, "offset": 49}
    assert d["text"] == "per the\r\nSLA"


def test_lone_cr_line_endings(here: Path) -> None:
    """An old Mac file (CR only) has lines, as in ruff, Python's universal newlines and editors."""
    (here / "r.txt").write_bytes(f"Hi Sam,\r\r{TAT}\r".encode())
    d = only_diagnostic(report("r.txt")[1])
    assert d["start"] == {"line": 3, "column": 5, "offset": 13}
    assert d["end"] == {"line": 3, "column": 8, "offset": 16}
    result = run("--select", "jargon-acronym", "r.txt")
    assert result.stdout.splitlines()[0].startswith("r.txt:3:5: warning jargon-acronym 'TAT'")


def test_lone_cr_phrase_across_a_line_break_quotes_the_file(here: Path) -> None:
    (here / "r.txt").write_bytes(b"Thanks for waiting.\rWe will respond per the\rSLA.\r")
    d = only_diagnostic(report("r.txt")[1])
    assert d["start"] == {"line": 2, "column": 17, "offset": 36}
    assert d["end"] == {"line": 3, "column": 4, "offset": 47}
    assert d["text"] == "per the\rSLA"  # the file's own text at the span


def test_a_lone_cr_ends_a_line_for_suppression_comments(here: Path) -> None:
    (here / "r.md").write_bytes(f"Hi,\r<!-- replylint-disable-next-line jargon-acronym -->\r{TAT}\r{TAT}\r".encode())
    d = only_diagnostic(report("r.md")[1])
    assert d["start"]["line"] == 4


def test_a_cr_inside_a_crlf_file_ends_its_line(here: Path) -> None:
    (here / "r.txt").write_bytes(f"Hi Sam,\r\nPasted\r{TAT}\r\n".encode())
    d = only_diagnostic(report("r.txt")[1])
    assert d["start"] == {"line": 3, "column": 5, "offset": 20}


def test_a_decomposed_accent_belongs_to_its_word(here: Path) -> None:
    """'SLÁ' written as 'SLA' and U+0301 (NFD, as macOS and some editors write it) is not the
    acronym 'SLA', nor is 'PIÑA' 'PIN'; the composed forms never were."""
    decomposed = "Per the SLA\u0301 y la PIN\u0303A. Your SLA\u0301S. We will reply.\n"
    (here / "r.txt").write_text(decomposed, encoding="utf-8")
    assert report("r.txt")[1]["files"][0]["diagnostics"] == []
    (here / "r.txt").write_text(unicodedata.normalize("NFC", decomposed), encoding="utf-8")
    assert report("r.txt")[1]["files"][0]["diagnostics"] == []
    (here / "r.txt").write_text("Per the SLA\u00a0\u0301 we will reply.\n", encoding="utf-8")  # a mark on a space
    assert only_diagnostic(report("r.txt")[1])["text"] == "Per the SLA"


def test_tab_counts_as_one_column(here: Path) -> None:
    (here / "r.txt").write_text(f"\t{TAT}\n\t\tOur TAT again.\n", encoding="utf-8")
    _, data = report("r.txt")
    starts = [(d["start"]["line"], d["start"]["column"]) for d in data["files"][0]["diagnostics"]]
    assert starts == [(1, 6), (2, 7)]


def test_emoji_and_combining_characters_count_as_code_points(here: Path) -> None:
    # U+1F600 is one code point (4 bytes, 2 UTF-16 units); "e" + U+0301 is two code points.
    (here / "r.txt").write_text("\U0001f600 e\u0301 Our TAT is two days.\n", encoding="utf-8")
    d = only_diagnostic(report("r.txt")[1])
    assert d["start"] == {"line": 1, "column": 10, "offset": 9}
    assert d["end"]["column"] == 13


def test_emoji_in_text_output(here: Path) -> None:
    (here / "r.txt").write_text("Thanks 🙏🏽! Our TAT is two days.\n", encoding="utf-8")
    result = run("--select", "jargon-acronym", "r.txt")
    # the skin-tone modifier is a code point of its own: 🙏 + 🏽 are two columns
    assert result.stdout.splitlines()[0].startswith("r.txt:1:16: warning jargon-acronym")


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
    ids=["utf-16-le", "utf-16-be"],
)
def test_utf16_with_bom_is_decoded(here: Path, bom: bytes, codec: str) -> None:
    (here / "r.txt").write_bytes(bom + f"Hi Sam,\r\n\r\n{TAT}\r\n".encode(codec))
    code, data = report("r.txt")
    d = only_diagnostic(data)
    assert code == 1
    assert d["start"] == {"line": 3, "column": 5, "offset": 15}
    assert d["text"] == "TAT"


def test_utf16_without_bom_is_refused_as_binary(here: Path) -> None:
    (here / "r.txt").write_bytes(TAT.encode("utf-16-le"))
    result = run("r.txt")
    assert result.exit_code == 2
    assert result.stderr == "r.txt: binary file, not text (NUL byte at offset 1)\n"


def test_truncated_utf16_is_refused(here: Path) -> None:
    (here / "r.txt").write_bytes(codecs.BOM_UTF16_LE + b"O\x00u\x00r")
    result = run("r.txt")
    assert result.exit_code == 2
    assert result.stderr == "r.txt: not valid UTF-16-LE text (at offset 6)\n"


# --------------------------------------------------------------------------- bad input


def test_invalid_utf8_names_the_byte_and_offset_and_other_files_are_still_reported(here: Path) -> None:
    data = b"Hello there \xff and more\n"
    offset = data.index(b"\xff")
    (here / "bad.txt").write_bytes(data)
    (here / "good.txt").write_text(f"{TAT}\n", encoding="utf-8")
    result = run("bad.txt", "good.txt")
    assert result.exit_code == 2
    assert offset == 12
    assert result.stderr == f"bad.txt: not UTF-8 text (byte 0xff at offset {offset})\n"
    assert result.stdout.splitlines() == [
        "good.txt:1:5: warning jargon-acronym 'TAT' is internal shorthand the customer may not know: "
        '"TAT" -> "turnaround time"',
        "1 problem (0 errors, 1 warning) in 1 file; 1 file could not be linted",
    ]


def test_invalid_utf8_offset_is_a_byte_offset_in_the_file(here: Path) -> None:
    # After a BOM and a multi-byte character, the offset still counts bytes from the start of the file.
    data = codecs.BOM_UTF8 + "Zoë ".encode() + b"\xc3\x28"
    (here / "bad.txt").write_bytes(data)
    result = run("bad.txt")
    assert data.index(b"\xc3\x28") == 8
    assert result.stderr == "bad.txt: not UTF-8 text (byte 0xc3 at offset 8)\n"


def test_nul_byte_is_refused_as_binary(here: Path) -> None:
    (here / "r.txt").write_bytes(b"Hello\x00world")
    (here / "ok.txt").write_text("Thanks!\n", encoding="utf-8")
    result = run("r.txt", "ok.txt")
    assert result.exit_code == 2
    assert result.stderr == "r.txt: binary file, not text (NUL byte at offset 5)\n"
    assert result.stdout == "no problems in 1 file; 1 file could not be linted\n"


def test_empty_file_is_clean(here: Path) -> None:
    (here / "empty.txt").write_bytes(b"")
    (here / "bom-only.md").write_bytes(codecs.BOM_UTF8)
    result = run("empty.txt", "bom-only.md")
    assert result.exit_code == 0
    assert result.stdout == "no problems in 2 files\n"
    assert result.stderr == ""


def test_file_over_max_file_size_is_refused_with_one_line(here: Path) -> None:
    big = here / "big.txt"
    big.write_bytes(b"a " * (1024 * 1024 + 5))  # a little over 2 MB
    (here / "ok.txt").write_text("Thanks!\n", encoding="utf-8")
    result = run("--max-file-size", "1", "big.txt", "ok.txt")
    assert result.exit_code == 2
    assert result.stderr == "big.txt: file too large (2 MB; the limit is 1 MB, see --max-file-size)\n"
    assert result.stdout == "no problems in 1 file; 1 file could not be linted\n"


def test_file_just_over_the_limit_says_how_much_larger(here: Path) -> None:
    # Rounded, both sizes would read "1 MB": the file's size is then given in exact bytes.
    (here / "big.txt").write_bytes(b"a" * (1024 * 1024 + 1))
    result = run("--max-file-size", "1", "big.txt")
    assert result.exit_code == 2
    assert result.stderr == "big.txt: file too large (1048577 bytes; the limit is 1 MB, see --max-file-size)\n"


def test_max_file_size_must_be_positive(here: Path) -> None:
    result = run("--max-file-size", "0", "x.txt")
    assert result.exit_code == 2
    assert "Invalid value for '--max-file-size'" in result.stderr


# --------------------------------------------------------------------------- links and permissions


def test_directory_symlink_loop_does_not_hang(here: Path) -> None:
    drafts = here / "drafts"
    (drafts / "inner").mkdir(parents=True)
    (drafts / "inner" / "r.txt").write_text(f"{TAT}\n", encoding="utf-8")
    os.symlink(drafts, drafts / "inner" / "loop")  # drafts/inner/loop -> drafts
    os.symlink("..", drafts / "up")  # drafts/up -> here
    proc = subprocess.run(
        [sys.executable, "-m", "replylint", "--select", "jargon-acronym", "drafts"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.splitlines() == [
        "drafts/inner/r.txt:1:5: warning jargon-acronym 'TAT' is internal shorthand the customer may not know: "
        '"TAT" -> "turnaround time"',
        "1 problem (0 errors, 1 warning) in 1 file",
    ]


def test_file_symlink_loop_given_explicitly(here: Path) -> None:
    os.symlink("self.txt", here / "self.txt")
    result = run("self.txt")
    assert result.exit_code == 2
    assert result.stderr == "self.txt: cannot read file (Too many levels of symbolic links)\n"


def test_file_symlink_loop_inside_a_walked_directory(here: Path) -> None:
    drafts = here / "drafts"
    drafts.mkdir()
    (drafts / "ok.txt").write_text(f"{TAT}\n", encoding="utf-8")
    os.symlink("self.txt", drafts / "self.txt")
    result = run("drafts")
    assert result.exit_code == 2
    assert result.stderr == "drafts/self.txt: cannot read file (Too many levels of symbolic links)\n"


def test_symlinked_file_is_read(here: Path) -> None:
    (here / "real.txt").write_text(f"{TAT}\n", encoding="utf-8")
    os.symlink("real.txt", here / "link.txt")
    result = run("--select", "jargon-acronym", "link.txt")
    assert result.exit_code == 1
    assert result.stdout.startswith("link.txt:1:5:")


def test_dangling_symlink(here: Path) -> None:
    os.symlink("nowhere.txt", here / "dangling.txt")
    result = run("dangling.txt")
    assert result.exit_code == 2
    assert result.stderr == "dangling.txt: no such file or directory\n"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_unreadable_file(here: Path) -> None:
    secret = here / "secret.txt"
    secret.write_text(f"{TAT}\n", encoding="utf-8")
    (here / "ok.txt").write_text("Thanks!\n", encoding="utf-8")
    secret.chmod(0)
    try:
        result = run("secret.txt", "ok.txt")
    finally:
        secret.chmod(0o644)
    assert result.exit_code == 2
    assert result.stderr == "secret.txt: permission denied\n"
    assert result.stdout == "no problems in 1 file; 1 file could not be linted\n"


def test_a_reply_written_below_a_quoted_message_is_linted() -> None:
    from replylint.document import RegionKind
    from replylint.formats import parse

    text = (
        "On 8 Apr, Helen Clarke wrote:\n"
        "> Why is my account frozen?\n"
        "\n"
        "Dear Mrs. Clarke,\n"
        "The hold will be looked at in due course.\n"
    )
    doc = parse(text)
    assert [(r.kind, doc.text(r.span)) for r in doc.regions] == [
        (RegionKind.QUOTE, "On 8 Apr, Helen Clarke wrote:\n> Why is my account frozen?\n\n")
    ]
    assert "in due course" in doc.masked


def test_history_without_quote_marks_runs_to_the_end() -> None:
    from replylint.formats import parse

    text = "Thanks, we will call you today.\n\nOn Mon, 3 Jun 2024, Ann wrote:\nPer the SLA you owe me.\n"
    doc = parse(text)
    assert doc.masked.strip() == "Thanks, we will call you today."


# --------------------------------------------------------------------------- reading a large file a block at a time


def test_blocks_make_the_text_and_end_at_line_ends(tmp_path: Path) -> None:
    import random

    from replylint.files import read_blocks, read_text

    rng = random.Random(3)
    pieces = ["a", "é", "\n", "\r", "\r\n", "👍", " ", "\n\n"]
    path = tmp_path / "r.txt"
    for n in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        path.write_bytes((codecs.BOM_UTF8 if n % 7 == 0 else b"") + text.encode())
        blocks = list(read_blocks(path, size=rng.randint(1, 12)))
        assert "".join(blocks) == read_text(path).text == text
        at = 0
        for block in blocks[:-1]:  # a lone CR is known to be one: never the first half of a CRLF
            at += len(block)
            assert block.endswith("\n") or (block.endswith("\r") and text[at : at + 1] != "\n"), (text, blocks)


@pytest.mark.parametrize(
    "data",
    [
        b"abc\n" * 10 + b"\xc3(" + b"x\n" * 10,
        b"abc\n" * 10 + b"\0",
        b"a\n" * 5 + b"\xc3(" + b"b\n" * 5 + b"\0",  # the NUL is named, as when the file is read whole
        b"ab\n" * 5 + b"\xe2\x82",
        codecs.BOM_UTF8 + b"a\n" * 9 + b"\x80",
        codecs.BOM_UTF16_LE + "Hi\nthere\n".encode("utf-16-le"),
        b"x" * 100,
    ],
)
def test_blocks_fail_as_reading_whole_fails(tmp_path: Path, data: bytes) -> None:
    from replylint.files import InputError, read_blocks, read_text

    path = tmp_path / "r.txt"
    path.write_bytes(data)
    outcomes = []
    for read in (lambda: read_text(path, 90).text, lambda: "".join(read_blocks(path, 90, size=4))):
        try:
            outcomes.append(read())
        except InputError as exc:
            outcomes.append(f"error: {exc}")
    assert outcomes[0] == outcomes[1]
