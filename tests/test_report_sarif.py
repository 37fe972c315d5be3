"""SARIF 2.1.0 output, validated against the official OASIS schema (tests/data, errata 01)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from helpers import run, write

from replylint.api import lint_text
from replylint.diagnostics import FileResult
from replylint.registry import Registry
from replylint.report import ReportContext, reporter

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
DRAFT = "Hi Sam,\n\nWe will respond per the SLA. Kindly revert.\n\nThanks,\nAlex\n"
# A relative URI reference: unreserved and sub-delimiter characters, '/', and %XX escapes only.
RELATIVE_URI = re.compile(r"(?:[A-Za-z0-9._~!$&'()*+,;=:@/-]|%[0-9A-F]{2})+")


@cache
def _validator() -> Any:
    import jsonschema  # in the test extra

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def valid(log: dict[str, Any]) -> dict[str, Any]:
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _validator().iter_errors(log)]
    assert errors == []
    return log


def test_the_schema_is_the_official_one() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    assert len(SCHEMA.read_text(encoding="utf-8")) == 112768


def test_the_validator_rejects_a_broken_log() -> None:
    errors = list(_validator().iter_errors({"version": "2.1.0", "runs": [{"tool": {}, "results": [{"level": "bad"}]}]}))
    assert {e.message for e in errors} == {
        "'driver' is a required property",
        "'message' is a required property",
        "'bad' is not one of ['none', 'note', 'warning', 'error']",
    }


def test_cli_sarif_is_valid_and_complete(here: Path) -> None:
    write(here / "replies" / "a.txt", DRAFT)
    write(here / "replies" / "my draft.md", "Hi Sam,\n\nYour RMA number is 4471.\n")
    write(here / "clean.txt", "Hi Sam,\n\nThanks, your parcel ships on Friday.\n\nAlex\n")
    (here / "bin.txt").write_bytes(b"bad\xff")
    result = run("--format", "sarif", "replies", "clean.txt", "bin.txt")
    assert result.exit_code == 2
    assert result.stderr == "bin.txt: not UTF-8 text (byte 0xff at offset 3)\n"
    log = valid(json.loads(result.stdout))
    assert log["version"] == "2.1.0"
    (run_,) = log["runs"]
    assert run_["columnKind"] == "unicodeCodePoints"
    assert run_["originalUriBaseIds"] == {"%SRCROOT%": {"uri": here.as_uri() + "/"}}
    driver = run_["tool"]["driver"]
    assert driver["name"] == "replylint"
    rule_ids = [r["id"] for r in driver["rules"]]
    assert rule_ids == sorted(set(rule_ids))
    for r in run_["results"]:
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
        (location,) = r["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        assert RELATIVE_URI.fullmatch(artifact["uri"]), artifact["uri"]
    uris = sorted({r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run_["results"]})
    assert uris == ["replies/a.txt", "replies/my%20draft.md"]
    (invocation,) = run_["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [
        {
            "level": "error",
            "message": {"text": "bin.txt: not UTF-8 text (byte 0xff at offset 3)"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "bin.txt", "uriBaseId": "%SRCROOT%"}}}],
        }
    ]


def test_rule_metadata_comes_from_the_registry(here: Path, registry: Registry) -> None:
    write(here / "a.txt", DRAFT)
    log = valid(json.loads(run("--format", "sarif", "a.txt").stdout))
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    acronym = registry.get("jargon-acronym")
    assert acronym is not None
    assert rules["jargon-acronym"] == {
        "id": "jargon-acronym",
        "name": "jargon-acronym",
        "shortDescription": {"text": acronym.summary},
        "fullDescription": {"text": " ".join(acronym.rationale.split())},
        "help": {
            "text": " ".join(acronym.rationale.split())
            + f"\n\nBad: {acronym.bad[0].text}\nGood: {acronym.good[0].text}"
        },
        "defaultConfiguration": {"level": "warning"},
        "properties": {"category": "jargon", "tags": ["jargon"]},
    }


def test_result_region_counts_code_points_and_ends_after_the_words(here: Path) -> None:
    write(here / "a.txt", "Hi Sam \U0001f600,\n\n\U0001f600 We respond per the SLA.\n")
    log = valid(json.loads(run("--format", "sarif", "a.txt").stdout))
    (result,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "jargon-acronym"]
    assert result["level"] == "warning"
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3,
        "startColumn": 14,
        "endLine": 3,
        "endColumn": 25,
        "snippet": {"text": "per the SLA"},
    }
    assert result["message"]["text"] == (
        "'per the SLA' is internal shorthand the customer may not know: "
        '"per the SLA" -> "within the time we promised"'
    )
    (fix,) = result["fixes"]
    replacement = fix["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"] == {"text": "within the time we promised"}
    assert replacement["deletedRegion"] == {"startLine": 3, "startColumn": 14, "endLine": 3, "endColumn": 25}


def test_partial_fingerprints_survive_lines_moving(here: Path) -> None:
    def fingerprints(text: str) -> list[str]:
        write(here / "a.txt", text)
        log = valid(json.loads(run("--format", "sarif", "a.txt").stdout))
        return [r["partialFingerprints"]["replylint/v1"] for r in log["runs"][0]["results"]]

    before = fingerprints(DRAFT)
    assert len(before) == 2
    assert fingerprints("Hello again.\n\n" + DRAFT) == before
    assert fingerprints(DRAFT.replace("Kindly revert", "Kindly reply")) != before


def test_template_names_are_in_message_and_properties(registry: Registry) -> None:
    diagnostics = tuple(d._replace(template="Refund delay") for d in lint_text(DRAFT, registry=registry))
    results = [FileResult("/repo/lib/macros.yaml", "yaml", diagnostics), FileResult("<stdin>", "plain", diagnostics)]
    context = ReportContext(rules=registry.rules, cwd="/repo")
    log = valid(json.loads(reporter("sarif")(results, context)))
    for result in log["runs"][0]["results"]:
        assert result["properties"]["template"] == "Refund delay"
        assert result["message"]["text"].endswith(" [template: Refund delay]")
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]]
    assert uris == ["lib/macros.yaml"] * 2 + ["%3Cstdin%3E"] * 2


def test_absolute_paths_outside_the_working_folder_are_file_uris(registry: Registry) -> None:
    diagnostics = tuple(lint_text(DRAFT, registry=registry))
    log = valid(
        json.loads(reporter("sarif")([FileResult("/elsewhere/a b.txt", "plain", diagnostics)], ReportContext()))
    )
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "file:///elsewhere/a%20b.txt"}
    assert "originalUriBaseIds" not in log["runs"][0]


def test_a_rule_missing_from_the_context_is_described_from_its_finding(registry: Registry) -> None:
    diagnostics = tuple(lint_text(DRAFT, registry=registry))
    log = valid(json.loads(reporter("sarif")([FileResult("a.txt", "plain", diagnostics)], ReportContext())))
    rule = log["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule == {
        "id": "jargon-acronym",
        "name": "jargon-acronym",
        "shortDescription": {"text": "jargon-acronym"},
        "defaultConfiguration": {"level": "warning"},
        "properties": {"category": "jargon", "tags": ["jargon"]},
    }


def test_a_clean_run_is_a_valid_log_with_no_results(here: Path) -> None:
    write(here / "a.txt", "Hi Sam,\n\nThanks, your parcel ships on Friday.\n\nAlex\n")
    result = run("--format", "sarif", "a.txt")
    assert result.exit_code == 0
    log = valid(json.loads(result.stdout))
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["tool"]["driver"]["rules"] == []
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True}]
