"""User rule packs: every kind works end to end, and every mistake is a `file:line: ...` message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from replylint import tokens
from replylint.cli import main
from replylint.packs import PackError
from replylint.packs.loader import parse_pack
from replylint.registry import first_party_packs

HEADER = "rules:\n"


def rule_yaml(
    rule_id: str = "team-cheers",
    kind: str = "existence",
    body: str = "    tokens: [cheers]\n",
    message: str = "'{match}' is not our sign-off",
    extra: str = "",
) -> str:
    """One pack rule; `body` holds the kind's own keys, indented by four spaces."""
    return (
        f"  - id: {rule_id}\n"
        f"    kind: {kind}\n"
        "    category: team\n"
        "    severity: warning\n"
        "    summary: A team rule.\n"
        "    rationale: Our style guide says so.\n"
        f'    message: "{message}"\n'
        f"{body}{extra}"
        "    examples:\n"
        '      bad: ["Cheers, Jo"]\n'
        '      good: ["Best wishes, Jo"]\n'
    )


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def with_pack(here: Path, pack: str, draft: str, *args: str, select: str = "team") -> Result:
    """Lint `draft` with the pack loaded through a config `packs = [...]` entry."""
    (here / "team.yaml").write_text(pack, encoding="utf-8")
    (here / "team.toml").write_text(f'packs = ["team.yaml"]\nselect = ["{select}"]\n', encoding="utf-8")
    (here / "reply.txt").write_text(draft, encoding="utf-8")
    return run("--config", "team.toml", *args, "reply.txt")


def findings(result: Result) -> list[tuple[str, int, int, str, str]]:
    data = json.loads(result.stdout)
    return [
        (d["rule"], d["start"]["line"], d["start"]["column"], d["text"], d["message"])
        for f in data["files"]
        for d in f["diagnostics"]
    ]


# --------------------------------------------------------------------------- each kind


def test_existence(here: Path) -> None:
    result = with_pack(here, HEADER + rule_yaml(), "Thanks for waiting!\n\nCheers,\nJo\n", "--format", "json")
    assert result.exit_code == 1
    assert findings(result) == [("team-cheers", 3, 1, "Cheers", "'Cheers' is not our sign-off")]


def test_existence_skips_quotes_and_placeholders(here: Path) -> None:
    draft = '> cheers for nothing\n\nHi {{ cheers }}, you wrote "cheers" twice.\n'
    result = with_pack(here, HEADER + rule_yaml(), draft, "--format", "json")
    assert result.exit_code == 0
    assert findings(result) == []


def test_substitution_with_fix(here: Path) -> None:
    pack = HEADER + rule_yaml(
        "team-product-name",
        "substitution",
        "    swap:\n      acme pad: Acme Notes\n      old portal: customer hub|account page\n",
        message="'{match}' is an old name; use {replacement}",
        extra="    fix: safe\n",
    )
    result = with_pack(here, pack, "Open Acme Pad, or the old portal.\n", "--format", "json")
    assert findings(result) == [
        ("team-product-name", 1, 6, "Acme Pad", "'Acme Pad' is an old name; use 'Acme Notes'"),
        ("team-product-name", 1, 23, "old portal", "'old portal' is an old name; use 'customer hub' or 'account page'"),
    ]
    first, second = json.loads(result.stdout)["files"][0]["diagnostics"]
    assert first["fix"] == {
        "applicability": "safe",
        "description": "replace with 'Acme Notes'",
        "edits": [{"start": 5, "end": 13, "replacement": "Acme Notes"}],
    }
    assert second["fix"] is None  # two choices: never applied automatically
    assert second["replacements"] == ["customer hub", "account page"]


def test_occurrence(here: Path) -> None:
    pack = HEADER + rule_yaml(
        "team-thanks",
        "occurrence",
        "    token: [thanks, thank you]\n    max: 1\n",
        message="'{match}' is thanks number {count} (limit {limit})",
    )
    result = with_pack(here, pack, "Thanks for writing in. I've fixed it.\nThank you again!\n", "--format", "json")
    assert findings(result) == [("team-thanks", 2, 1, "Thank you", "'Thank you' is thanks number 2 (limit 1)")]


