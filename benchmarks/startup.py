"""Start-up benchmark: `replylint draft.txt` on a ~1 KB draft, beside `python -c pass`.

Runs each command many times, interleaved, and prints median and mean wall
time. Uses the interpreter running this script and the `replylint` next to it.

    python benchmarks/startup.py [--runs 40] [--draft benchmarks/draft-1k.txt]

Target (issue 2): median at most 120 ms for replylint with the default rules
on the project's 2-core machine. The compiled-pattern cache (replylint/recache.py)
is warm after the first run; the last line measures a run without it. This is a benchmark, not a test: it never
fails a build.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def time_command(argv: list[str]) -> float:
    env = None
    if argv[0] == "env-no-cache":  # replylint with its compiled-pattern cache off: a first run
        argv, env = argv[1:], {**os.environ, "REPLYLINT_CACHE_DIR": ""}
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--draft", type=Path, default=HERE / "draft-1k.txt")
    args = parser.parse_args()
    python = sys.executable
    replylint = str(Path(python).with_name("replylint"))
    commands = {
        "python -c pass": [python, "-c", "pass"],
        "python -c 'import click, regex'": [python, "-c", "import click, regex"],
        f"replylint {args.draft.name} ({args.draft.stat().st_size} bytes)": [replylint, str(args.draft)],
        "  the same, pattern cache off (a first run)": ["env-no-cache", replylint, str(args.draft)],
    }
    for argv in commands.values():  # warm the file cache and .pyc files
        time_command(argv)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, argv in commands.items():
            samples[name].append(time_command(argv))
    print(f"{args.runs} runs each, interleaved, {python}")
    print(f"{'command':<48} {'median ms':>10} {'mean ms':>9} {'min ms':>8}")
    for name, values in samples.items():
        print(
            f"{name:<48} {statistics.median(values) * 1000:>10.1f} {statistics.mean(values) * 1000:>9.1f} {min(values) * 1000:>8.1f}"
        )


if __name__ == "__main__":
    main()
