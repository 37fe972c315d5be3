"""First-party Python rules: the document-level judgements a pattern list cannot make."""

from __future__ import annotations

from replylint.rule import Rule


def builtin_rules() -> list[Rule]:
    from replylint.builtin import apology, next_steps, placeholder, privacy, suppression, tone

    return [
        apology.apology_missing,
        next_steps.next_steps_missing,
        *suppression.RULES,
        *tone.RULES,
        *privacy.RULES,
        *placeholder.RULES,
    ]
