"""The command line, through click's CliRunner: exit codes, output formats, selection, colour, walking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from replylint.cli import main
from replylint.registry import Registry

CLEAN = "Hi Sam,\n\nThanks for writing in. I have refunded your order today.\n\nBest wishes,\nAlex\n"
ACRONYM = "Hi Sam,\n\nOur TAT is two days.\n"  # one warning: jargon-acronym at 3:5
BLAME = "Hi Sam,\n\nYou should have backed up your files.\n"  # one warning: blame-accusatory at 3:1
INFO = "Hi Sam,\n\nWe pushed a hotfix this morning.\n"  # one info: jargon-technical at 3:13
MIXED = "Hi Sam,\n\nOur TAT is two days. You should have backed up your files. We pushed a hotfix.\n"

ACRONYM_LINE = (
    "{path}:3:5: warning jargon-acronym 'TAT' is internal shorthand the customer may not know: "
    '"TAT" -> "turnaround time"'
)


def run(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None, color: bool = False) -> Result:
    return CliRunner().invoke(main, list(args), input=input, env=env, color=color, catch_exceptions=False)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in tmp_path so paths in the output are short and relative."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --------------------------------------------------------------------------- exit codes


def test_clean_file_exits_0(here: Path) -> None:
    write(here, "reply.txt", CLEAN)
    result = run("reply.txt")
    assert result.exit_code == 0
    assert result.stdout == "no problems in 1 file\n"
    assert result.stderr == ""


def test_warning_exits_1(here: Path) -> None:
    write(here, "reply.txt", ACRONYM)
    result = run("reply.txt")
    assert result.exit_code == 1
    assert result.stdout == ACRONYM_LINE.format(path="reply.txt") + "\n1 problem (0 errors, 1 warning) in 1 file\n"


def test_ctrl_c_exits_130_not_1(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Click turns Ctrl-C into exit 1, which means "findings" here: a hook or CI would misread it."""
    from replylint.runner import Session

    (here / "r.txt").write_text("Our TAT is two days.\n", encoding="utf-8")

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Session, "lint_file", interrupted)
    result = CliRunner().invoke(main, ["r.txt"])
    assert (result.exit_code, result.stderr) == (130, "\nreplylint: interrupted\n")


def test_check_subcommand_is_the_default(here: Path) -> None:
    write(here, "reply.txt", ACRONYM)
    assert run("check", "reply.txt").stdout == run("reply.txt").stdout


def test_info_only_exits_0_by_default_and_1_with_fail_on_info(here: Path) -> None:
    write(here, "reply.txt", INFO)
    assert run("reply.txt").exit_code == 0
    assert run("--fail-on", "info", "reply.txt").exit_code == 1


def test_fail_on_error_ignores_warnings(here: Path) -> None:
    write(here, "reply.txt", ACRONYM)
    result = run("--fail-on", "error", "reply.txt")
    assert result.exit_code == 0
    assert "jargon-acronym" in result.stdout  # still reported, just not failing


def test_fail_on_rejects_unknown_level(here: Path) -> None:
    write(here, "reply.txt", ACRONYM)
    result = run("--fail-on", "warn", "reply.txt")
    assert result.exit_code == 2
    assert "Invalid value for '--fail-on'" in result.stderr


def test_no_paths_is_a_usage_error() -> None:
    result = run("check")
    assert result.exit_code == 2
    assert "no paths given; pass files, folders, or - for stdin" in result.stderr


def test_missing_path_exits_2_and_other_files_are_still_linted(here: Path) -> None:
    write(here, "reply.txt", ACRONYM)
    result = run("missing.txt", "reply.txt")
    assert result.exit_code == 2
    assert result.stderr == "missing.txt: no such file or directory\n"
    assert result.stdout == ACRONYM_LINE.format(path="reply.txt") + "\n1 problem (0 errors, 1 warning) in 1 file\n"


def test_a_name_too_long_for_the_file_system_is_reported(here: Path) -> None:
    """Path.is_dir raises for ENAMETOOLONG (it only hides ENOENT and a few others): one line, exit 2."""
    write(here, "reply.txt", ACRONYM)
    name = "x" * 300 + ".txt"
    result = run(name, "reply.txt")
    assert result.exit_code == 2
    assert result.stderr == f"{name}: cannot read file (File name too long)\n"
    assert result.stdout == ACRONYM_LINE.format(path="reply.txt") + "\n1 problem (0 errors, 1 warning) in 1 file\n"


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("--config", "cannot read config file (File name too long)"),
        ("--output-file", "cannot write the report (File name too long)"),
    ],
)
def test_an_option_naming_a_file_too_long_is_one_line(here: Path, option: str, message: str) -> None:
    write(here, "reply.txt", ACRONYM)
    name = "y" * 300 + ".toml"
    result = run(option, name, "reply.txt")
    assert (result.exit_code, result.stderr) == (2, f"{name}: {message}\n")