def test_occurrence_minimum(here: Path) -> None:
    pack = HEADER + rule_yaml(
        "team-greeting",
        "occurrence",
        "    token: [hi, hello]\n    min: 1\n",
        message="no greeting ({count} of {limit})",
    )
    assert findings(with_pack(here, pack, "Your refund is on its way.\n", "--format", "json")) == [
        ("team-greeting", 1, 1, "", "no greeting (0 of 1)")
    ]
    assert findings(with_pack(here, pack, "Hi Sam, your refund is on its way.\n", "--format", "json")) == []


def test_required(here: Path) -> None:
    pack = HEADER + rule_yaml(
        "team-refund-time",
        "required",
        "    trigger: [refund]\n    require: ['\\d+ (?:business |working )?days']\n",
        message="'{match}' needs a time frame",
    )
    bad = with_pack(here, pack, "Hi Sam,\n\nYour refund is on its way.\n", "--format", "json")
    assert findings(bad) == [("team-refund-time", 3, 6, "refund", "'refund' needs a time frame")]
    good = with_pack(here, pack, "Your refund reaches your card within 5 business days.\n", "--format", "json")
    assert findings(good) == []


def test_metric(here: Path) -> None:
    pack = HEADER + rule_yaml(
        "team-short-sentences",
        "metric",
        "    metric: sentence-words\n    max: 4\n    scope: sentence\n",
        message="{value} words in this sentence (limit {limit})",
    )
    draft = "Thanks Sam. Your new card was posted this morning by tracked mail.\n"
    assert findings(with_pack(here, pack, draft, "--format", "json")) == [
        (
            "team-short-sentences",
            1,
            13,
            "Your new card was posted this morning by tracked mail.",
            "10 words in this sentence (limit 4)",
        )
    ]


def test_pack_folder_and_rules_listing(here: Path) -> None:
    (here / "packs").mkdir()
    (here / "packs" / "a.yaml").write_text(HEADER + rule_yaml("team-a"), encoding="utf-8")
    (here / "packs" / "b.yml").write_text(HEADER + rule_yaml("team-b", body="    tokens: [cya]\n"), encoding="utf-8")
    (here / "packs" / "notes.txt").write_text("not a pack", encoding="utf-8")
    (here / "team.toml").write_text('packs = ["packs"]\n', encoding="utf-8")
    listing = run("rules", "--config", "team.toml").stdout
    assert "team-a " in listing and "team-b " in listing
    explained = run("explain", "team-b", "--config", "team.toml")
    assert explained.exit_code == 0
    assert "Bad:\n  Cheers, Jo\n" in explained.stdout
    assert explained.stdout.rstrip().endswith("Defined in: packs/b.yml:2")  # the line of the rule's '- id:'


def test_pack_rules_obey_suppression_comments(here: Path) -> None:
    (here / "team.yaml").write_text(HEADER + rule_yaml(), encoding="utf-8")
    (here / "team.toml").write_text('packs = ["team.yaml"]\n', encoding="utf-8")
    (here / "reply.md").write_text(
        "Thanks!\n\n<!-- replylint-disable-next-line team-cheers -->\nCheers,\nJo\n", encoding="utf-8"
    )
    result = run("--config", "team.toml", "--select", "team,suppression", "reply.md")
    assert result.exit_code == 0, result.output


# --------------------------------------------------------------------------- errors, word for word


def pack_error(here: Path, pack: str) -> str:
    result = with_pack(here, pack, "Hello.\n")
    assert result.exit_code == 2
    assert result.stdout == "no problems in 0 files; 1 file could not be linted\n"
    assert result.stderr.count("\n") == 1
    return result.stderr.rstrip("\n")


def test_invalid_yaml(here: Path) -> None:
    pack = HEADER + rule_yaml(body="    tokens: [cheers\n")
    assert pack_error(here, pack) == "team.yaml:10: invalid YAML: did not find expected ',' or ']'"


def test_invalid_yaml_tab_indent(here: Path) -> None:
    pack = "rules:\n\t- id: team-x\n"
    assert pack_error(here, pack) == "team.yaml:2: invalid YAML: found character that cannot start any token"


def test_unknown_key_with_did_you_mean(here: Path) -> None:
    pack = HEADER + rule_yaml(body="    tokns: [cheers]\n")
    assert pack_error(here, pack) == (
        "team.yaml:9: rule 'team-cheers': unknown key 'tokns' for kind 'existence' (did you mean 'tokens'?)"
    )


