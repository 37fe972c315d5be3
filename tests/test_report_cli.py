"""Report options through the command line: --format, --statistics, --output-file, exit codes."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import run, write

from replylint.report import FORMATS

BAD = "Hi Sam,\n\nWe will respond per the SLA.\n\nThanks,\nAlex\n"
CLEAN = "Hi Sam,\n\nThanks, your parcel ships on Friday.\n\nAlex\n"
ACRONYM = "'per the SLA' is internal shorthand the customer may not know"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("files", "code"),
    [({"a.txt": CLEAN}, 0), ({"a.txt": BAD}, 1), ({"a.txt": BAD, "bin.txt": None}, 2)],
    ids=["clean", "findings", "unreadable"],
)
def test_exit_codes_are_the_same_in_every_format(here: Path, fmt: str, files: dict[str, str | None], code: int) -> None:
    for name, text in files.items():
        if text is None:
            (here / name).write_bytes(b"bad\xff")
        else:
            write(here / name, text)
    result = run("--format", fmt, *files)
    assert result.exit_code == code
    assert result.stderr == ("bin.txt: not UTF-8 text (byte 0xff at offset 3)\n" if code == 2 else "")


def test_fail_on_still_decides_the_exit_code(here: Path) -> None:
    write(here / "a.txt", BAD)
    assert run("--format", "gitlab", "--fail-on", "error", "a.txt").exit_code == 0
    assert run("--format", "sarif", "--fail-on", "warning", "a.txt").exit_code == 1


def test_concise(here: Path) -> None:
    write(here / "a.txt", BAD)
    write(here / "b.txt", CLEAN)
    result = run("--format", "concise", "a.txt", "b.txt")
    assert result.stdout == f"a.txt:3:17: jargon-acronym {ACRONYM}\n"
    assert result.exit_code == 1


def test_unknown_format_is_a_usage_error(here: Path) -> None:
    write(here / "a.txt", BAD)
    result = run("--format", "xml", "a.txt")
    assert result.exit_code == 2
    assert "Invalid value for '--format': 'xml' is not one of" in result.stderr


# --------------------------------------------------------------------------- --statistics


def test_statistics_replaces_the_findings(here: Path) -> None:
    write(here / "a.txt", BAD + "Per the SLA, kindly revert.\n")
    result = run("--statistics", "a.txt")
    assert result.exit_code == 1
    assert result.stdout == (
        "count  rule              category  severity\n"
        "    2  jargon-acronym    jargon    warning\n"
        "    1  jargon-corporate  jargon    warning\n"
        "\n"
        "count  category\n"
        "    3  jargon\n"
        "\n"
        "3 problems (0 errors, 3 warnings) in 1 file\n"
    )
    assert run("--statistics", "--format", "concise", "a.txt").stdout == result.stdout


def test_statistics_as_json(here: Path) -> None:
    write(here / "a.txt", BAD)
    data = json.loads(run("--statistics", "--format", "json", "a.txt").stdout)
    assert data["rules"] == [
        {"rule": "jargon-acronym", "category": "jargon", "count": 1, "error": 0, "warning": 1, "info": 0}
    ]
    assert data["categories"] == [{"category": "jargon", "count": 1}]
    assert data["summary"]["problems"] == 1


@pytest.mark.parametrize("fmt", ["github", "sarif", "gitlab", "junit"])
def test_statistics_with_a_ci_format_is_a_usage_error(here: Path, fmt: str) -> None:
    write(here / "a.txt", BAD)
    result = run("--statistics", "--format", fmt, "a.txt")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.endswith(f"Error: --statistics works with --format text, concise, json, not {fmt}\n")


# --------------------------------------------------------------------------- --output-file


def test_output_file_gets_the_report_and_the_terminal_the_summary(here: Path) -> None:
    write(here / "a.txt", BAD)
    (here / "bin.txt").write_bytes(b"bad\xff")
    result = run("--format", "gitlab", "--output-file", "gl-code-quality-report.json", "a.txt", "bin.txt")
    assert result.exit_code == 2
    assert result.stdout == "1 problem (0 errors, 1 warning) in 1 file; 1 file could not be linted\n"
    assert result.stderr == "bin.txt: not UTF-8 text (byte 0xff at offset 3)\n"
    issues = json.loads((here / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert [(i["check_name"], i["location"]["path"]) for i in issues] == [
        ("jargon-acronym", "a.txt"),
        ("file-error", "bin.txt"),
    ]


def test_output_file_is_the_same_report_as_stdout(here: Path) -> None:
    write(here / "a.txt", BAD)
    for fmt in FORMATS:
        printed = run("--format", fmt, "a.txt").stdout
        result = run("--format", fmt, "--output-file", "report.out", "a.txt")
        assert result.exit_code == 1
        assert (here / "report.out").read_text(encoding="utf-8") == printed
        assert result.stdout == "1 problem (0 errors, 1 warning) in 1 file\n"


def test_output_file_replaces_an_old_report_and_has_no_colour(here: Path) -> None:
    write(here / "a.txt", BAD)
    write(here / "report.txt", "old report\n" * 100)
    result = run("--color", "always", "--output-file", "report.txt", "a.txt")
    assert result.exit_code == 1
    assert (here / "report.txt").read_text(encoding="utf-8") == (
        f'a.txt:3:17: warning jargon-acronym {ACRONYM}: "per the SLA" -> "within the time we promised"\n'
        "1 problem (0 errors, 1 warning) in 1 file\n"
    )


def test_output_file_for_a_clean_run(here: Path) -> None:
    write(here / "a.txt", CLEAN)
    result = run("--format", "junit", "--output-file", "junit.xml", "a.txt")
    assert result.exit_code == 0
    assert result.stdout == "no problems in 1 file\n"
    root = ET.parse(here / "junit.xml").getroot()
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("1", "0", "0")


def test_output_file_that_cannot_be_written(here: Path) -> None:
    write(here / "a.txt", BAD)
    result = run("--format", "sarif", "--output-file", "missing/report.sarif", "a.txt")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "missing/report.sarif: cannot write the report (No such file or directory)\n"
    assert not (here / "missing").exists()


def test_output_file_with_statistics(here: Path) -> None:
    write(here / "a.txt", BAD)
    result = run("--statistics", "--format", "json", "--output-file", "stats.json", "a.txt")
    assert result.exit_code == 1
    assert result.stdout == "1 problem (0 errors, 1 warning) in 1 file\n"
    assert json.loads((here / "stats.json").read_text(encoding="utf-8"))["categories"] == [
        {"category": "jargon", "count": 1}
    ]


def test_github_from_stdin(here: Path) -> None:
    from click.testing import CliRunner

    from replylint.cli import main

    result = CliRunner().invoke(main, ["--format", "github", "-"], input=BAD, catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "::warning file=<stdin>,line=3,col=17,endLine=3,endColumn=28,title=replylint (jargon-acronym)::"
    )


def test_colour_only_in_the_human_formats(here: Path) -> None:
    write(here / "a.txt", BAD)
    for fmt in FORMATS:
        out = run("--color", "always", "--format", fmt, "a.txt").stdout
        assert ("\x1b[" in out) == (fmt in ("text", "concise")), fmt


def test_a_report_written_into_a_walked_folder_is_not_linted_on_the_next_run(here: Path) -> None:
    write(here / "replies/a.txt", "Per the SLA we will circle back.\n")
    first = run("--format", "json", "--output-file", "replies/report.json", "replies")
    second = run("--format", "json", "--output-file", "replies/report.json", "replies")
    assert first.exit_code == second.exit_code == 1
    paths = [f["path"] for f in json.loads((here / "replies/report.json").read_text())["files"]]
    assert paths == ["replies/a.txt"]
