"""Configuration: discovery, every key taking effect, command-line overrides, and word-for-word errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import Result
from helpers import run, write

# One draft that trips three rules: jargon-acronym (warning, 3:5), blame-accusatory (warning, 3:22)
# and jargon-technical (info, 3:61).
DRAFT = "Hi Sam,\n\nOur TAT is two days. You should have backed up. We pushed a hotfix.\n"
KEYS = "select, ignore, severity, per-file-ignores, packs, vocabulary, fail-on, exclude, include, options, templates"


def rules_in(result: Result) -> list[tuple[str, str]]:
    data = json.loads(result.stdout)
    return [(d["rule"], d["severity"]) for f in data["files"] for d in f["diagnostics"]]


@pytest.fixture
def draft(here: Path) -> Path:
    return write(here / "replies" / "2024" / "reply.txt", DRAFT)


ALL = [("jargon-acronym", "warning"), ("blame-accusatory", "warning"), ("jargon-technical", "info")]


def test_without_config_every_rule_runs(draft: Path) -> None:
    assert rules_in(run("--format", "json", str(draft))) == ALL


# --------------------------------------------------------------------------- discovery


def test_replylint_toml_is_found_upward_from_the_file(here: Path, draft: Path) -> None:
    write(here / ".replylint.toml", 'select = ["blame"]\n')
    assert rules_in(run("--format", "json", "replies/2024/reply.txt")) == [("blame-accusatory", "warning")]


def test_pyproject_tool_table_is_found_upward(here: Path, draft: Path) -> None:
    write(here / "pyproject.toml", '[project]\nname = "support-macros"\n\n[tool.replylint]\nselect = ["jargon"]\n')
    assert rules_in(run("--format", "json", "replies/2024/reply.txt")) == [
        ("jargon-acronym", "warning"),
        ("jargon-technical", "info"),
    ]


def test_pyproject_without_tool_table_is_skipped(here: Path, draft: Path) -> None:
    write(here / ".replylint.toml", 'select = ["blame"]\n')
    write(here / "replies" / "pyproject.toml", '[project]\nname = "x"\n')  # nearer, but not ours
    assert rules_in(run("--format", "json", "replies/2024/reply.txt")) == [("blame-accusatory", "warning")]


def test_nearest_config_wins(here: Path, draft: Path) -> None:
    write(here / ".replylint.toml", 'select = ["blame"]\n')
    write(here / "replies" / ".replylint.toml", 'select = ["jargon-acronym"]\n')
    assert rules_in(run("--format", "json", "replies/2024/reply.txt")) == [("jargon-acronym", "warning")]


def test_replylint_toml_beats_pyproject_in_the_same_folder(here: Path, draft: Path) -> None:
    write(here / "pyproject.toml", '[tool.replylint]\nselect = ["jargon"]\n')
    write(here / ".replylint.toml", 'select = ["blame"]\n')
    assert rules_in(run("--format", "json", "replies/2024/reply.txt")) == [("blame-accusatory", "warning")]


def test_each_file_uses_its_own_config(here: Path) -> None:
    write(here / "a" / ".replylint.toml", 'select = ["blame"]\n')
    write(here / "b" / ".replylint.toml", 'select = ["jargon-acronym"]\n')
    write(here / "a" / "r.txt", DRAFT)
    write(here / "b" / "r.txt", DRAFT)
    result = run("--format", "json", "a/r.txt", "b/r.txt")
    data = json.loads(result.stdout)
    assert [[d["rule"] for d in f["diagnostics"]] for f in data["files"]] == [["blame-accusatory"], ["jargon-acronym"]]


def test_config_option_overrides_discovery(here: Path, draft: Path) -> None:
    write(here / "replies" / ".replylint.toml", 'select = ["blame"]\n')
    write(here / "team.toml", 'select = ["jargon-technical"]\n')
    result = run("--format", "json", "--fail-on", "info", "--config", "team.toml", "replies/2024/reply.txt")
    assert rules_in(result) == [("jargon-technical", "info")]


def test_config_option_with_a_missing_file(here: Path, draft: Path) -> None:
    result = run("--config", "nope.toml", str(draft))
    assert result.exit_code == 2
    assert result.stderr == "nope.toml: config file not found\n"


def test_config_in_cwd_does_not_apply_to_files_elsewhere(here: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    write(here / ".replylint.toml", 'select = ["blame"]\n')
    elsewhere = write(tmp_path_factory.mktemp("elsewhere") / "r.txt", DRAFT)
    assert rules_in(run("--format", "json", str(elsewhere))) == ALL


# --------------------------------------------------------------------------- every key takes effect


def test_select_and_ignore(here: Path, draft: Path) -> None:
    write(here / ".replylint.toml", 'select = ["jargon", "blame"]\nignore = ["jargon-technical"]\n')
    assert rules_in(run("--format", "json", str(draft))) == [
        ("jargon-acronym", "warning"),
        ("blame-accusatory", "warning"),
    ]


def test_severity(here: Path, draft: Path) -> None:
    write(here / ".replylint.toml", '[severity]\njargon-acronym = "error"\nblame-accusatory = "info"\n')
    result = run("--format", "json", str(draft))
    assert rules_in(result) == [
        ("jargon-acronym", "error"),
        ("blame-accusatory", "info"),
        ("jargon-technical", "info"),
    ]
    text = run(str(draft)).stdout
    assert f"{draft}:3:5: error jargon-acronym " in text
    assert text.endswith("3 problems (1 error, 0 warnings, 2 info) in 1 file\n")


def test_severity_lowered_below_fail_on_makes_the_run_pass(here: Path, draft: Path) -> None:
    write(here / ".replylint.toml", '[severity]\njargon-acronym = "info"\nblame-accusatory = "info"\n')
    assert run(str(draft)).exit_code == 0


def test_per_file_ignores(here: Path) -> None:
    write(
        here / ".replylint.toml",
        '[per-file-ignores]\n"macros/**/*.md" = ["jargon"]\n"legacy.txt" = ["blame-accusatory", "jargon-technical"]\n',
    )
    write(here / "macros" / "billing" / "refund.md", DRAFT)
    write(here / "legacy.txt", DRAFT)
    write(here / "other.md", DRAFT)
    result = run("--format", "json", "macros/billing/refund.md", "legacy.txt", "other.md")
    data = json.loads(result.stdout)
    assert [[d["rule"] for d in f["diagnostics"]] for f in data["files"]] == [
        ["blame-accusatory"],
        ["jargon-acronym"],
        ["jargon-acronym", "blame-accusatory", "jargon-technical"],
    ]


def test_packs_are_relative_to_the_config(here: Path, draft: Path) -> None:
    write(
        here / "style" / "team.yaml",
        """rules:
  - id: team-two-days
    kind: existence
    category: team
    severity: warning
    summary: Say "48 hours".
    rationale: Our policy page says 48 hours.
    message: "say '48 hours' instead of '{match}'"
    tokens: [two days]
    examples:
      bad: ["It takes two days."]
      good: ["It takes 48 hours."]
