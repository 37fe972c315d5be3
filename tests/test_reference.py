"""docs/rules.md is generated from the first-party rules and must be kept current."""

from __future__ import annotations

from pathlib import Path

from replylint.reference import render
from replylint.registry import build_registry

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_rule_reference_is_current() -> None:
    expected = render(build_registry(plugins=False).rules)
    assert DOCS.read_text(encoding="utf-8") == expected, (
        "docs/rules.md is stale: run `replylint rules --format markdown > docs/rules.md` "
        "(in an environment without plugins)"
    )


def test_reference_covers_every_rule() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for rule in build_registry(plugins=False).rules:
        assert f"### {rule.id}\n" in text
