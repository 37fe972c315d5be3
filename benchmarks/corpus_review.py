"""Review replylint's findings on real replies: rates per category, a repeatable sample, precision.

The corpus (`../shared/corpus/replies.jsonl`) is licensed for evaluation only, so
nothing from it is stored here but reply ids, rule ids, offsets and verdicts.

    python benchmarks/corpus_review.py stats                 # findings per 100 replies, per category and rule
    python benchmarks/corpus_review.py sample --round 2      # draw round 2 -> benchmarks/review/sample-2.csv
    python benchmarks/corpus_review.py show --round 2        # print the sampled findings with context, to judge
    python benchmarks/corpus_review.py score --round 2       # precision per category from verdicts-2.csv

Each round's sample is drawn with its own fixed seed from the findings at warning
level and above, so the same code and corpus give the same sample. A new round
gives a fresh sample after the rules were tuned on an earlier one's verdicts.
`verdicts-<round>.csv` has the columns id, rule, start, end, verdict (tp or fp)
and a short note in our own words.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus" / "replies.jsonl"
REVIEW = HERE / "review"  # sample-<round>.csv and verdicts-<round>.csv
MISSION = ("jargon", "blame", "apology", "next-steps", "promise")
SEED = 20261124


def findings(corpus: Path):
    from replylint.diagnostics import Severity
    from replylint.engine import LintOptions, lint
    from replylint.formats import parse
    from replylint.registry import build_registry

    registry = build_registry(plugins=False)
    rules = registry.select()
    options = LintOptions(is_known=registry.is_known)
    records = [json.loads(line) for line in corpus.open(encoding="utf-8")]
    out = []
    for record in records:
        for d in lint(parse(record["text"], format_of(record)), rules, options):
            if d.severity >= Severity.WARNING:
                out.append((record, d))
    return records, out


def format_of(record: dict) -> str:
    """The Paysend records are a macro library (with [AMOUNT]-style slots): lint them as templates."""
    return "template" if record["id"].startswith("paysend-") else "plain"


def stats(corpus: Path) -> None:
    records, found = findings(corpus)
    n = len(records)
    by_category = collections.Counter(d.category for _, d in found)
    by_rule = collections.Counter((d.category, d.rule) for _, d in found)
    replies = collections.defaultdict(set)
    for record, d in found:
        replies[d.category].add(record["id"])
    print(f"{n} replies; findings at warning and above")
    print(f"{'category / rule':<34} {'findings':>8} {'per 100':>8} {'replies':>8}")
    for category, count in sorted(by_category.items(), key=lambda kv: -kv[1]):
        print(f"{category:<34} {count:>8} {100 * count / n:>8.2f} {len(replies[category]):>8}")
        for (cat, rule), c in sorted(by_rule.items(), key=lambda kv: -kv[1]):
            if cat == category:
                print(f"  {rule:<32} {c:>8} {100 * c / n:>8.2f}")


def sample(corpus: Path, per: int, round_: int) -> None:
    _, found = findings(corpus)
    rng = random.Random(SEED + round_ - 1)
    SAMPLE = REVIEW / f"sample-{round_}.csv"
    rows = []
    by_category = collections.defaultdict(list)
    for record, d in found:
        by_category[d.category].append((record["id"], d.rule, d.span.start, d.span.end))
    for category in sorted(by_category):
        items = sorted(by_category[category])
        rows += rng.sample(items, min(per, len(items)))
    SAMPLE.parent.mkdir(parents=True, exist_ok=True)
    with SAMPLE.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "rule", "start", "end"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} findings to {SAMPLE}")


def show(corpus: Path, round_: int) -> None:
    SAMPLE = REVIEW / f"sample-{round_}.csv"
    texts = {}
    for line in corpus.open(encoding="utf-8"):
        record = json.loads(line)
        texts[record["id"]] = record
    with SAMPLE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            record = texts[row["id"]]
            text = record["text"]
            start, end = int(row["start"]), int(row["end"])
            marked = text[:start] + "[[" + text[start:end] + "]]" + text[end:]
            print(f"--- {row['id']} {row['rule']} {start}-{end}")
            if record.get("in_reply_to_text"):
                print(f"    (customer: {record['in_reply_to_text'][:300]!r})")
            print("    " + marked.replace("\n", "\n    "))


def score(round_: int) -> None:
    SAMPLE, VERDICTS = REVIEW / f"sample-{round_}.csv", REVIEW / f"verdicts-{round_}.csv"
    from replylint.registry import build_registry

    categories = {r.id: r.category for r in build_registry(plugins=False).rules}
    with SAMPLE.open(encoding="utf-8") as handle:
        sampled = {(r["id"], r["rule"], r["start"], r["end"]) for r in csv.DictReader(handle)}
    # Rules change after a review: score only the judged findings the rules still make.
    _, found = findings(CORPUS)
    current = {(record["id"], d.rule, str(d.span.start), str(d.span.end)) for record, d in found}
    gone = sampled - current
    if gone:
        print(f"{len(gone)} judged findings are no longer reported and are left out", file=sys.stderr)
    sampled &= current
    tally: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    with VERDICTS.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if (row["id"], row["rule"], row["start"], row["end"]) not in sampled:
                continue
            tally[categories.get(row["rule"], "?")][row["verdict"]] += 1
    print(f"{'category':<14} {'judged':>7} {'tp':>5} {'fp':>5} {'precision':>10}")
    for category in sorted(tally):
        t = tally[category]
        judged = t["tp"] + t["fp"]
        print(f"{category:<14} {judged:>7} {t['tp']:>5} {t['fp']:>5} {t['tp'] / judged if judged else 0:>10.2f}")
    missing = len(sampled) - sum(t["tp"] + t["fp"] for t in tally.values())
    if missing:
        print(f"{missing} sampled findings have no verdict yet", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["stats", "sample", "show", "score"])
    parser.add_argument("--per", type=int, default=30, help="findings to sample per category")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--round", dest="round_", type=int, default=1, help="which review round (sample and verdicts)")
    args = parser.parse_args()
    if args.command == "stats":
        stats(args.corpus)
    elif args.command == "sample":
        sample(args.corpus, args.per, args.round_)
    elif args.command == "show":
        show(args.corpus, args.round_)
    else:
        score(args.round_)


if __name__ == "__main__":
    main()
