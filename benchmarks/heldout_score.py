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

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devset_score import compute, lint_drafts, load_drafts  # noqa: E402
from devset_score import main as devset_main  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "heldout" / "drafts.yaml"

# The held-out set is smaller than the dev set: about 20 positives per category.
MIN_POSITIVES = 15


def score(path: Path | str = HELDOUT) -> tuple[dict[str, Any], list]:
    results = lint_drafts(load_drafts(path))
    return compute(results), results


def main(argv: Sequence[str] | None = None) -> int:
    return devset_main(argv, default=HELDOUT, min_positives=MIN_POSITIVES, description=__doc__.splitlines()[0])


if __name__ == "__main__":
    sys.exit(main())