""",
    )
    write(here / ".replylint.toml", 'packs = ["style/team.yaml"]\nselect = ["team"]\n')
    result = run(str(draft))
    assert result.stdout == (
        f"{draft}:3:12: warning team-two-days say '48 hours' instead of 'two days'\n"
        "1 problem (0 errors, 1 warning) in 1 file\n"
    )


def test_vocabulary_allow_drops_term_findings(here: Path, draft: Path) -> None:
    write(here / ".replylint.toml", '[vocabulary]\nallow = ["TAT", "hotfix"]\n')
    assert rules_in(run("--format", "json", str(draft))) == [("blame-accusatory", "warning")]


def test_vocabulary_allow_only_drops_jargon_findings(here: Path) -> None:
    # The vocabulary allows a team's own terms (product names, acronyms its customers know): it
    # silences the jargon rules only. Allowing "sorry" must not switch off apology-hollow.
    draft = write(here / "r.txt", "Sorry for the delay. I'm so sorry. Sorry again, and sorry if you feel let down.\n")
    before = {rule for rule, _ in rules_in(run("--format", "json", str(draft)))}
    assert {"apology-excessive", "apology-hollow"} <= before
    write(here / ".replylint.toml", '[vocabulary]\nallow = ["SORRY"]\n')
    after = {rule for rule, _ in rules_in(run("--format", "json", str(draft)))}
    assert after == before
    jargon = write(here / "j.txt", "Your RMA number is 4471 and the KB article explains the rest.\n")
    write(here / ".replylint.toml", '[vocabulary]\nallow = ["rma"]\n')  # matched case-insensitively
    assert [rule for rule, _ in rules_in(run("--format", "json", str(jargon)))] == ["jargon-acronym"]


def test_vocabulary_ban_list(here: Path, draft: Path) -> None:
    write(here / ".replylint.toml", 'select = ["vocabulary"]\n[vocabulary]\nban = ["two days"]\n')
    result = run(str(draft))
    assert result.stdout == (
        f"{draft}:3:12: warning vocabulary-banned 'two days' is on your team's banned list\n"
        "1 problem (0 errors, 1 warning) in 1 file\n"
    )
    assert result.exit_code == 1


def test_vocabulary_ban_table_offers_a_safe_fix(here: Path, draft: Path) -> None:
    write(here / ".replylint.toml", 'select = ["vocabulary-banned"]\n[vocabulary]\nban = {"two days" = "48 hours"}\n')
    [d] = json.loads(run("--format", "json", str(draft)).stdout)["files"][0]["diagnostics"]
    assert d["replacements"] == ["48 hours"]
    assert d["fix"]["applicability"] == "safe"
    assert d["fix"]["edits"] == [{"start": 20, "end": 28, "replacement": "48 hours"}]


def test_fail_on(here: Path, draft: Path) -> None:
    write(here / ".replylint.toml", 'fail-on = "error"\n')
    assert run(str(draft)).exit_code == 0
    write(here / ".replylint.toml", 'fail-on = "info"\nselect = ["jargon-technical"]\n')
    assert run(str(draft)).exit_code == 1


def test_exclude_skips_files_when_walking(here: Path) -> None:
    write(here / ".replylint.toml", 'exclude = ["archive", "*.draft.md"]\n')
    write(here / "replies" / "a.txt", DRAFT)
    write(here / "replies" / "wip.draft.md", DRAFT)
    write(here / "replies" / "archive" / "old.txt", DRAFT)
    data = json.loads(run("--format", "json", "replies").stdout)
    assert [f["path"] for f in data["files"]] == ["replies/a.txt"]


# --------------------------------------------------------------------------- command line beats config


def test_cli_select_overrides_config(here: Path, draft: Path) -> None:
    write(here / ".replylint.toml", 'select = ["jargon"]\n')
    assert rules_in(run("--format", "json", "--select", "blame", str(draft))) == [("blame-accusatory", "warning")]


def test_cli_ignore_overrides_config(here: Path, draft: Path) -> None:
    write(here / ".replylint.toml", 'ignore = ["blame"]\n')
    assert rules_in(run("--format", "json", "--ignore", "jargon", str(draft))) == [("blame-accusatory", "warning")]


def test_cli_fail_on_overrides_config(here: Path, draft: Path) -> None:
    write(here / ".replylint.toml", 'fail-on = "error"\n')
    assert run(str(draft)).exit_code == 0
    assert run("--fail-on", "warning", str(draft)).exit_code == 1
    write(here / ".replylint.toml", 'fail-on = "info"\n')
    assert run("--fail-on", "error", str(draft)).exit_code == 0


# --------------------------------------------------------------------------- errors, word for word


def config_error(here: Path, draft: Path, text: str, name: str = ".replylint.toml") -> Result:
    write(here / name, text)
    result = run(str(draft))
    assert result.exit_code == 2
    assert result.stdout == "no problems in 0 files; 1 file could not be linted\n"
    return result


def test_unknown_key_with_did_you_mean(here: Path, draft: Path) -> None:
    result = config_error(here, draft, '# team settings\nselct = ["blame"]\n')
    assert result.stderr == (
        f"{here}/.replylint.toml:2: selct: unknown key (did you mean 'select'?); known keys: {KEYS}\n"
    )


def test_unknown_key_in_pyproject(here: Path, draft: Path) -> None:
    result = config_error(
        here, draft, '[project]\nname = "x"\n\n[tool.replylint]\nignor = ["blame"]\n', "pyproject.toml"
    )
    assert result.stderr == (
        f"{here}/pyproject.toml:5: tool.replylint.ignor: unknown key (did you mean 'ignore'?); known keys: {KEYS}\n"
    )


def test_wrong_type(here: Path, draft: Path) -> None:
    result = config_error(here, draft, 'select = "blame"\n')
    assert result.stderr == f"{here}/.replylint.toml:1: select: expected a list of strings, got a string\n"


def test_unknown_rule_in_ignore_with_did_you_mean(here: Path, draft: Path) -> None:
    result = config_error(here, draft, 'select = ["jargon"]\nignore = ["jargon-acronim"]\n')
    assert result.stderr == (
        f"{here}/.replylint.toml:2: ignore: unknown rule or category 'jargon-acronim' "
        "(did you mean 'jargon-acronym'?)\n"
    )


def test_unknown_rule_in_select_in_pyproject(here: Path, draft: Path) -> None:
    result = config_error(here, draft, '[tool.replylint]\nselect = ["blam"]\n', "pyproject.toml")
    assert result.stderr == (
        f"{here}/pyproject.toml:2: tool.replylint.select: unknown rule or category 'blam' (did you mean 'blame'?)\n"
    )


def test_bad_severity_value(here: Path, draft: Path) -> None:
    result = config_error(here, draft, '[severity]\njargon-acronym = "eror"\n')
    assert result.stderr == (
        f"{here}/.replylint.toml:2: severity.jargon-acronym: unknown severity 'eror' (did you mean 'error'?)\n"
    )


def test_severity_of_the_wrong_type(here: Path, draft: Path) -> None:
    result = config_error(here, draft, "[severity]\njargon-acronym = 3\n")
    assert result.stderr == (
        f'{here}/.replylint.toml:2: severity.jargon-acronym: expected "info", "warning" or "error", got a number\n'
    )


def test_severity_for_an_unknown_rule(here: Path, draft: Path) -> None:
    result = config_error(here, draft, '[severity]\njargon-acronyms = "error"\n')
    assert result.stderr == (
        f"{here}/.replylint.toml:1: severity.jargon-acronyms: unknown rule or category 'jargon-acronyms' "
        "(did you mean 'jargon-acronym'?)\n"
    )


def test_bad_fail_on(here: Path, draft: Path) -> None:
    result = config_error(here, draft, 'fail-on = "warn"\n')
    assert result.stderr == f'{here}/.replylint.toml:1: fail-on: expected "info", "warning" or "error", got \'warn\'\n'


def test_invalid_toml(here: Path, draft: Path) -> None:
    result = config_error(here, draft, '# team\nselect = ["blame"\nignore = []\n')
    # The line moves into the location prefix; tomllib's "(at line 3, column 1)" suffix is dropped.
    assert result.stderr == f"{here}/.replylint.toml:3: invalid TOML: Unclosed array\n"


def test_missing_pack_path(here: Path, draft: Path) -> None:
    result = config_error(here, draft, 'packs = ["style/team.yaml"]\n')
    assert result.stderr == (
        f"{here}/.replylint.toml:1: packs: rule pack 'style/team.yaml' not found (looked for {here}/style/team.yaml)\n"
    )


def test_unknown_vocabulary_key(here: Path, draft: Path) -> None:
    result = config_error(here, draft, '[vocabulary]\nalow = ["TAT"]\n')
    assert result.stderr == (
        f"{here}/.replylint.toml:2: vocabulary.alow: unknown key (did you mean 'allow'?); known keys: allow, ban\n"
    )


def test_unknown_rule_in_per_file_ignores(here: Path, draft: Path) -> None:
    result = config_error(here, draft, '[per-file-ignores]\n"*.md" = ["jargon-acronim"]\n')
    assert result.stderr == (
        f"{here}/.replylint.toml:1: per-file-ignores.*.md: unknown rule or category 'jargon-acronim' "
        "(did you mean 'jargon-acronym'?)\n"
    )


def test_errors_are_reported_once_per_run(here: Path) -> None:
    write(here / ".replylint.toml", 'selct = ["blame"]\n')
    write(here / "a.txt", DRAFT)
    write(here / "b.txt", DRAFT)
    result = run("a.txt", "b.txt")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stdout == "no problems in 0 files; 2 files could not be linted\n"


def test_config_error_with_explicit_relative_config_path(here: Path, draft: Path) -> None:
    write(here / "team.toml", "fail-on = 2\n")
    result = run("--config", "team.toml", str(draft))
    assert result.exit_code == 2
    assert result.stderr == 'team.toml:1: fail-on: expected "info", "warning" or "error", got 2\n'


def test_per_file_ignores_type_error_names_the_line(here: Path, draft: Path) -> None:
    result = config_error(here, draft, '# globs\n[per-file-ignores]\n"*.txt" = "blame"\n')
    assert result.stderr.startswith(f"{here}/.replylint.toml:3: "), result.stderr


# --------------------------------------------------------------------------- test isolation (tests/conftest.py)


def test_tests_run_isolated_from_home_cwd_and_network() -> None:
    import os
    import socket

    home = Path.home()
    assert str(home) == os.environ["HOME"]
    assert Path(os.environ["XDG_CONFIG_HOME"]).is_relative_to(home)
    assert "NO_COLOR" not in os.environ
    cwd = Path.cwd()
    assert list(cwd.iterdir()) == []
    assert not (cwd / ".replylint.toml").exists() and cwd != Path(__file__).resolve().parents[1]
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock, pytest.raises(RuntimeError, match="network"):
        sock.connect(("127.0.0.1", 9))
