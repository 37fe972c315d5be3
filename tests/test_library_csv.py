"""CSV libraries of templates: quoted fields with "" and line breaks, names, delimiters, fixes, errors."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from helpers import STABLE, run, write
from helpers import library_findings as findings

from replylint.formats.library import LibraryError, read_library

SAVED = (
    "id,title,body,tags\r\n"
    '1,Late parcel,"Hi,\r\n\r\nThe ""express"" option was late; per the SLA we will kindly\r\nrevert.",shipping\r\n'
    "2,,You should have checked the size; we will kindly revert.,returns\r\n"
    '3,"Quoted, title","Per the SLA, nothing else",billing\r\n'
)


def test_positions_in_quoted_multiline_fields(here: Path) -> None:
    path = write(here / "saved.csv", SAVED)
    assert findings(path) == [
        # two "" before the words on the same line; the field started two lines up
        ("jargon-acronym", 4, 34, "per the SLA", "Late parcel"),
        ("jargon-corporate", 4, 54, "kindly\r\nrevert", "Late parcel"),
        # no title: the id names it
        ("blame-accusatory", 6, 4, "You should have", "2"),
        ("jargon-corporate", 6, 46, "kindly revert", "2"),
        ("jargon-acronym", 7, 20, "Per the SLA", "Quoted, title"),
    ]


def test_fixes_keep_the_csv(here: Path) -> None:
    path = write(here / "saved.csv", SAVED)
    result = run("--fix", "--unsafe-fixes", "--select", STABLE, str(path))
    assert result.stderr == "fixed 4 problems\n"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    before = list(csv.reader(io.StringIO(SAVED, newline="")))
    assert rows[1][2] == 'Hi,\r\n\r\nThe "express" option was late; within the time we promised we will please reply.'
    assert rows[2][2] == "You should have checked the size; we will please reply."
    assert rows[3][2] == "Within the time we promised, nothing else"
    for row, old in zip(rows, before, strict=True):
        assert row[:2] + row[3:] == old[:2] + old[3:]


def test_semicolons_and_a_reply_column(here: Path) -> None:
    path = write(here / "replies.csv", "Name;Reply\nRefund;We will kindly revert.\n\n;Per the SLA.\n")
    assert findings(path) == [
        ("jargon-corporate", 2, 16, "kindly revert", "Refund"),
        # no name: the row, as a spreadsheet numbers it (the header is row 1, the blank line row 3)
        ("jargon-acronym", 4, 2, "Per the SLA", "row 4"),
    ]


def test_csv_without_a_body_column_says_nothing(here: Path) -> None:
    write(here / "orders.csv", "order,amount,note\n1,20,We will kindly revert.\n")
    write(here / "header.csv", "title,body\n")
    result = run("orders.csv", "header.csv")
    assert (result.exit_code, result.stdout) == (0, "no problems in 2 files\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('title,body\nA,"never closed\n', "2:3: invalid CSV: unterminated quoted field"),
        ('title,body\nA,"closed"then more\n', "2:11: invalid CSV: unexpected 't' after a closing quote"),
    ],
)
def test_malformed_csv(text: str, message: str) -> None:
    with pytest.raises(LibraryError) as caught:
        read_library(text, "csv")
    assert str(caught.value) == message


def test_malformed_csv_on_the_command_line(here: Path) -> None:
    write(here / "bad.csv", 'title,body\nA,"never closed\n')
    result = run("bad.csv")
    assert (result.exit_code, result.stderr) == (2, "bad.csv:2:3: invalid CSV: unterminated quoted field\n")


def test_a_quote_in_an_unquoted_field_is_kept_and_fixes_never_add_one(here: Path) -> None:
    text = 'title,body\nA,We say "hi" and will kindly revert.\n'
    (template,) = read_library(text, "csv").templates
    assert template.scalar.value == 'We say "hi" and will kindly revert.'
    from replylint.diagnostics import Edit
    from replylint.document import Span

    assert template.scalar.source_edits(text, [Edit(Span(0, 2), 'We, "they"')]) is None  # would need quoting
    assert template.scalar.source_edits(text, [Edit(Span(0, 2), "They")]) == (Edit(Span(13, 15), "They"),)
