"""Score replylint against the held-out set in tests/heldout/drafts.yaml.

Same scoring as benchmarks/devset_score.py (whose functions are reused): each
draft is linted in-process with the default rules; the mission categories of
diagnostics at severity warning or above are compared with the draft's
`expect` labels, per category, at the draft level.

The held-out drafts were written without looking at the rule packs, the
built-in rules or the development set, so these figures measure how the rules
generalise. Do not tune rules against this file.

    python benchmarks/heldout_score.py            # table of figures
    python benchmarks/heldout_score.py --misses   # also every FP and FN, with what fired
    python benchmarks/heldout_score.py --json     # figures as JSON
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devset_score import (  # noqa: E402
    CATEGORIES,
    compute,
    format_misses,
    format_table,
    lint_drafts,
    load_drafts,
    validate,
)

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "heldout" / "drafts.yaml"

# The held-out set is smaller than the dev set: about 20 positives per category.
MIN_POSITIVES = 15
MIN_NEGATIVES = 25


def score(path: Path | str = HELDOUT) -> tuple[dict[str, Any], list]:
    results = lint_drafts(load_drafts(path))
    return compute(results), results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heldout", default=str(HELDOUT), help="path to drafts.yaml")
    parser.add_argument("--misses", action="store_true", help="list every false positive and false negative")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    drafts = load_drafts(args.heldout)
    problems = validate(drafts, min_positives=MIN_POSITIVES, min_negatives=MIN_NEGATIVES)
    if problems:
        print("held-out set problems:\n  " + "\n  ".join(problems), file=sys.stderr)
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
