"""All known rules, from the three sources, and selection by id, prefix and category."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from replylint.diagnostics import Severity
from replylint.engine import ActiveRule
from replylint.rule import Rule


class RegistryError(Exception):
    pass


def first_party_packs() -> Path:
    """The packs shipped in the wheel, or the repository's rules/ in a source checkout."""
    here = Path(__file__).resolve().parent
    shipped = here / "rules"
    return shipped if shipped.is_dir() else here.parent.parent / "rules"


class Registry(NamedTuple):
    rules: tuple[Rule, ...]
    problems: tuple[str, ...] = ()  # plugins that could not be loaded (their rules are missing)

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    @property
    def categories(self) -> frozenset[str]:
        return frozenset(r.category for r in self.rules)

    def is_known(self, name: str) -> bool:
        return bool(self.matching(name))

    def matching(self, selector: str) -> list[Rule]:
        """Rules a selector names: an exact id, an id prefix ending at a '-', or a category."""
        if selector in ("all", "ALL"):
            return list(self.rules)
        return [r for r in self.rules if _specificity(selector, r) > 0]

    def suggest(self, name: str) -> str:
        words = {r.id for r in self.rules} | self.categories
        close = difflib.get_close_matches(name, sorted(words), n=1, cutoff=0.6)
        return f" (did you mean {close[0]!r}?)" if close else ""

    def select(
        self,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        severity: Mapping[str, Severity] | None = None,
        options: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> list[ActiveRule]:
        """Decide each rule by the most specific selector that names it; ignore wins ties."""
        active = []
        for rule in self.rules:
            chosen = max((_specificity(s, rule) for s in select), default=1 if not select else 0)
            dropped = max((_specificity(s, rule) for s in ignore), default=0)
            if chosen > 0 and chosen > dropped:
                level = (severity or {}).get(rule.id, rule.severity)
                active.append(ActiveRule(rule.with_options((options or {}).get(rule.id, {})), level))
        return active


def _specificity(selector: str, rule: Rule) -> int:
    if selector in ("all", "ALL"):
        return 1
    if selector == rule.id:
        return 1000 + len(selector)
    if rule.id.startswith(selector + "-") or selector == rule.category:
        return 2 + len(selector)
    return 0


def build_registry(
    extra_packs: Iterable[Path] = (), banned: Mapping[str, str] | None = None, plugins: bool = True
) -> Registry:
    from replylint.builtin import builtin_rules
    from replylint.builtin.vocabulary import vocabulary_rule
    from replylint.packs import load_packs
    from replylint.packs.bundle import load_first_party

    rules: list[Rule] = [*builtin_rules(), vocabulary_rule(banned or {})]
    rules += load_first_party(first_party_packs())
    rules += load_packs(extra_packs)
    problems: tuple[str, ...] = ()
    if plugins:
        from replylint.plugins import load_plugins

        loaded = load_plugins()
        rules += loaded.rules
        problems = tuple(loaded.problems)
    seen: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in seen:
            raise RegistryError(f"rule id {rule.id!r} is defined twice: in {seen[rule.id].origin} and in {rule.origin}")
        seen[rule.id] = rule
    return Registry(tuple(sorted(rules, key=lambda r: (r.category, r.id))), problems)
