"""The reporters as pure functions: results in, text out (github, gitlab, junit, concise, statistics).

Findings come from the real engine (`lint_text`); template names and awkward paths
or messages are put in with `_replace`, as a library of templates would set them.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from replylint.api import lint_text
from replylint.diagnostics import Diagnostic, FileResult, Severity
from replylint.registry import Registry
from replylint.report import FORMATS, ReportContext, reporter
from replylint.report.github import escape_data, escape_property

DRAFT = "Hi Sam,\n\nWe will respond per the SLA.\n\nThanks,\nAlex\n"
TWO_LINES = "Hi Sam,\n\nPer the SLA we will respond. Kindly revert.\nPer the SLA again.\n"
CTX = ReportContext(cwd="/work/repo")

GITHUB_LINE = re.compile(
    r"^::(?P<command>error|warning|notice) "
    r"file=(?P<file>[^,:]+)"
    r"(?:,line=(?P<line>[1-9]\d*)"
    r"(?:,col=(?P<col>[1-9]\d*),endLine=(?P<end_line>[1-9]\d*),endColumn=(?P<end_col>[1-9]\d*)"
    r"|,endLine=(?P<only_end_line>[1-9]\d*))?)?"
    r",title=(?P<title>[^,:]+)::(?P<message>[^\r\n]+)$"
)


def findings(registry: Registry, text: str = DRAFT) -> tuple[Diagnostic, ...]:
    return tuple(lint_text(text, registry=registry))


def result(registry: Registry, path: str = "replies/a.txt", text: str = DRAFT, **changes: object) -> FileResult:
    diagnostics = tuple(d._replace(**changes) for d in findings(registry, text))
    return FileResult(path, "plain", diagnostics)


BROKEN = FileResult("replies/bin.txt", "plain", error="replies/bin.txt: not UTF-8 text (byte 0xff at offset 3)")


# --------------------------------------------------------------------------- every format


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_nothing_wrong_for_no_results(fmt: str) -> None:
    out = reporter(fmt)([], CTX)
    assert isinstance(out, str)
    assert out == "" or out.endswith("\n")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_names_the_template(registry: Registry, fmt: str) -> None:
    out = reporter(fmt)([result(registry, template="Refund delay")], CTX)
    assert "Refund delay" in out
    assert "Refund delay" not in reporter(fmt)([result(registry)], CTX)


@pytest.mark.parametrize("fmt", ["json", "github", "sarif", "gitlab", "junit"])
def test_every_machine_format_shows_a_file_that_could_not_be_read(fmt: str) -> None:
    out = reporter(fmt)([BROKEN], CTX)
    assert "replies/bin.txt: not UTF-8 text (byte 0xff at offset 3)" in out


# --------------------------------------------------------------------------- github


def test_github_annotation_for_a_finding(registry: Registry) -> None:
    out = reporter("github")([result(registry)], CTX)
    assert out == (
        "::warning file=replies/a.txt,line=3,col=17,endLine=3,endColumn=28,title=replylint (jargon-acronym)::"
        "'per the SLA' is internal shorthand the customer may not know: "
        '"per the SLA" -> "within the time we promised"\n'
    )


def test_github_lines_all_match_the_workflow_command_syntax(registry: Registry) -> None:
    results = [result(registry, text=TWO_LINES), BROKEN, result(registry, "c.txt", template="Refund, part 2: late")]
    lines = reporter("github")(results, CTX).splitlines()
    assert len(lines) == 3 + 1 + 1
    for line in lines:
        assert GITHUB_LINE.match(line), line
    assert lines[3] == (
        "::error file=replies/bin.txt,title=replylint::replies/bin.txt: not UTF-8 text (byte 0xff at offset 3)"
    )
    assert lines[4].endswith(" [template: Refund, part 2: late]")  # data keeps , and :


def test_github_severities_map_to_commands(registry: Registry) -> None:
    commands = []
    for severity in Severity:
        line = reporter("github")([result(registry, severity=severity)], CTX)
        match = GITHUB_LINE.match(line.rstrip("\n"))
        assert match
        commands.append(match["command"])
    assert commands == ["notice", "warning", "error"]


def test_github_escapes_data_and_properties() -> None:
    assert escape_data("50% off\r\nnext: a, b") == "50%25 off%0D%0Anext: a, b"
    assert escape_property("a: b, c%\n") == "a%3A b%2C c%25%0A"


def test_github_escapes_an_awkward_path_and_message(registry: Registry) -> None:
    d = findings(registry)[0]._replace(message="100% sure\nsecond line")
    out = reporter("github")([FileResult("we,ird:name.txt", "plain", (d,))], CTX)
    assert out.startswith("::warning file=we%2Cird%3Aname.txt,line=3,")
    assert "::100%25 sure%0Asecond line:" in out
    assert out.count("\n") == 1


def test_github_gives_no_columns_for_a_finding_over_several_lines(registry: Registry) -> None:
    d = findings(registry)[0]
    d = d._replace(end=d.end._replace(line=4, column=2))
    out = reporter("github")([FileResult("a.txt", "plain", (d,))], CTX)
    assert out.startswith("::warning file=a.txt,line=3,endLine=4,title=replylint (jargon-acronym)::")


def test_github_paths_are_relative_to_the_working_folder_with_forward_slashes(registry: Registry) -> None:
    inside = result(registry, "/work/repo/macros/a.txt")
    outside = result(registry, "/elsewhere/b.txt")
    windows = result(registry, "macros\\c.txt")
    files = [
        GITHUB_LINE.match(line)["file"] for line in reporter("github")([inside, outside, windows], CTX).split("\n")[:-1]
    ]  # type: ignore[index]
    assert files == ["macros/a.txt", "/elsewhere/b.txt", "macros/c.txt"]


# --------------------------------------------------------------------------- gitlab


def _check_code_quality(issues: object) -> None:
    """The fields GitLab requires of a Code Quality report, checked by hand."""
    assert isinstance(issues, list)
    for issue in issues:
        assert isinstance(issue, dict)
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str) and issue["check_name"]
        assert isinstance(issue["fingerprint"], str) and re.fullmatch(r"[0-9a-f]{32}", issue["fingerprint"])
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        location = issue["location"]
        assert isinstance(location["path"], str) and location["path"]
        assert "\\" not in location["path"] and not location["path"].startswith("./")
        begin = location["lines"]["begin"]
        assert isinstance(begin, int) and begin >= 1
        assert location["lines"]["end"] >= begin
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)


def test_gitlab_report_has_the_required_fields(registry: Registry) -> None:
    results = [result(registry, text=TWO_LINES), BROKEN, result(registry, "/work/repo/b.txt", template="T")]
    issues = json.loads(reporter("gitlab")(results, CTX))
    _check_code_quality(issues)
    assert [(i["check_name"], i["severity"], i["location"]["path"], i["location"]["lines"]) for i in issues] == [
        ("jargon-acronym", "minor", "replies/a.txt", {"begin": 3, "end": 3}),
        ("jargon-corporate", "minor", "replies/a.txt", {"begin": 3, "end": 3}),
        ("jargon-acronym", "minor", "replies/a.txt", {"begin": 4, "end": 4}),
        ("file-error", "critical", "replies/bin.txt", {"begin": 1, "end": 1}),
        ("jargon-acronym", "minor", "b.txt", {"begin": 3, "end": 3}),
    ]
    assert issues[3]["description"] == "replies/bin.txt: not UTF-8 text (byte 0xff at offset 3)"
    assert issues[4]["description"].endswith(" [template: T]")


def test_gitlab_severities(registry: Registry) -> None:
    severities = [json.loads(reporter("gitlab")([result(registry, severity=s)], CTX))[0]["severity"] for s in Severity]
    assert severities == ["info", "minor", "major"]


def _gitlab_fingerprints(text: str, path: str = "a.txt", fingerprints: tuple[str, ...] = ()) -> list[str]:
    from replylint.baseline import fingerprints as local

    diagnostics = tuple(lint_text(text))
    fps = local(diagnostics, text) if not fingerprints else fingerprints
    issues = json.loads(reporter("gitlab")([FileResult(path, "plain", diagnostics, fingerprints=fps)], CTX))
    return [i["fingerprint"] for i in issues]


def test_gitlab_fingerprint_ignores_lines_moving_but_not_the_words() -> None:
    before = _gitlab_fingerprints(DRAFT)
    moved = _gitlab_fingerprints(
        "Hi Sam,\n\nThanks for writing in.\n\n\nWe will respond per the SLA.\n\nThanks,\nAlex\n"
    )
    other_words = _gitlab_fingerprints("Hi Sam,\n\nWe shall answer per the SLA.\n\nThanks,\nAlex\n")
    other_file = _gitlab_fingerprints(DRAFT, path="b.txt")
    assert len(before) == 1
    assert moved == before
    assert other_words != before
    assert other_file != before


def test_gitlab_fingerprint_counts_identical_findings() -> None:
    text = "Hi Sam,\n\nPer the SLA.\n\nPer the SLA.\n"
    first, second = _gitlab_fingerprints(text)
    assert first != second
    assert _gitlab_fingerprints("Hi Sam,\n\n\nPer the SLA.\nPer the SLA.\n") == [first, second]


def test_gitlab_fingerprint_without_runner_fingerprints_still_unique(registry: Registry) -> None:
    issues = json.loads(reporter("gitlab")([result(registry, text="Per the SLA.\nPer the SLA.\n")], CTX))
    assert len({i["fingerprint"] for i in issues}) == 2


# --------------------------------------------------------------------------- junit


def test_junit_one_test_case_per_file(registry: Registry) -> None:
    clean = FileResult("replies/clean.txt", "plain")
    results = [result(registry, text=TWO_LINES), BROKEN, clean, result(registry, "t.txt", template="T")]
    root = ET.fromstring(reporter("junit")(results, CTX))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "2", "1")
    (suite,) = root
    assert (suite.get("name"), suite.get("tests"), suite.get("failures"), suite.get("errors")) == (
        "replylint",
        "4",
        "2",
        "1",
    )
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["replies/a.txt", "replies/bin.txt", "replies/clean.txt", "t.txt"]
    failure = cases[0].find("failure")
    assert failure is not None and failure.get("message") == "3 problems"
    assert failure.text is not None
    assert failure.text.splitlines() == [
        "3:1: warning jargon-acronym 'Per the SLA' is internal shorthand the customer may not know: "
        '"Per the SLA" -> "Within the time we promised"',
        '3:30: warning jargon-corporate \'Kindly revert\' is corporate-speak: "Kindly revert" -> "Please reply"',
        "4:1: warning jargon-acronym 'Per the SLA' is internal shorthand the customer may not know: "
        '"Per the SLA" -> "Within the time we promised"',
    ]
    error = cases[1].find("error")
    assert error is not None
    assert error.get("message") == "replies/bin.txt: not UTF-8 text (byte 0xff at offset 3)"
    assert list(cases[2]) == []
    template_failure = cases[3].find("failure")
    assert template_failure is not None and template_failure.text is not None
    assert template_failure.text.endswith(" [template: T]")


def test_junit_stays_well_formed_with_characters_xml_cannot_hold(registry: Registry) -> None:
    d = findings(registry)[0]._replace(message='ctrl\x01char & <tag> \x00 "quoted" \U0001f600')
    out = reporter("junit")([FileResult("a&b<c>.txt", "plain", (d,))], CTX)
    root = ET.fromstring(out)
    case = root.find("testsuite/testcase")
    assert case is not None and case.get("name") == "a&b<c>.txt"
    failure = case.find("failure")
    assert failure is not None and failure.text is not None
    assert 'ctrl\ufffdchar & <tag> \ufffd "quoted" \U0001f600' in failure.text


def test_junit_a_fix_that_did_not_settle_is_an_error_that_keeps_the_findings(registry: Registry) -> None:
    stuck = result(registry)._replace(
        error="replies/a.txt: fixes did not settle after several passes; file left unchanged"
    )
    case = ET.fromstring(reporter("junit")([stuck], CTX)).find("testsuite/testcase")
    assert case is not None and case.find("failure") is None
    error = case.find("error")
    assert error is not None and error.text is not None
    assert error.text.splitlines()[0] == stuck.error
    assert error.text.splitlines()[1].startswith("3:17: warning jargon-acronym ")


# --------------------------------------------------------------------------- concise and text


def test_concise_is_one_line_per_finding_and_nothing_else(registry: Registry) -> None:
    results = [result(registry, text=TWO_LINES), BROKEN, result(registry, "t.txt", template="Refund delay")]
    assert reporter("concise")(results, CTX) == (
        "replies/a.txt:3:1: jargon-acronym 'Per the SLA' is internal shorthand the customer may not know\n"
        "replies/a.txt:3:30: jargon-corporate 'Kindly revert' is corporate-speak\n"
        "replies/a.txt:4:1: jargon-acronym 'Per the SLA' is internal shorthand the customer may not know\n"
        "t.txt:3:17: jargon-acronym 'per the SLA' is internal shorthand the customer may not know"
        " [template: Refund delay]\n"
    )
    assert reporter("concise")([FileResult("clean.txt")], CTX) == ""


def test_concise_keeps_a_message_on_one_line(registry: Registry) -> None:
    d = findings(registry)[0]._replace(message="first\nsecond")
    assert reporter("concise")([FileResult("a.txt", "plain", (d,))], CTX) == "a.txt:3:17: jargon-acronym first second\n"


def test_text_report_is_unchanged_by_the_context(registry: Registry) -> None:
    out = reporter("text")([result(registry, template="Refund delay")], CTX)
    assert out == (
        "replies/a.txt:3:17: warning jargon-acronym 'per the SLA' is internal shorthand the customer may not know: "
        '"per the SLA" -> "within the time we promised" [template: Refund delay]\n'
        "1 problem (0 errors, 1 warning) in 1 file\n"
    )


# --------------------------------------------------------------------------- statistics


def test_statistics_text_table(registry: Registry) -> None:
    results = [result(registry, text=TWO_LINES), result(registry, "b.txt", severity=Severity.ERROR), BROKEN]
    assert reporter("text", statistics=True)(results, CTX) == (
        "count  rule              category  severity\n"
        "    3  jargon-acronym    jargon    error\n"
        "    1  jargon-corporate  jargon    warning\n"
        "\n"
        "count  category\n"
        "    4  jargon\n"
        "\n"
        "4 problems (1 error, 3 warnings) in 2 files; 1 file could not be linted\n"
    )


def test_statistics_without_findings_is_the_summary_line() -> None:
    assert reporter("text", statistics=True)([FileResult("a.txt")], CTX) == "no problems in 1 file\n"


def test_statistics_json(registry: Registry) -> None:
    results = [result(registry, text=TWO_LINES), result(registry, "b.txt", severity=Severity.ERROR)]
    data = json.loads(reporter("json", statistics=True)(results, ReportContext(version="9.9")))
    assert data == {
        "version": 1,
        "tool": {"name": "replylint", "version": "9.9"},
        "rules": [
            {"rule": "jargon-acronym", "category": "jargon", "count": 3, "error": 1, "warning": 2, "info": 0},
            {"rule": "jargon-corporate", "category": "jargon", "count": 1, "error": 0, "warning": 1, "info": 0},
        ],
        "categories": [{"category": "jargon", "count": 4}],
        "summary": {
            "files": 2,
            "files_with_problems": 2,
            "files_with_errors": 0,
            "problems": 4,
            "info": 0,
            "warning": 3,
            "error": 1,
        },
    }


@pytest.mark.parametrize(
    ("path", "cwd", "shown"),
    [
        ("/work/repo/macros/a.txt", "/work/repo", "macros/a.txt"),
        ("/work/repo/macros/a.txt", "/work/repo/", "macros/a.txt"),
        ("/work/repository/a.txt", "/work/repo", "/work/repository/a.txt"),
        ("./macros/a.txt", "/work/repo", "macros/a.txt"),
        ("C:\\work\\repo\\macros\\a.txt", "C:\\work\\repo", "macros/a.txt"),
        ("../other/a.txt", "/work/repo", "../other/a.txt"),
        ("<stdin>", "/work/repo", "<stdin>"),
    ],
)
def test_report_paths(path: str, cwd: str, shown: str) -> None:
    from replylint.report.common import report_path

    assert report_path(path, cwd) == shown
