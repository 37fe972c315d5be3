"""Score replylint against the labelled development set in tests/devset/drafts.yaml.

Each draft is linted in-process with the default rules. The categories a draft
"raises" are the mission categories (jargon, blame, apology, next-steps,
promise) of its diagnostics at severity warning or above. These are compared
with the draft's `expect` labels at the draft level: per category a draft is a
true positive (expected and raised), false positive (raised, not expected),
false negative (expected, not raised) or true negative.

    python benchmarks/devset_score.py            # table of figures
    python benchmarks/devset_score.py --misses   # also every FP and FN, with what fired
    python benchmarks/devset_score.py --json     # figures as JSON

Conventions: precision is 1.0 when a category is never raised (no false
alarms), recall is 1.0 when a category has no positives; F1 is 0.0 when
precision + recall is 0. The micro-average pools TP/FP/FN over the five
categories.

Importable: `score()` returns the figures and the per-draft results;
`load_drafts()` and `validate()` are used by tests/test_devset.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "devset" / "drafts.yaml"
CATEGORIES = ("jargon", "blame", "apology", "next-steps", "promise")
FORMATS = ("plain", "markdown", "template")


@dataclass
class Fired:
    rule: str
    category: str
    severity: str
    matched: str
    line: int


@dataclass
class DraftResult:
    id: str
    format: str
    text: str
    expect: frozenset[str]
    raised: frozenset[str]
    fired: list[Fired] = field(default_factory=list)
    note: str = ""
    # mission-category diagnostics below the warning threshold (not counted; shown for misses)
    below: list[Fired] = field(default_factory=list)

    def fired_in(self, category: str) -> list[Fired]:
        return [f for f in self.fired if f.category == category]


def load_drafts(path: Path | str = DEVSET) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    drafts = data.get("drafts") if isinstance(data, dict) else None
    if not isinstance(drafts, list):
        raise ValueError(f"{path}: expected a top-level 'drafts' list")
    return drafts


def validate(drafts: Sequence[dict[str, Any]], min_positives: int = 25, min_negatives: int = 25) -> list[str]:
    """Problems with the dev set itself (empty list when it is well-formed)."""
    problems: list[str] = []
    seen: set[str] = set()
    for i, d in enumerate(drafts):
        if not isinstance(d, dict):
            problems.append(f"entry {i}: not a mapping")
            continue
        did = d.get("id")
        where = f"draft {did!r}" if did else f"entry {i}"
        if not isinstance(did, str) or not did:
            problems.append(f"{where}: missing id")
        elif did in seen:
            problems.append(f"{where}: duplicate id")
        else:
            seen.add(did)
        if d.get("format") not in FORMATS:
            problems.append(f"{where}: format {d.get('format')!r} is not one of {FORMATS}")
        text = d.get("text")
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: empty text")
        expect = d.get("expect")
        if not isinstance(expect, list):
            problems.append(f"{where}: expect must be a list")
            continue
        unknown = [c for c in expect if c not in CATEGORIES]
        if unknown:
            problems.append(f"{where}: unknown categories {unknown}")
        if len(set(expect)) != len(expect):
            problems.append(f"{where}: repeated category in expect")
        if not isinstance(d.get("note"), str) or not d.get("note", "").strip():
            problems.append(f"{where}: missing note")
    for cat in CATEGORIES:
        pos = sum(1 for d in drafts if isinstance(d, dict) and cat in (d.get("expect") or []))
        neg = sum(1 for d in drafts if isinstance(d, dict)) - pos
        if pos < min_positives:
            problems.append(f"{cat}: only {pos} positives (need {min_positives})")
        if neg < min_negatives:
            problems.append(f"{cat}: only {neg} negatives (need {min_negatives})")
    return problems


def lint_drafts(drafts: Iterable[dict[str, Any]]) -> list[DraftResult]:
    from replylint.diagnostics import Severity
    from replylint.engine import LintOptions, lint
    from replylint.formats import parse
    from replylint.registry import build_registry

    registry = build_registry()
    rules = registry.select()
    options = LintOptions(is_known=registry.is_known)
    results = []
    for d in drafts:
        text = d["text"]
        diagnostics = lint(parse(text, d["format"]), rules, options)
        mission = [
            (
                diag.severity >= Severity.WARNING,
                Fired(
                    diag.rule,
                    diag.category,
                    diag.severity.label,
                    diag.matched or text[diag.span.start : diag.span.end],
                    diag.start.line,
                ),
            )
            for diag in diagnostics
            if diag.category in CATEGORIES
        ]
        fired = [f for counted, f in mission if counted]
        below = [f for counted, f in mission if not counted]
        results.append(
            DraftResult(
                id=d["id"],
                format=d["format"],
                text=text,
                expect=frozenset(d.get("expect") or ()),
                raised=frozenset(f.category for f in fired),
                fired=fired,
                note=d.get("note", ""),
                below=below,
            )
        )
    return results


def _ratio(num: int, den: int, empty: float) -> float:
    return num / den if den else empty


def _figures(tp: int, fp: int, fn: int, tn: int) -> dict[str, Any]:
    precision = _ratio(tp, tp + fp, 1.0)
    recall = _ratio(tp, tp + fn, 1.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": precision, "recall": recall, "f1": f1}


def compute(results: Sequence[DraftResult]) -> dict[str, Any]:
    per: dict[str, dict[str, Any]] = {}
    totals = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for cat in CATEGORIES:
        tp = sum(1 for r in results if cat in r.expect and cat in r.raised)
        fp = sum(1 for r in results if cat not in r.expect and cat in r.raised)
        fn = sum(1 for r in results if cat in r.expect and cat not in r.raised)
        tn = len(results) - tp - fp - fn
        per[cat] = _figures(tp, fp, fn, tn)
        for k, v in (("tp", tp), ("fp", fp), ("fn", fn), ("tn", tn)):
            totals[k] += v
    exact = sum(1 for r in results if r.expect == r.raised)
    return {
        "drafts": len(results),
        "exact_match": exact,
        "categories": per,
        "micro": _figures(totals["tp"], totals["fp"], totals["fn"], totals["tn"]),
    }


def score(path: Path | str = DEVSET) -> tuple[dict[str, Any], list[DraftResult]]:
    results = lint_drafts(load_drafts(path))
    return compute(results), results


def format_table(figures: dict[str, Any]) -> str:
    head = f"{'category':<12} {'TP':>4} {'FP':>4} {'FN':>4} {'TN':>4}  {'precision':>9} {'recall':>6} {'F1':>6}"
    lines = [head, "-" * len(head)]
    rows = [*figures["categories"].items(), ("micro", figures["micro"])]
    for name, f in rows:
        if name == "micro":
            lines.append("-" * len(head))
        lines.append(
            f"{name:<12} {f['tp']:>4} {f['fp']:>4} {f['fn']:>4} {f['tn']:>4}  "
            f"{f['precision']:>9.3f} {f['recall']:>6.3f} {f['f1']:>6.3f}"
        )
    lines.append(f"\n{figures['drafts']} drafts; {figures['exact_match']} with exactly the expected categories.")
    return "\n".join(lines)


def _excerpt(text: str, width: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def format_misses(results: Sequence[DraftResult]) -> str:
    out: list[str] = []
    for kind in ("false positives", "false negatives"):
        out.append(f"== {kind} ==")
        count = 0
        for cat in CATEGORIES:
            for r in results:
                is_fp = cat in r.raised and cat not in r.expect
                is_fn = cat in r.expect and cat not in r.raised
                if (kind == "false positives" and not is_fp) or (kind == "false negatives" and not is_fn):
                    continue
                count += 1
                out.append(f"[{cat}] {r.id} ({r.format}) expect={sorted(r.expect)} raised={sorted(r.raised)}")
                out.append(f"    text: {_excerpt(r.text)}")
                out.append(f"    note: {r.note}")
                if is_fp:
                    for f in r.fired_in(cat):
                        out.append(f"    fired: {f.rule} ({f.severity}) on {f.matched!r}")
                else:
                    others = [f"{f.rule}: {f.matched!r}" for f in r.fired]
                    out.append(f"    fired (any mission category): {'; '.join(others) if others else 'nothing'}")
                    weak = [f"{f.rule} ({f.severity}): {f.matched!r}" for f in r.below if f.category == cat]
                    if weak:
                        out.append(f"    below threshold: {'; '.join(weak)}")
        if not count:
            out.append("(none)")
        out.append("")
    return "\n".join(out)


def main(
    argv: Sequence[str] | None = None,
    default: Path | str = DEVSET,
    min_positives: int = 25,
    description: str | None = None,
) -> int:
    """Score a labelled set of drafts (the dev set by default; benchmarks/heldout_score.py reuses this)."""
    parser = argparse.ArgumentParser(description=description or __doc__.splitlines()[0])
    parser.add_argument("--devset", "--heldout", dest="path", default=str(default), help="path to drafts.yaml")
    parser.add_argument("--misses", action="store_true", help="list every false positive and false negative")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    drafts = load_drafts(args.path)
    problems = validate(drafts, min_positives=min_positives)
    if problems:
        print("dev set problems:\n  " + "\n  ".join(problems), file=sys.stderr)
    results = lint_drafts(drafts)
    figures = compute(results)
    if args.json:
        payload: dict[str, Any] = dict(figures)
        if args.misses:
            payload["misses"] = [
                {
                    "id": r.id,
                    "category": cat,
                    "kind": "fp" if cat in r.raised else "fn",
                    "fired": [f.__dict__ for f in r.fired if cat in r.raised and f.category == cat]
                    or [f.__dict__ for f in r.fired],
                }
                for cat in CATEGORIES
                for r in results
                if (cat in r.raised) != (cat in r.expect)
            ]
        print(json.dumps(payload, indent=2))
    else:
        print(format_table(figures))
        if args.misses:
            print()
            print(format_misses(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