def test_a_stdin_filename_too_long_still_finds_the_config(here: Path) -> None:
    """Config discovery looks for a config beside the file first: a name too long there is no config."""
    write(here, ".replylint.toml", 'ignore = ["jargon"]\n')
    result = CliRunner().invoke(main, ["--stdin-filename", f"{'z' * 300}/reply.txt", "-"], input=ACRONYM)
    assert (result.exit_code, result.stdout) == (0, "no problems in 1 file\n")


def test_missing_path_with_only_clean_files(here: Path) -> None:
    write(here, "a.txt", CLEAN)
    write(here, "b.txt", CLEAN)
    result = run("a.txt", "nope/reply.md", "b.txt")
    assert result.exit_code == 2
    assert result.stderr == "nope/reply.md: no such file or directory\n"
    assert result.stdout == "no problems in 2 files\n"


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == "replylint, version 0.1.0\n"


# --------------------------------------------------------------------------- text output


def test_text_line_format_and_summary_for_several_files(here: Path, registry: Registry) -> None:
    write(here, "a.txt", ACRONYM)
    write(here, "b.txt", BLAME)
    write(here, "c.txt", CLEAN)
    result = run("a.txt", "b.txt", "c.txt")
    suggestion = blame_suggestion(registry)  # the wording lives in the pack; the layout is what is tested
    assert suggestion
    assert result.stdout.splitlines() == [
        ACRONYM_LINE.format(path="a.txt"),
        f"b.txt:3:1: warning blame-accusatory 'You should have' blames the customer (try: {suggestion})",
        "2 problems (0 errors, 2 warnings) in 2 files",
    ]
    assert result.exit_code == 1


def blame_suggestion(registry: Registry) -> str | None:
    from replylint.engine import lint
    from replylint.formats import parse

    [d] = lint(parse(BLAME), registry.select(select=["blame-accusatory"]))
    return d.suggestion


def test_every_diagnostic_line_has_the_documented_shape(here: Path) -> None:
    import re

    write(here, "mixed.txt", MIXED)
    result = run("--fail-on", "info", "mixed.txt")
    *lines, summary = result.stdout.splitlines()
    assert lines
    shape = re.compile(r"^mixed\.txt:(\d+):(\d+): (info|warning|error) ([a-z][a-z0-9-]*) \S.*$")
    for line in lines:
        assert shape.match(line), line
    assert summary == "3 problems (0 errors, 2 warnings, 1 info) in 1 file"
    assert result.exit_code == 1


def test_summary_counts_files_that_could_not_be_linted(here: Path) -> None:
    write(here, "reply.txt", ACRONYM)
    (here / "binary.txt").write_bytes(b"Hi\x00there")
    result = run("reply.txt", "binary.txt")
    assert result.exit_code == 2
    assert result.stdout.splitlines()[-1] == "1 problem (0 errors, 1 warning) in 1 file; 1 file could not be linted"
    assert result.stderr == "binary.txt: binary file, not text (NUL byte at offset 2)\n"


def test_summary_with_no_lintable_files(here: Path) -> None:
    (here / "binary.txt").write_bytes(b"\x00")
    result = run("binary.txt")
    assert result.stdout == "no problems in 0 files; 1 file could not be linted\n"
    assert result.exit_code == 2


# --------------------------------------------------------------------------- stdin


def test_stdin_dash(here: Path) -> None:
    result = run("-", input=ACRONYM)
    assert result.exit_code == 1
    assert result.stdout == ACRONYM_LINE.format(path="<stdin>") + "\n1 problem (0 errors, 1 warning) in 1 file\n"


def test_stdin_empty_is_clean() -> None:
    result = run("-", input="")
    assert result.exit_code == 0
    assert result.stdout == "no problems in 1 file\n"


