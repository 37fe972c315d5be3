"""Throughput benchmark: `replylint check --jobs N FOLDER` over a library of thousands of drafts.

The library is built at benchmark time in a temporary folder from the real
replies in the shared corpus (`replies.jsonl`, records with `id` and `text`),
cycling through the records: 60% `.txt`, 30% `.md`, 5% Liquid (`.liquid`) and
5% Handlebars (`.hbs`) templates with a greeting and a sign-off placeholder,
in one folder per company (about 100 files each). Nothing from the corpus is
kept after the run.

For each library size and each `--jobs` value it runs the installed
`replylint` (the one next to this interpreter) once to warm the caches while
sampling its memory, then several times, interleaved, for time, and prints
the median wall time, files per second and peak memory:

- peak RSS (tree): the sum over the process tree of each process's peak
  resident set (`VmHWM` in /proc, sampled every 20 ms). Processes peak at
  different moments, so this is an upper bound of the tree's simultaneous
  peak; it also counts pages that forked workers share with their parent
  once per process.
- peak PSS (tree): the largest sum, over the samples, of the processes'
  proportional set size (`Pss` in /proc/PID/smaps_rollup: a page shared by
  n processes counts 1/n in each), which is what the tree really holds.
- largest process: the peak RSS of the biggest single process
  (`ru_maxrss` from `wait4`, exact).

    python benchmarks/throughput.py                          # 10,000 files, --jobs 1 and 2, 3 runs
    python benchmarks/throughput.py --files 1000 10000 --jobs 1 2 --runs 5
    python benchmarks/throughput.py --build /tmp/lib --files 2000   # only write a library (for profiling)

Run it from a virtual environment with replylint installed non-editable
(`python -m venv /tmp/bench-venv && /tmp/bench-venv/bin/pip install .`).
Targets (issue 5) on the project's 2-core machine: 10,000 files in at most
3 s wall with peak memory under 150 MB (later: 1.5 s and 100 MB, and linear
growth from 1,000 to 100,000 files). A benchmark, not a test: it never fails
a build.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

CORPUS = Path("/work/shared/corpus/replies.jsonl")
# (ending, share out of 20, how the reply is wrapped)
MIX = (
    (".txt", 12, "{text}\n"),
    (".md", 6, "{text}\n"),
    (".liquid", 1, "Hi {{{{ ticket.requester.first_name }}}},\n\n{text}\n\n{{{{ current_user.name }}}}\n"),
    (".hbs", 1, "Hi {{{{customer.name}}}},\n\n{text}\n\n{{{{agent.signature}}}}\n"),
)


class Sample(NamedTuple):
    seconds: float
    tree_hwm_kb: int  # sum of every process's peak RSS
    tree_pss_kb: int  # the largest sum of the processes' PSS at one sample
    largest_kb: int  # the largest single process's peak RSS
    exit_code: int


def records(corpus: Path) -> list[tuple[str, str, str]]:
    """(id, company, text) for every record with text."""
    out = []
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("text", "").strip():
                out.append((record["id"], record.get("company") or "unknown", record["text"]))
    return out


def endings() -> Iterator[tuple[str, str]]:
    while True:
        for ending, share, wrap in MIX:
            for _ in range(share):
                yield ending, wrap


def build_library(root: Path, count: int, corpus: Path) -> None:
    rows = records(corpus)
    kinds = endings()
    for n in range(count):
        record_id, company, text = rows[n % len(rows)]
        ending, wrap = next(kinds)
        folder = root / (re.sub(r"[^A-Za-z0-9_-]+", "_", company)[:40] or "unknown")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{record_id}-{n}{ending}").write_text(wrap.format(text=text), encoding="utf-8")


def _children(pid: int) -> list[int]:
    """Every descendant of `pid`, from the parent ids in /proc/*/stat."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                    stat = handle.read()
                parents[int(entry)] = int(stat[stat.rindex(")") + 2 :].split()[1])
            except (OSError, ValueError):
                continue
    tree, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        kids = [p for p, pp in parents.items() if pp == parent]
        tree += kids
        frontier += kids
    return tree


def _field_kb(path: str, field: str) -> int:
    try:
        with open(path, encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith(field):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def run_once(argv: list[str], watch: bool = True) -> Sample:
    """One run; with `watch`, /proc is sampled for memory (which costs the machine a little time)."""
    peaks: dict[int, int] = {}
    pss = [0]
    done = threading.Event()
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def poll() -> None:
        while not done.is_set():
            tree = [process.pid, *_children(process.pid)]
            for pid in tree:
                peaks[pid] = max(peaks.get(pid, 0), _field_kb(f"/proc/{pid}/status", "VmHWM:"))
            pss[0] = max(pss[0], sum(_field_kb(f"/proc/{pid}/smaps_rollup", "Pss:") for pid in tree))
            done.wait(0.02)

    watcher = threading.Thread(target=poll, daemon=True)
    if watch:
        watcher.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    if watch:
        watcher.join()
    largest = usage.ru_maxrss  # kilobytes on Linux: the child and the descendants it waited for
    return Sample(seconds, max(sum(peaks.values()), largest), pss[0], largest, process.returncode)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, nargs="+", default=[10_000], help="library sizes")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="--jobs values to compare")
    parser.add_argument("--runs", type=int, default=3, help="runs per size and --jobs (median reported)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--replylint", default=str(Path(sys.executable).with_name("replylint")))
    parser.add_argument("--build", type=Path, metavar="DIR", help="only write a library of --files[0] files to DIR")
    args = parser.parse_args()
    if args.build is not None:
        build_library(args.build, args.files[0], args.corpus)
        print(f"wrote {args.files[0]} files to {args.build}")
        return
    load = os.getloadavg()[0]
    print(f"{args.replylint}; {os.cpu_count()} cores; load average {load:.2f} at start; {args.runs} runs each")
    print(
        f"{'files':>7} {'jobs':>4} {'median s':>9} {'min s':>7} {'files/s':>8}"
        f" {'peak RSS tree':>14} {'peak PSS tree':>14} {'largest':>8}"
    )
    for count in args.files:
        with tempfile.TemporaryDirectory(prefix="replylint-throughput-") as tmp:
            library = Path(tmp) / "library"
            build_library(library, count, args.corpus)
            commands = {jobs: [args.replylint, "check", "--jobs", str(jobs), str(library)] for jobs in args.jobs}
            memory = {jobs: run_once(argv) for jobs, argv in commands.items()}  # also warms the caches
            samples: dict[int, list[Sample]] = {jobs: [] for jobs in args.jobs}
            for _ in range(args.runs):
                for jobs, argv in commands.items():
                    samples[jobs].append(run_once(argv, watch=False))
            for jobs, runs in samples.items():
                median = statistics.median(s.seconds for s in runs)
                tree = memory[jobs].tree_hwm_kb / 1024
                proportional = memory[jobs].tree_pss_kb / 1024
                largest = max(s.largest_kb for s in [*runs, memory[jobs]]) / 1024
                codes = sorted({s.exit_code for s in runs})
                note = "" if codes in ([0], [1]) else f"  exit codes {codes}"
                print(
                    f"{count:>7} {jobs:>4} {median:>9.2f} {min(s.seconds for s in runs):>7.2f}"
                    f" {count / median:>8.0f} {tree:>11.1f} MB {proportional:>11.1f} MB {largest:>5.1f} MB{note}"
                )
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