def test_unknown_top_level_key(here: Path) -> None:
    pack = "rule:\n" + rule_yaml()
    assert pack_error(here, pack) == (
        "team.yaml:1: a rule pack is a mapping with one key, 'rules', holding a list of rules; "
        "unknown key 'rule' (did you mean 'rules'?)"
    )


def test_missing_required_key(here: Path) -> None:
    pack = HEADER + rule_yaml().replace("    summary: A team rule.\n", "")
    assert pack_error(here, pack) == "team.yaml:2: rule 'team-cheers': missing required key 'summary'"


def test_bad_kind(here: Path) -> None:
    pack = HEADER + rule_yaml(kind="existance")
    assert pack_error(here, pack) == (
        "team.yaml:3: rule 'team-cheers': unknown kind 'existance' (did you mean 'existence'?); "
        "expected one of existence, substitution, occurrence, required, metric"
    )


def test_invalid_regex_names_the_token(here: Path) -> None:
    pack = HEADER + rule_yaml(body="    tokens: ['cheers', '(?:ta|ttfn', 'bye']\n")
    assert pack_error(here, pack) == (
        "team.yaml:9: rule 'team-cheers': invalid regular expression '(?:ta|ttfn': missing ) at position 10"
    )


def test_invalid_regex_in_a_swap_key(here: Path) -> None:
    pack = HEADER + rule_yaml(kind="substitution", body="    swap:\n      'acme [pad': Acme Notes\n")
    message = pack_error(here, pack)
    assert message.startswith("team.yaml:9: rule 'team-cheers': invalid regular expression 'acme [pad': ")


def test_duplicate_rule_id(here: Path) -> None:
    pack = HEADER + rule_yaml() + rule_yaml(body="    tokens: [cya]\n")
    assert pack_error(here, pack) == "team.yaml:13: duplicate rule id 'team-cheers' (first on line 2)"


def test_bad_message_placeholder(here: Path) -> None:
    pack = HEADER + rule_yaml(message="'{matched}' is not our sign-off")
    assert pack_error(here, pack) == (
        "team.yaml:8: rule 'team-cheers': unknown placeholder {matched} in \"'{matched}' is not our sign-off\" "
        "(did you mean {match}?); known: {match}, {replacement}, {count}, {limit}, {value}"
    )


def test_unclosed_message_placeholder(here: Path) -> None:
    pack = HEADER + rule_yaml(message="'{match' is not our sign-off")
    assert pack_error(here, pack) == (
        "team.yaml:8: rule 'team-cheers': bad placeholder in \"'{match' is not our sign-off\": "
        "expected '}' before end of string (use {{ and }} for braces)"
    )


def test_bad_severity(here: Path) -> None:
    pack = HEADER + rule_yaml().replace("severity: warning", "severity: warn")
    assert pack_error(here, pack) == (
        "team.yaml:5: rule 'team-cheers': unknown severity 'warn' (expected info, warning or error)"
    )


def test_bad_rule_id(here: Path) -> None:
    pack = HEADER + rule_yaml(rule_id="Team_Cheers")
    assert pack_error(here, pack) == (
        "team.yaml:2: rule 'Team_Cheers': rule id 'Team_Cheers' must be lowercase words joined by '-', "
        "e.g. 'jargon-acronym'"
    )


def test_metric_needs_a_bound(here: Path) -> None:
    pack = HEADER + rule_yaml(kind="metric", body="    metric: words\n")
    assert pack_error(here, pack) == "team.yaml:2: rule 'team-cheers': a metric rule needs 'max' or 'min'"


def test_unknown_metric(here: Path) -> None:
    pack = HEADER + rule_yaml(kind="metric", body="    metric: word\n    max: 3\n")
    assert pack_error(here, pack) == (
        "team.yaml:9: rule 'team-cheers': unknown metric 'word' (did you mean 'words'?); "
        "expected one of grade-level, words, sentence-words"
    )


def test_rule_id_clashing_with_a_first_party_rule(here: Path) -> None:
    pack = HEADER + rule_yaml(rule_id="jargon-acronym")
    message = pack_error(here, pack)
    assert message.startswith("rule id 'jargon-acronym' is defined twice: in ")
    assert message.endswith("jargon.yaml and in team.yaml:2")


def test_rule_id_clash_names_the_line(here: Path) -> None:
    # A user pack's origin carries the line of its rule; first-party rules come from the pre-read
    # bundle, which has no lines (tests/test_bundle.py keeps the bundle current).
    pack = HEADER + rule_yaml(rule_id="jargon-acronym")
    assert pack_error(here, pack) == (
        f"rule id 'jargon-acronym' is defined twice: in {first_party_packs() / 'jargon.yaml'} and in team.yaml:2"
    )