def test_stdin_filename_picks_markdown(here: Path) -> None:
    draft = "Hi Sam,\n\nPlease type `backend` in the search box.\n"
    as_plain = run("--select", "jargon-technical", "--fail-on", "info", "-", input=draft)
    assert as_plain.exit_code == 1
    assert "<stdin>:3:14: info jargon-technical 'backend'" in as_plain.stdout
    as_markdown = run(
        "--select", "jargon-technical", "--fail-on", "info", "--stdin-filename", "reply.md", "-", input=draft
    )
    assert as_markdown.exit_code == 0
    assert as_markdown.stdout == "no problems in 1 file\n"
    report = json.loads(run("--format", "json", "--stdin-filename", "reply.md", "-", input=draft).stdout)
    assert report["files"][0]["format"] == "markdown"
    assert report["files"][0]["path"] == "<stdin>"


def test_stdin_filename_picks_config(here: Path) -> None:
    write(here, "drafts/.replylint.toml", 'ignore = ["jargon"]\n')
    result = run("--stdin-filename", "drafts/reply.txt", "-", input=ACRONYM)
    assert result.exit_code == 0, result.output
    assert result.stdout == "no problems in 1 file\n"


def test_stdin_invalid_utf8(here: Path) -> None:
    result = run("-", input=b"Hi \xff there")
    assert result.exit_code == 2
    assert result.stderr == "<stdin>: not UTF-8 text (byte 0xff at offset 3)\n"


# --------------------------------------------------------------------------- JSON


def test_json_report_structure(here: Path) -> None:
    write(here, "a.txt", ACRONYM)
    write(here, "b.txt", CLEAN)
    result = run("--format", "json", "a.txt", "b.txt")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["version"] == 1
    assert report["tool"] == {"name": "replylint", "version": "0.1.0"}
    assert [f["path"] for f in report["files"]] == ["a.txt", "b.txt"]
    assert report["files"][1] == {"path": "b.txt", "format": "plain", "error": None, "diagnostics": []}
    [d] = report["files"][0]["diagnostics"]
    assert d == {
        "rule": "jargon-acronym",
        "category": "jargon",
        "severity": "warning",
        "message": "'TAT' is internal shorthand the customer may not know",
        "start": {"line": 3, "column": 5, "offset": 13},
        "end": {"line": 3, "column": 8, "offset": 16},
        "text": "TAT",
        "template": None,
        "suggestion": None,
        "replacements": ["turnaround time"],
        "fix": {
            "applicability": "unsafe",
            "description": "replace with 'turnaround time'",
            "edits": [{"start": 13, "end": 16, "replacement": "turnaround time"}],
        },
    }
    assert ACRONYM[13:16] == "TAT"
    assert report["summary"] == {
        "files": 2,
        "files_with_problems": 1,
        "files_with_errors": 0,
        "problems": 1,
        "info": 0,
        "warning": 1,
        "error": 0,
    }


def test_json_suggestion_without_fix(here: Path) -> None:
    write(here, "b.txt", BLAME)
    [d] = json.loads(run("--format", "json", "b.txt").stdout)["files"][0]["diagnostics"]
    assert d["rule"] == "blame-accusatory"
    assert isinstance(d["suggestion"], str) and d["suggestion"]
    assert d["replacements"] == [] and d["fix"] is None
    assert (d["start"]["line"], d["start"]["column"], d["end"]["column"]) == (3, 1, 16)


def test_json_file_error_is_reported_in_the_file_entry(here: Path) -> None:
    write(here, "a.txt", CLEAN)
    (here / "bad.txt").write_bytes(b"caf\xe9")
    result = run("--format", "json", "a.txt", "bad.txt")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["files"][1] == {
        "path": "bad.txt",
        "format": "plain",
        "error": "bad.txt: not UTF-8 text (byte 0xe9 at offset 3)",
        "diagnostics": [],
    }
    assert report["summary"]["files_with_errors"] == 1
    assert result.stderr == "bad.txt: not UTF-8 text (byte 0xe9 at offset 3)\n"


def test_json_is_valid_for_non_ascii(here: Path) -> None:
    write(here, "r.txt", "Hi Zoë 😀,\n\nOur TAT is two days.\n")
    report = json.loads(run("--format", "json", "r.txt").stdout)
    [d] = report["files"][0]["diagnostics"]
    assert d["start"] == {"line": 3, "column": 5, "offset": 15}  # offsets count code points


# --------------------------------------------------------------------------- rules and explain


