"""Word gates: a pattern is skipped (and never compiled) when a word every match needs is missing.

A gate must never hide a match, so every first-party pack pattern is checked against every
case-file draft and dev-set draft: whenever the gate says "cannot match", the pattern must
indeed find nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from replylint.analysis import flexible_spaces
from replylint.formats import parse
from replylint.packs.bundle import pack_files
from replylint.registry import first_party_packs
from replylint.tokens import TokenSet, gate

TESTS = Path(__file__).resolve().parent


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        (r"you should(?:n't| not)? have(?! (?:to |it ))", ("should",)),
        (r"(?:sorry|apologi[sz]e) if you (?:feel|felt)", ("sorry", "apologi")),  # rarer than "you"
        (r"(?:sorry|apologies) (?:for|about)", ("sorry", "apologies")),  # a group of plain alternatives
        (r"(?:I|we) (?:fix|solve)", ("fix", "solve")),  # "I" is too short; the next group serves
        (r"in due course", ("course",)),
        (r"colou?r scheme", ("scheme",)),  # the optional letter splits "colour"
        (r"(?:very )?soon", ("soon",)),  # the optional group is skipped, "soon" is still needed
        (r"ab+c", None),  # "abbc" does not contain "abc"
        (r"a|b", None),  # a top-level alternation has no single gate
        (r"100 ?%", None),
        (r"[Aa]pologies", ("pologies",)),
        (r"\bno\b", None),  # too short to be worth it
    ],
)
def test_gate_extraction(token: str, expected: tuple[str, ...] | None) -> None:
    assert gate(token) == expected


def test_tokens_without_a_gate_always_run() -> None:
    tokens = TokenSet([r"\bab+c\b", r"\bcourse\b"], [gate("ab+c"), gate("course")], True, True)
    assert [m.group() for m in tokens.finditer("abbc, of course")] == ["abbc", "course"]
    assert [m.group() for m in tokens.finditer("abbc")] == ["abbc"]


def _pack_token_lists() -> list[tuple[str, list[str], bool]]:
    out = []
    for file in pack_files(first_party_packs()):
        for rule in yaml.safe_load(file.read_text(encoding="utf-8"))["rules"]:
            ignorecase = rule.get("ignorecase", True)
            for key in ("tokens", "exceptions", "unless", "token", "trigger", "require"):
                if key in rule:
                    value = rule[key]
                    out.append((f"{rule['id']}.{key}", [value] if isinstance(value, str) else value, ignorecase))
            if "swap" in rule:
                out.append((f"{rule['id']}.swap", list(rule["swap"]), ignorecase))
    return out


def _drafts() -> list[tuple[str, str]]:
    drafts = []
    for path in sorted((TESTS / "rules" / "cases").glob("*.yaml")):
        drafts += [
            (c["text"], c.get("format", "plain")) for c in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
        ]
    devset = yaml.safe_load((TESTS / "devset" / "drafts.yaml").read_text(encoding="utf-8"))
    drafts += [(d["text"], d.get("format", "plain")) for d in devset["drafts"]]
    return drafts


def test_gates_never_hide_a_match() -> None:
    docs = [(doc, doc.prose.lower()) for doc in (parse(text, fmt) for text, fmt in _drafts())]
    gated = 0
    for name, tokens, ignorecase in _pack_token_lists():
        for token in tokens:
            words = gate(token)
            if words is None:
                continue
            plain = re.compile(flexible_spaces(token), re.IGNORECASE if ignorecase else 0)
            for doc, lowered in docs:
                if not any(w in lowered for w in words):
                    gated += 1
                    assert plain.search(doc.prose) is None, (
                        f"{name}: gate {words} of {token!r} hides a match in {doc.source!r}"
                    )
    assert gated > 10000  # the gates do skip most patterns for most drafts
