"""One harness for every first-party rule, driven by case files.

Each rule `<rule-id>` has a case file `tests/rules/cases/<rule-id>.yaml`:

    cases:
      - text: "..."                    # the draft
        format: plain                  # optional: plain | markdown | template (default: plain)
        options: {known: [ticket.id]}  # optional: the rule's options, as in [tool.replylint.options.<rule>]
        expect: [[line, column], ...]  # findings of THIS rule only, 1-based; [] for a clean case
        note: why                      # optional
        xfail: "BUG: ..."              # optional: a known false positive / negative; the case
                                       # runs as a strict xfail until the rule is fixed

Each case lints `text` (parsed with replylint.formats.parse in `format`) with
only that rule active (registry.select(select=[rule_id])) and compares the
start (line, column) of every finding with `expect`, order-insensitively.
Columns count code points. The registry is built once per session.

The meta-tests below make sure that every first-party rule listed by
`replylint rules` has a case file (except the engine rules and
vocabulary-banned, which is empty until a config bans terms), that every case
file has at least 4 bad and 4 good cases, that every rule documents itself
(summary, rationale, category, bad and good examples) and that each rule's own
examples behave as they claim.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import shared_registry

from replylint.builtin.suppression import ENGINE_RULE_IDS
from replylint.builtin.vocabulary import vocabulary_rule
from replylint.cli import main
from replylint.diagnostics import Diagnostic
from replylint.engine import ActiveRule, LintOptions, lint
from replylint.fixer import apply_edits
from replylint.formats import FORMATS, parse
from replylint.registry import Registry, first_party_packs

CASES_DIR = Path(__file__).parent / "rules" / "cases"
CASE_KEYS = {"text", "format", "expect", "note", "xfail", "options"}
NO_CASE_FILE = ENGINE_RULE_IDS | {"vocabulary-banned"}
MIN_BAD = MIN_GOOD = 4


# --------------------------------------------------------------------------- helpers


def load_case_file(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and set(data) == {"cases"}, f"{path.name}: top level must be a mapping with 'cases'"
    assert isinstance(data["cases"], list), f"{path.name}: 'cases' must be a list"
    return data["cases"]


def case_files() -> list[Path]:
    return sorted(CASES_DIR.glob("*.yaml"))


def lint_one_rule(
    registry: Registry, rule_id: str, text: str, fmt: str = "plain", options: dict[str, Any] | None = None
) -> list[Diagnostic]:
    active = registry.select(select=[rule_id], options={rule_id: options or {}})
    assert [a.rule.id for a in active] == [rule_id], f"selecting {rule_id!r} gave {[a.rule.id for a in active]}"
    return lint(parse(text, fmt), active, LintOptions(is_known=registry.is_known))


def describe(diagnostics: list[Diagnostic]) -> str:
    return "\n".join(f"  {d.start.line}:{d.start.column} {d.rule} {d.matched!r}: {d.message}" for d in diagnostics)


def is_first_party(origin: str) -> bool:
    if origin == "builtin":
        return True
    try:
        return Path(origin).resolve().parent == first_party_packs().resolve()
    except (OSError, ValueError):
        return False


def _case_params() -> Iterator[Any]:
    for path in case_files():
        rule_id = path.stem
        for index, case in enumerate(load_case_file(path)):
            marks = []
            if isinstance(case, dict) and case.get("xfail"):
                marks.append(pytest.mark.xfail(strict=True, reason=str(case["xfail"])))
            yield pytest.param(rule_id, index, case, id=f"{rule_id}-{index}", marks=marks)


# --------------------------------------------------------------------------- the harness


@pytest.mark.parametrize(("rule_id", "index", "case"), list(_case_params()))
def test_case(registry: Registry, rule_id: str, index: int, case: dict[str, Any]) -> None:
    text, fmt = case["text"], case.get("format", "plain")
    expected = sorted(tuple(p) for p in case["expect"])
    diagnostics = lint_one_rule(registry, rule_id, text, fmt, case.get("options"))
    assert all(d.rule == rule_id for d in diagnostics), f"unexpected diagnostics:\n{describe(diagnostics)}"
    for d in diagnostics:  # every span lies inside the text and agrees with its positions
        assert 0 <= d.span.start <= d.span.end <= len(text)
        assert (d.start.offset, d.end.offset) == (d.span.start, d.span.end)
        assert d.matched == text[d.span.start : d.span.end]
    found = sorted((d.start.line, d.start.column) for d in diagnostics)
    assert found == expected, (
        f"{rule_id} case {index} ({case.get('note', 'no note')}):\n{text!r}\n"
        f"expected {expected}, found {found}:\n{describe(diagnostics)}"
    )


# --------------------------------------------------------------------------- meta-tests: case files


def _listed_rules() -> list[dict[str, Any]]:
    """What `replylint rules --format json` lists (first-party rules, plugins, vocabulary)."""
    result = CliRunner().invoke(main, ["rules", "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_every_first_party_rule_has_a_case_file() -> None:
    listed = _listed_rules()
    text_listing = CliRunner().invoke(main, ["rules"]).stdout
    assert {row["id"] for row in listed} == {line.split()[0] for line in text_listing.splitlines() if line.strip()}
    needed = {row["id"] for row in listed if is_first_party(row["origin"])} - NO_CASE_FILE
    have = {path.stem for path in case_files()}
    assert sorted(needed - have) == [], "rules without a case file in tests/rules/cases/"
    assert sorted(have - needed) == [], "case files for rules that `replylint rules` does not list"


def test_first_party_rules_are_the_expected_set() -> None:
    """Guards the filter above: plugins must not count as first-party, and nothing may go missing."""
    ids = {row["id"] for row in _listed_rules() if is_first_party(row["origin"])}
    assert NO_CASE_FILE <= ids
    assert len(ids - NO_CASE_FILE) >= 14


@pytest.mark.parametrize("path", case_files(), ids=lambda p: p.stem)
def test_case_file_is_well_formed(path: Path) -> None:
    cases = load_case_file(path)
    for index, case in enumerate(cases):
        where = f"{path.name} case {index}"
        assert isinstance(case, dict), where
        assert set(case) <= CASE_KEYS, f"{where}: unknown keys {sorted(set(case) - CASE_KEYS)}"
        assert isinstance(case.get("text"), str), f"{where}: text must be a string"
        assert case.get("format", "plain") in FORMATS, f"{where}: format must be one of {FORMATS}"
        expect = case.get("expect")
        assert isinstance(expect, list), f"{where}: expect must be a list"
        for pos in expect:
            assert isinstance(pos, list) and len(pos) == 2 and all(isinstance(n, int) and n >= 1 for n in pos), (
                f"{where}: each expected finding is [line, column], 1-based"
            )
        if "xfail" in case:
            assert str(case["xfail"]).startswith("BUG: "), f"{where}: an xfail reason starts with 'BUG: '"
    texts = [c["text"] for c in cases]
    assert len(texts) == len(set(texts)), f"{path.name}: duplicate case texts"
    # Known-bug cases document what the rule *should* do; they do not count towards the minimum.
    solid = [c for c in cases if "xfail" not in c]
    bad = [c for c in solid if c["expect"]]
    good = [c for c in solid if not c["expect"]]
    assert len(bad) >= MIN_BAD, f"{path.name}: needs at least {MIN_BAD} bad cases, has {len(bad)}"
    assert len(good) >= MIN_GOOD, f"{path.name}: needs at least {MIN_GOOD} good cases, has {len(good)}"


# --------------------------------------------------------------------------- meta-tests: rule documentation


@pytest.mark.parametrize("rule_id", [r.id for r in shared_registry().rules])
def test_rule_documents_itself(registry: Registry, rule_id: str) -> None:
    rule = registry.get(rule_id)
    assert rule is not None
    assert rule.summary.strip(), "summary"
    assert rule.rationale.strip(), "rationale"
    assert rule.category.strip(), "category"
    if rule.id == "rule-error":
        # Raised by the engine when another rule crashes: no draft text can illustrate it.
        return
    assert len(rule.bad) >= 1, "at least one bad example"
    assert len(rule.good) >= 1, "at least one good example"
    assert all(e.text.strip() for e in (*rule.bad, *rule.good))


# Examples in the first-party rules that do not do what they claim (strict xfails), keyed by
# (rule id, "bad" or "good", example text) with a "BUG: ..." reason. None known at present.
EXAMPLE_BUGS: dict[tuple[str, str, str], str] = {}
# Rules whose examples only make sense with options set; their examples read 'option = ...  ->  "draft"'.
EXAMPLE_OPTIONS: dict[str, dict[str, Any]] = {"placeholder-unknown": {"known": ["ticket.requester.first_name"]}}


def _example_params() -> Iterator[Any]:
    for rule in shared_registry().rules:
        if rule.id in NO_CASE_FILE or not is_first_party(rule.origin):
            continue
        for kind, examples in (("bad", rule.bad), ("good", rule.good)):
            for index, example in enumerate(examples):
                reason = EXAMPLE_BUGS.get((rule.id, kind, example.text))
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                yield pytest.param(rule.id, kind, example.text, id=f"{rule.id}-{kind}-{index}", marks=marks)


@pytest.mark.parametrize(("rule_id", "kind", "text"), list(_example_params()))
def test_rule_examples_behave_as_documented(registry: Registry, rule_id: str, kind: str, text: str) -> None:
    options = EXAMPLE_OPTIONS.get(rule_id)
    if options is not None:  # 'known = [...]  ->  "draft"': lint the draft, as a template
        text = text.split("->", 1)[1].strip().strip('"')
    diagnostics = lint_one_rule(registry, rule_id, text, "template" if options else "plain", options)
    assert all(d.rule == rule_id for d in diagnostics), describe(diagnostics)
    if kind == "bad":
        assert diagnostics, f"{rule_id}: its own bad example is not reported: {text!r}"
    else:
        assert not diagnostics, f"{rule_id}: its own good example is reported:\n{describe(diagnostics)}"


def _all_rules(registry: Registry) -> list[ActiveRule]:
    return registry.select()


@pytest.mark.parametrize("rule_id", ["suppression-invalid", "suppression-unused"])
def test_suppression_rule_examples_behave_as_documented(registry: Registry, rule_id: str) -> None:
    """Directives live in comments, so these examples are linted as Markdown with every rule on."""
    rule = registry.get(rule_id)
    assert rule is not None and rule.bad and rule.good
    options = LintOptions(is_known=registry.is_known)
    for example in rule.bad:
        found = [d.rule for d in lint(parse(example.text, "markdown"), _all_rules(registry), options)]
        assert rule_id in found, f"bad example not reported: {example.text!r}"
    for example in rule.good:
        found = [d.rule for d in lint(parse(example.text, "markdown"), _all_rules(registry), options)]
        assert rule_id not in found, f"good example reported: {example.text!r}"


def test_vocabulary_banned_example_behaves_as_documented() -> None:
    rule = vocabulary_rule({"Project Falcon": "the new dashboard"})
    assert rule.bad and rule.good and rule.summary and rule.rationale and rule.category == "vocabulary"
    active = [ActiveRule(rule, rule.severity)]
    bad = lint(parse("Project Falcon is live."), active)
    assert [(d.rule, d.matched, d.replacements) for d in bad] == [
        ("vocabulary-banned", "Project Falcon", ("the new dashboard",))
    ]
    for example in rule.good:
        assert lint(parse(example.text), active) == []
    # With nothing banned (no config) the rule is silent.
    empty = vocabulary_rule({})
    assert lint(parse("Project Falcon is live."), [ActiveRule(empty, empty.severity)]) == []


# --------------------------------------------------------------------------- messages the case files cannot check


def test_apology_excessive_message_counts_every_apology(registry: Registry) -> None:
    # Reported once, at the first apology past the limit (the third); the message gives the total (four).
    text = "Sorry about this.\nSorry again.\nI do apologise.\nSorry!"
    [d] = lint_one_rule(registry, "apology-excessive", text)
    assert (d.start.line, d.start.column, d.matched) == (3, 6, "apologise")
    assert d.message == "this reply apologises 4 times (more than 2); one sincere apology is enough"


def test_apology_excessive_message_with_exactly_three(registry: Registry) -> None:
    [d] = lint_one_rule(registry, "apology-excessive", "Sorry for the wait. I'm so sorry. Apologies again.")
    assert d.matched == "Apologies"
    assert d.message == "this reply apologises 3 times (more than 2); one sincere apology is enough"


def test_substitution_finding_carries_replacement_and_fix(registry: Registry) -> None:
    [d] = lint_one_rule(registry, "jargon-corporate", "We will circle back once the courier replies.")
    assert d.matched == "circle back"
    assert d.replacements == ("follow up",)
    assert d.fix is not None and d.fix.applicability.value == "safe"
    assert [(e.span.start, e.span.end, e.replacement) for e in d.fix.edits] == [(8, 19, "follow up")]


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("Please kindly revert with the order number.", "Please reply with the order number."),
        ("Please, kindly revert back with the date.", "Please reply with the date."),
        ("Kindly revert with the order number.", "Please reply with the order number."),
    ],
)
def test_please_kindly_revert_is_not_fixed_to_please_please(registry: Registry, text: str, fixed: str) -> None:
    [d] = lint_one_rule(registry, "jargon-corporate", text)
    assert d.fix is not None
    assert apply_edits(text, d.fix.edits)[0] == fixed


def test_substitution_with_choices_offers_no_automatic_fix(registry: Registry) -> None:
    [d] = lint_one_rule(registry, "jargon-corporate", "As per your request, I have closed the ticket.")
    assert d.matched == "As per"
    assert len(d.replacements) == 2
    assert d.fix is None
