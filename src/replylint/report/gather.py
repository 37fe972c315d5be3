"""At the edge, before rendering: the rule metadata a report describes (SARIF).

Not a reporter: it asks the run's Session for the registry of each linted file,
so rules from per-folder packs and plugins are described too.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from replylint.diagnostics import FileResult

if TYPE_CHECKING:
    from replylint.rule import Rule
    from replylint.runner import Session


def rules_used(session: Session, results: Sequence[FileResult]) -> tuple[Rule, ...]:
    """The rules (by id, first registry wins) behind the findings of `results`."""
    from replylint.runner import SetupError

    wanted = {d.rule for r in results for d in r.diagnostics}
    found: dict[str, Rule] = {}
    stdin_name = session.overrides.stdin_filename
    for result in results:
        if not result.diagnostics or wanted <= found.keys():
            continue
        if result.path == "<stdin>":
            path = Path(stdin_name) if stdin_name else Path.cwd() / "<stdin>"
        else:
            path = Path(result.path)
        try:
            registry = session.registry_for(session.settings_for(path))
        except SetupError:
            continue
        for rule_id in wanted - found.keys():
            rule = registry.get(rule_id)
            if rule is not None:
                found[rule_id] = rule
    return tuple(found[rule_id] for rule_id in sorted(found))