def test_attribute_placeholder_is_rejected() -> None:
    # '{match.upper}' would render as '<built-in method upper of str object at 0x...>' in every message.
    with pytest.raises(PackError) as info:
        parse_pack(HEADER + rule_yaml(message="'{match.upper}' is not our sign-off"), "team.yaml")
    assert str(info.value) == (
        "team.yaml:8: rule 'team-cheers': unknown placeholder {match.upper} in \"'{match.upper}' is not our sign-off\" "
        "(did you mean {match}?); known: {match}, {replacement}, {count}, {limit}, {value}"
    )


def test_pack_errors_from_the_loader_directly() -> None:
    with pytest.raises(PackError) as info:
        parse_pack(HEADER + rule_yaml(kind="existance"), "inline.yaml")
    assert str(info.value).startswith("inline.yaml:3: rule 'team-cheers': unknown kind 'existance'")


# --------------------------------------------------------------------------- runaway patterns


CATASTROPHIC = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"


def test_nested_quantifier_from_the_brief_finishes_quickly(here: Path) -> None:
    # '(a+)+$' is the textbook catastrophic pattern; the regex module handles it without backtracking.
    # Were it to backtrack, the time limit would stop it and the run would end in a rule-error (exit 2).
    pack = HEADER + rule_yaml("team-slow", body="    tokens: ['(a+)+$']\n")
    result = with_pack(here, pack, f"Hello {CATASTROPHIC}\n", "--format", "json")
    assert result.exit_code == 0
    assert findings(result) == []


def test_catastrophic_backtracking_becomes_a_rule_error(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # '(a|aa)+$' does backtrack exponentially under the regex module: the per-pattern time limit
    # stops it (shortened here so the test is quick; without a limit it would not finish).
    monkeypatch.setattr(tokens, "MATCH_TIMEOUT", 0.2)
    pack = HEADER + rule_yaml("team-slow", body="    tokens: ['(a|aa)+$']\n")
    (here / "ok.txt").write_text("Cheers, Jo\n", encoding="utf-8")
    result = with_pack(here, pack, f"Hello {CATASTROPHIC}\n")
    assert result.exit_code == 2
    assert result.stdout == (
        "reply.txt:1:1: error rule-error rule 'team-slow' failed on this file: TimeoutError: regex timed out\n"
        "1 problem (1 error, 0 warnings) in 1 file\n"
    )


def test_rule_error_does_not_stop_other_rules_or_files(here: Path) -> None:
    pack = HEADER + rule_yaml("team-slow", body="    tokens: ['(a|aa)+$']\n") + rule_yaml("team-cheers")
    (here / "team.yaml").write_text(pack, encoding="utf-8")
    (here / "team.toml").write_text('packs = ["team.yaml"]\nselect = ["team"]\n', encoding="utf-8")
    (here / "slow.txt").write_text(f"Cheers, {CATASTROPHIC}\n", encoding="utf-8")
    (here / "fine.txt").write_text("Cheers, Jo\n", encoding="utf-8")
    result = run("--config", "team.toml", "--format", "json", "slow.txt", "fine.txt")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [[d["rule"] for d in f["diagnostics"]] for f in data["files"]] == [
        ["rule-error", "team-cheers"],
        ["team-cheers"],
    ]


@pytest.mark.parametrize("how", ["libyaml", "recursion"])
def test_a_pack_nested_too_deeply_says_so_whichever_limit_stops_it(monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    """PyYAML's C loader stops at 1,000 levels from 6.0.4 on ("exceeded maximum nesting depth");
    before, Python's recursion limit did. The message is the same either way."""
    import yaml

    from replylint.formats.library.yamlcodecs import TOO_DEEP

    def load(text: str, Loader: object) -> object:  # noqa: N803 - yaml.load's own name
        if how == "libyaml":
            raise yaml.scanner.ScannerError("while increasing flow level", None, TOO_DEEP, None)
        raise RecursionError

    monkeypatch.setattr(yaml, "load", load)
    with pytest.raises(PackError) as raised:
        parse_pack("rules: [[[]]]\n", "team.yaml")
    assert str(raised.value) == "team.yaml:1: invalid YAML: nested too deeply"