def test_rules_lists_every_rule(registry: Registry) -> None:
    result = run("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [r.id for r in registry.rules]
    by_id = {r.id: r for r in registry.rules}
    for line in lines:
        rule_id, category, severity = line.split()[:3]
        rule = by_id[rule_id]
        assert (category, severity) == (rule.category, rule.severity.label)
        assert line.endswith(rule.summary)
    for rule_id in (
        "apology-missing",
        "blame-accusatory",
        "jargon-acronym",
        "suppression-invalid",
        "vocabulary-banned",
    ):
        assert rule_id in by_id


def test_rules_json(registry: Registry) -> None:
    rows = json.loads(run("rules", "--format", "json").stdout)
    assert [row["id"] for row in rows] == [r.id for r in registry.rules]
    assert set(rows[0]) == {"id", "category", "severity", "summary", "fix", "origin"}


def test_explain_shows_rationale_and_examples(registry: Registry) -> None:
    result = run("explain", "blame-accusatory")
    assert result.exit_code == 0
    rule = registry.get("blame-accusatory")
    assert rule is not None
    out = result.stdout
    assert out.startswith("blame-accusatory (blame, warning)\n\n" + rule.summary + "\n")
    assert " ".join(rule.rationale.split()) in " ".join(out.split())
    assert "\nBad:\n" in out and "\nGood:\n" in out
    assert out.index("Bad:") < out.index("Good:")
    for example in rule.bad:
        assert f"  {example.text}\n" in out.split("Good:")[0]
    for example in rule.good:
        assert f"  {example.text}\n" in out.split("Good:")[1]
    assert out.rstrip().endswith(f"Defined in: {rule.origin}")


def test_explain_unknown_rule_exits_2() -> None:
    result = run("explain", "no-such-rule")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "unknown rule 'no-such-rule'; run 'replylint rules' for the list\n"


def test_explain_typo_suggests_the_rule() -> None:
    result = run("explain", "blame-acusatory")
    assert result.exit_code == 2
    assert result.stderr == (
        "unknown rule 'blame-acusatory' (did you mean 'blame-accusatory'?); run 'replylint rules' for the list\n"
    )


# --------------------------------------------------------------------------- --select / --ignore


def rules_reported(result: Result) -> set[str]:
    return {d["rule"] for f in json.loads(result.stdout)["files"] for d in f["diagnostics"]}


@pytest.fixture
def mixed(here: Path) -> Path:
    return write(here, "mixed.txt", MIXED)


def test_select_by_id(mixed: Path) -> None:
    assert rules_reported(run("--format", "json", "--select", "blame-accusatory", "mixed.txt")) == {"blame-accusatory"}


def test_select_by_id_prefix(mixed: Path) -> None:
    assert rules_reported(run("--format", "json", "--select", "jargon", "mixed.txt")) == {
        "jargon-acronym",
        "jargon-technical",
    }


def test_select_by_category(mixed: Path) -> None:
    assert rules_reported(run("--format", "json", "--select", "blame", "mixed.txt")) == {"blame-accusatory"}


def test_select_comma_separated_and_repeated(mixed: Path) -> None:
    expected = {"blame-accusatory", "jargon-technical"}
    assert rules_reported(run("--format", "json", "--select", "blame,jargon-technical", "mixed.txt")) == expected
    assert rules_reported(
        run("--format", "json", "--select", "blame", "--select", "jargon-technical", "mixed.txt")
    ) == (expected)


def test_ignore_by_id_prefix_and_category(mixed: Path) -> None:
    assert rules_reported(run("--format", "json", "--ignore", "jargon-acronym", "mixed.txt")) == {
        "blame-accusatory",
        "jargon-technical",
    }
    assert rules_reported(run("--format", "json", "--ignore", "jargon", "mixed.txt")) == {"blame-accusatory"}
    assert rules_reported(run("--format", "json", "--ignore", "blame", "mixed.txt")) == {
        "jargon-acronym",
        "jargon-technical",
    }


def test_more_specific_selector_wins(mixed: Path) -> None:
    # ignore the category, but select one rule of it by id: the id is more specific
    result = run("--format", "json", "--select", "jargon-acronym", "--ignore", "jargon", "mixed.txt")
    assert rules_reported(result) == {"jargon-acronym"}
    result = run("--format", "json", "--select", "jargon", "--ignore", "jargon-acronym", "mixed.txt")
    assert rules_reported(result) == {"jargon-technical"}


def test_partial_prefix_is_not_a_selector(mixed: Path) -> None:
    result = run("--select", "jarg", "mixed.txt")
    assert result.exit_code == 2
    assert "unknown rule or category 'jarg'" in result.stderr


def test_unknown_select_exits_2_with_did_you_mean(mixed: Path) -> None:
    result = run("--select", "blam", "mixed.txt")
    assert result.exit_code == 2
    assert "unknown rule or category 'blam' (did you mean 'blame'?)" in result.stderr
    assert result.stdout == "no problems in 0 files; 1 file could not be linted\n"


def test_unknown_ignore_exits_2_with_did_you_mean(mixed: Path) -> None:
    result = run("--ignore", "jargon-acronyms", "mixed.txt")
    assert result.exit_code == 2
    assert "unknown rule or category 'jargon-acronyms' (did you mean 'jargon-acronym'?)" in result.stderr


def test_unknown_select_message_names_the_option(mixed: Path) -> None:
    result = run("--select", "blam", "mixed.txt")
    assert result.stderr == "--select/--ignore: unknown rule or category 'blam' (did you mean 'blame'?)\n"


def test_unknown_select_is_not_blamed_on_a_valid_config(mixed: Path) -> None:
    write(mixed.parent, ".replylint.toml", 'select = ["blame"]\n')
    result = run("--select", "blam", "mixed.txt")
    assert result.exit_code == 2
    assert ".replylint.toml" not in result.stderr, result.stderr


# --------------------------------------------------------------------------- colour

ESC = "\x1b["


def test_no_colour_by_default_when_not_a_terminal(here: Path) -> None:
    write(here, "r.txt", ACRONYM)
    assert ESC not in run("r.txt").stdout


def test_colour_always_on_a_colour_capable_stream(here: Path) -> None:
    write(here, "r.txt", ACRONYM)
    result = run("--color", "always", "r.txt", color=True)
    assert ESC in result.stdout
    assert "\x1b[33mwarning\x1b[0m" in result.stdout


def test_no_color_env_beats_color_always(here: Path) -> None:
    write(here, "r.txt", ACRONYM)
    result = run("--color", "always", "r.txt", color=True, env={"NO_COLOR": "1"})
    assert ESC not in result.stdout
    assert result.stdout == ACRONYM_LINE.format(path="r.txt") + "\n1 problem (0 errors, 1 warning) in 1 file\n"


def test_color_never(here: Path) -> None:
    write(here, "r.txt", ACRONYM)
    assert ESC not in run("--color", "never", "r.txt", color=True).stdout


def test_colour_always_survives_a_pipe(here: Path) -> None:
    write(here, "r.txt", ACRONYM)
    assert ESC in run("--color", "always", "r.txt").stdout  # CliRunner's stdout is not a terminal


# --------------------------------------------------------------------------- directories


def test_directory_is_walked_for_known_extensions_in_sorted_order(here: Path) -> None:
    for name in (
        "drafts/b.md",
        "drafts/a.txt",
        "drafts/C.TXT",
        "drafts/macros/refund.liquid",
        "drafts/macros/intro.j2",
        "drafts/zz/page.mdx",
        "drafts/notes.py",
        "drafts/data.xml",
        "drafts/README",
        "drafts/.hidden.txt",
        "drafts/.git/COMMIT_EDITMSG.txt",
        "drafts/.github/reply.md",
        "drafts/node_modules/pkg/readme.md",
        "drafts/__pycache__/x.txt",
    ):
        write(here, name, ACRONYM)
    report = json.loads(run("--format", "json", "drafts").stdout)
    assert [f["path"] for f in report["files"]] == [
        "drafts/C.TXT",
        "drafts/a.txt",
        "drafts/b.md",
        "drafts/macros/intro.j2",
        "drafts/macros/refund.liquid",
        "drafts/zz/page.mdx",
    ]
    assert [f["format"] for f in report["files"]] == ["plain", "plain", "markdown", "template", "template", "markdown"]


def test_directory_and_file_arguments_mix(here: Path) -> None:
    write(here, "drafts/a.txt", ACRONYM)
    write(here, "single.txt", ACRONYM)
    result = run("single.txt", "drafts")
    assert result.stdout.splitlines() == [
        ACRONYM_LINE.format(path="single.txt"),
        ACRONYM_LINE.format(path="drafts/a.txt"),
        "2 problems (0 errors, 2 warnings) in 2 files",
    ]


def test_empty_directory(here: Path) -> None:
    (here / "empty").mkdir()
    result = run("empty")
    assert result.exit_code == 0
    assert result.stdout == "no problems in 0 files\n"


def test_file_with_unknown_extension_given_explicitly_is_plain_text(here: Path) -> None:
    write(here, "reply.eml", ACRONYM)
    result = run("reply.eml")
    assert result.exit_code == 1
    assert result.stdout.startswith(ACRONYM_LINE.format(path="reply.eml"))
