"""The tone, privacy and placeholder families: validation helpers, rule options through config and
the command line, and a property test that no rule in these families raises on arbitrary text.

Per-rule behaviour (bad and good drafts) is in tests/rules/cases/<rule-id>.yaml; placeholder-unknown
reports nothing until `known` is configured, so its cases are here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers import run, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replylint.builtin.placeholder import is_known
from replylint.builtin.privacy import card_issuer_known, iban_valid, is_card_number, luhn_valid, nino_valid, ssn_valid
from replylint.cli import main
from replylint.engine import LintOptions, lint
from replylint.formats import FORMATS, parse
from replylint.registry import Registry

FAMILIES = ("tone", "privacy", "placeholder")


def findings(result: Result) -> list[tuple[str, str]]:
    data = json.loads(result.stdout)
    return [(d["rule"], d["text"]) for f in data["files"] for d in f["diagnostics"]]


# --------------------------------------------------------------------------- validation helpers


@pytest.mark.parametrize(
    "digits",
    ["79927398713", "4111111111111111", "5555555555554444", "378282246310005", "6011111111111117", "00"],
)
def test_luhn_accepts_valid_numbers(digits: str) -> None:
    assert luhn_valid(digits)


@pytest.mark.parametrize("digits", ["79927398710", "4111111111111112", "1234567812345678", "", "41111111a1111111", "4"])
def test_luhn_rejects_invalid_numbers(digits: str) -> None:
    assert not luhn_valid(digits)


def test_luhn_rejects_non_ascii_digits() -> None:
    assert not luhn_valid("\u0664\u0661\u0661\u0661" * 4)  # Arabic-Indic digits are str.isdigit() too


def test_card_number_needs_a_card_prefix_and_length() -> None:
    assert is_card_number("4111111111111111")  # Visa, 16
    assert is_card_number("378282246310005")  # Amex, 15
    assert not is_card_number("356938035643809")  # an IMEI: Luhn-valid, 15 digits, but no card scheme uses 35 + 15
    assert luhn_valid("356938035643809")
    assert not card_issuer_known("9400100000000000")  # a USPS tracking prefix
    assert is_card_number("4222222222222")  # Visa, 13 digits
    assert not is_card_number("4111111111111111111111")  # too long for any card


@pytest.mark.parametrize(
    "iban",
    [
        "GB82 WEST 1234 5698 7654 32",
        "GB82WEST12345698765432",
        "DE89370400440532013000",
        "FR1420041010050500013M02606",
        "NO9386011117947",
    ],
)
def test_iban_accepts_valid_checksums(iban: str) -> None:
    assert iban_valid(iban)


@pytest.mark.parametrize(
    "iban",
    [
        "GB82 WEST 1234 5698 7654 33",  # checksum off by one
        "GB82WEST1234569876543",  # one character short for GB
        "XX82WEST12345698765432",  # no such country
        "DE89 3704 0044 0532 0130 0",  # too short for DE
        "GB8!WEST12345698765432",
        "",
    ],
)
def test_iban_rejects_invalid(iban: str) -> None:
    assert not iban_valid(iban)


@pytest.mark.parametrize("ssn", ["536-22-1234", "219-45-6780", "001-01-0001", "665-99-9999", "899-12-3456"])
def test_ssn_accepts_issuable_numbers(ssn: str) -> None:
    assert ssn_valid(ssn)


@pytest.mark.parametrize(
    "ssn",
    [
        "000-12-3456",  # area 000
        "666-12-3456",  # area 666
        "900-12-3456",  # areas 900-999 are never issued
        "536-00-1234",  # group 00
        "536-22-0000",  # serial 0000
        "078-05-1120",  # the Woolworth wallet card
        "123-45-6789",  # the advertising example
        "987-65-4321",
        "53-622-1234",
    ],
)
def test_ssn_rejects_unissuable_numbers(ssn: str) -> None:
    assert not ssn_valid(ssn)


@pytest.mark.parametrize("nino", ["AB123456C", "AB 12 34 56 C", "JT123456A", "ZX999999D"])
def test_nino_accepts_valid_numbers(nino: str) -> None:
    assert nino_valid(nino)


@pytest.mark.parametrize(
    "nino",
    ["QQ123456C", "DA123456C", "AO123456C", "GB123456A", "NK123456A", "AB123456E", "AB12345C", "HT204759"],
)
def test_nino_rejects_invalid_numbers(nino: str) -> None:
    assert not nino_valid(nino)


@pytest.mark.parametrize(
    ("variable", "known", "expected"),
    [
        ("ticket.id", ["ticket.id"], True),
        ("ticket.id", ["ticket.*"], True),
        ("ticket.requester.first_name", ["ticket.*"], True),
        ("ticket", ["ticket.*"], False),  # the wildcard covers what is under ticket, not ticket itself
        ("tickets.id", ["ticket.*"], False),
        ("ticket.requester.frist_name", ["ticket.requester.first_name"], False),
        ("anything", ["*"], True),
        ("ticket.id", [], False),
    ],
)
def test_known_variables_and_wildcards(variable: str, known: list[str], expected: bool) -> None:
    assert is_known(variable, known) is expected


# --------------------------------------------------------------------------- placeholder-unknown, via the registry

KNOWN = {"known": ["ticket.requester.first_name", "ticket.id", "current_user.*"]}

UNKNOWN_BAD = [
    ("Hi {{ ticket.requester.frist_name }},", "ticket.requester.frist_name"),
    ("Hi {{ticket.requester.name}}, thanks.", "ticket.requester.name"),
    ("Ticket %{ticket.number} is open.", "ticket.number"),
    ("Hi {{ customer.first_name | default: 'there' }},", "customer.first_name"),
    ("{{{ ticket.description }}}", "ticket.description"),
]
UNKNOWN_GOOD = [
    "Hi {{ ticket.requester.first_name | default: 'there' }},",
    "Regards, {{ current_user.first_name }} (ticket #{{ticket.id}})",
    "{% for item in ticket.items %}{{ item.name }}{% endfor %}",  # a loop variable; only tags name ticket.items
    "{% assign greeting = 'Hi' %}{{ greeting }} {{ ticket.requester.first_name }}",
    "{{#if ticket.id}}Ticket {{ticket.id}}{{/if}} {{> footer}} {{! a comment }}",
    "{{ 'refund.title' | t }} {{ forloop.index }}",
    "{# {{ ticket.secret_field }} #}Hi {{ ticket.requester.first_name }}",
]


def _unknown(registry: Registry, text: str, options: dict | None) -> list[str]:
    active = registry.select(
        select=["placeholder-unknown"], options={"placeholder-unknown": options} if options else None
    )
    return [d.message for d in lint(parse(text, "template"), active, LintOptions(is_known=registry.is_known))]


@pytest.mark.parametrize(("text", "variable"), UNKNOWN_BAD)
def test_placeholder_unknown_reports_unlisted_variables(registry: Registry, text: str, variable: str) -> None:
    [message] = _unknown(registry, text, KNOWN)
    assert message.startswith(f"'{variable}' is not a known template variable")


@pytest.mark.parametrize("text", UNKNOWN_GOOD)
def test_placeholder_unknown_accepts_known_and_local_variables(registry: Registry, text: str) -> None:
    assert _unknown(registry, text, KNOWN) == []


@pytest.mark.parametrize(("text", "variable"), UNKNOWN_BAD)
def test_placeholder_unknown_is_silent_without_a_list(registry: Registry, text: str, variable: str) -> None:
    assert _unknown(registry, text, None) == []
    assert _unknown(registry, text, {"known": []}) == []


def test_placeholder_unknown_suggests_a_close_name(registry: Registry) -> None:
    [message] = _unknown(registry, "Hi {{ ticket.requester.frist_name }},", KNOWN)
    assert "(did you mean 'ticket.requester.first_name'?)" in message


def test_placeholder_unknown_documented_examples(registry: Registry) -> None:
    rule = registry.get("placeholder-unknown")
    assert rule is not None and [o.name for o in rule.options] == ["known"]
    assert _unknown(registry, "Hi {{ ticket.requester.frist_name }},", {"known": ["ticket.requester.first_name"]})
    assert not _unknown(
        registry, "Hi {{ ticket.requester.first_name | default: 'there' }},", {"known": ["ticket.requester.first_name"]}
    )


# --------------------------------------------------------------------------- options through config files and the CLI

TEMPLATE = "Hi {{ ticket.requester.frist_name }},\n\nYour ticket {{ ticket.id }} is open.\n\nRegards,\n{{ current_user.name }}\n"


def test_known_option_from_replylint_toml(here: Path) -> None:
    write(here / "macros" / "reply.liquid", TEMPLATE)
    write(
        here / ".replylint.toml",
        '[options.placeholder-unknown]\nknown = ["ticket.requester.first_name", "ticket.id"]\n',
    )
    result = run("--format", "json", "--select", "placeholder-unknown", "macros/reply.liquid")
    assert result.exit_code == 1
    assert findings(result) == [
        ("placeholder-unknown", "{{ ticket.requester.frist_name }}"),
        ("placeholder-unknown", "{{ current_user.name }}"),
    ]


def test_known_option_from_pyproject_with_a_wildcard(here: Path) -> None:
    write(here / "macros" / "reply.liquid", TEMPLATE)
    write(
        here / "pyproject.toml",
        '[tool.replylint.options.placeholder-unknown]\nknown = ["ticket.*", "current_user.*"]\n',
    )
    result = run("--format", "json", "--select", "placeholder", "macros/reply.liquid")
    assert result.exit_code == 0, result.output
    assert findings(result) == []


def test_known_option_with_config_flag_and_stdin(here: Path) -> None:
    config = write(here / "conf" / "team.toml", '[options.placeholder-unknown]\nknown = ["ticket.id"]\n')
    result = CliRunner().invoke(
        main,
        ["--config", str(config), "--select", "placeholder-unknown", "--stdin-filename", "reply.liquid", "-"],
        input="Ticket {{ ticket.id }} for {{ ticket.requester.first_name }}\n",
        catch_exceptions=False,
    )
    assert result.exit_code == 1
    assert "placeholder-unknown" in result.stdout and "'ticket.requester.first_name' is not a known" in result.stdout
    assert "ticket.id'" not in result.stdout


def test_without_config_placeholder_unknown_reports_nothing(here: Path) -> None:
    write(here / "reply.liquid", TEMPLATE)
    result = run("--format", "json", "--select", "placeholder-unknown", "reply.liquid")
    assert result.exit_code == 0 and findings(result) == []


def test_known_option_of_the_wrong_type_is_a_config_error(here: Path) -> None:
    write(here / "reply.liquid", TEMPLATE)
    write(here / ".replylint.toml", '[options.placeholder-unknown]\nknown = "ticket.id"\n')
    result = run("reply.liquid")
    assert result.exit_code == 2
    assert "options.placeholder-unknown.known: expected a list of strings" in result.output


def test_unknown_option_name_is_a_config_error(here: Path) -> None:
    write(here / "reply.liquid", TEMPLATE)
    write(here / ".replylint.toml", '[options.placeholder-unknown]\nknwon = ["ticket.id"]\n')
    result = run("reply.liquid")
    assert result.exit_code == 2
    assert "unknown option (did you mean 'known'?)" in result.output


def test_explain_lists_the_option() -> None:
    result = run("explain", "placeholder-unknown")
    assert result.exit_code == 0
    assert "known (strings, default ()):" in result.stdout


def test_leftover_in_templates_option(here: Path) -> None:
    write(here / "macro.liquid", "Hi {{ ticket.requester.first_name }}, your refund of [AMOUNT] is on its way.\n")
    assert findings(run("--format", "json", "--select", "placeholder", "macro.liquid")) == []
    write(here / ".replylint.toml", "[options.placeholder-leftover]\nin-templates = true\n")
    assert findings(run("--format", "json", "--select", "placeholder", "macro.liquid")) == [
        ("placeholder-leftover", "[AMOUNT]")
    ]


def test_leftover_in_a_plain_draft_from_stdin() -> None:
    result = CliRunner().invoke(
        main, ["--format", "json", "--select", "placeholder", "-"], input="Hi {{ first_name }}, it is [DATE].\n"
    )
    assert result.exit_code == 1
    assert findings(result) == [("placeholder-leftover", "{{ first_name }}"), ("placeholder-leftover", "[DATE]")]


def test_repeated_punctuation_is_fixed_safely(here: Path) -> None:
    draft = write(here / "reply.txt", "Did you try restarting it?? Thanks for waiting!!!\n")
    result = run("--select", "tone-repeated-punctuation", "--fix", str(draft))
    assert result.exit_code == 0, result.output
    assert draft.read_text(encoding="utf-8") == "Did you try restarting it? Thanks for waiting!\n"


def test_new_categories_are_selectable(registry: Registry) -> None:
    for category in FAMILIES:
        assert registry.select(select=[category]), category
    ids = {r.id for r in registry.rules if r.category in FAMILIES}
    assert {
        "tone-shouting",
        "tone-repeated-punctuation",
        "tone-minimizer",
        "tone-robotic",
        "tone-passive-aggressive",
        "privacy-asks-secret",
        "privacy-card-number",
        "privacy-national-id",
        "privacy-account-number",
        "placeholder-leftover",
        "placeholder-empty",
        "placeholder-unbalanced",
        "placeholder-unknown",
    } <= ids


# --------------------------------------------------------------------------- never raise

_PIECES = st.sampled_from(
    [
        "{{", "}}", "{{{", "}}}", "{%", "%}", "%{", "${", "}", "{#", "#}", "[[", "]]", "[NAME]", "[", "]",
        "<insert date>", "<", ">", "XXXX", "xxx", "+XXXXXXX", "TODO", "FIXME", "!!", "?!", "??",
        "4111 1111 1111 1111", "536-22-1234", "AB 12 34 56 C", "GB82 WEST 1234 5698 7654 32",
        "account number 12345678", "send us your password", "just click", "DO NOT", "PLEASE",
        "Dear valued customer", "as you can clearly see", "> ", "\n", "\r\n", "-- \n", " ", "\"", "'", "`",
        "```\n", "<!-- replylint-disable -->", "https://x.example/a?b=1", "a@b.example", "\u2019", "\ufeff", "\u0664",
    ]
)  # fmt: skip
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=25).map("".join)


@pytest.fixture(scope="module")
def family_rules(registry: Registry) -> list:
    return registry.select(select=list(FAMILIES), options={"placeholder-unknown": {"known": ["ticket.*", "name"]}})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXT, fmt=st.sampled_from(FORMATS))
def test_new_rules_never_raise(registry: Registry, family_rules: list, text: str, fmt: str) -> None:
    doc = parse(text, fmt)
    for active in family_rules:
        for finding in active.rule.check(doc):  # calling the check directly: an exception fails the test
            assert 0 <= finding.span.start <= finding.span.end <= len(text)
            assert finding.message
    diagnostics = lint(doc, family_rules, LintOptions(is_known=registry.is_known))
    assert not [d for d in diagnostics if d.rule == "rule-error"]
