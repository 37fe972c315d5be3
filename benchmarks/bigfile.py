"""One large file benchmark: `replylint check --jobs 1 FILE` on one file of many replies.

The file is built at benchmark time in a temporary folder from the real
replies in the shared corpus (`replies.jsonl`, records with `id` and `text`,
read from `../shared/corpus` beside the repository), cycling through the
records: each reply's text, then a blank line, until the file has the size
asked for (in MB of UTF-8). Nothing from the corpus is kept after the run.

For each size it runs the installed `replylint` (the one next to this
interpreter) `--runs` times and prints the median wall time, the CPU time
(user + system, from `wait4`), both per MB, the peak resident memory of the
process (`ru_maxrss`, exact: one file never starts workers) and the number of
findings (from the summary line). Then the slope of a least-squares line
through (MB, seconds), wall and CPU: the cost of one more MB. Linear time
means the per-MB figures stay flat as the size grows. With `--separate`, each
size is also linted as the same replies in separate files (one folder,
`--jobs 1`), for what one large file costs beside them.

    python benchmarks/bigfile.py                        # 5, 10, 25 and 50 MB, one run each
    python benchmarks/bigfile.py --sizes 1 5 --runs 3
    python benchmarks/bigfile.py --sizes 5 --ending .md --format json
    python benchmarks/bigfile.py --sizes 5 --fix        # --fix on a fresh copy each run
    python benchmarks/bigfile.py --sizes 5 --separate   # and the same replies as separate files
    python benchmarks/bigfile.py --build /tmp/big5.txt --sizes 5   # only write the file (for profiling)

Run it from a virtual environment with replylint installed non-editable
(`python -m venv /tmp/big-venv && /tmp/big-venv/bin/pip install .`).
Target (issue 5): a 50 MB file linted in under 300 MB of memory, in time
linear in its size. A benchmark, not a test: it never fails a build. The
machine may be shared: the load average is printed at the start and the end,
and CPU time is less affected by it than wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "replies.jsonl"
MB = 1024 * 1024


class Sample(NamedTuple):
    seconds: float
    cpu: float  # user + system seconds of the process
    peak_kb: int
    findings: str  # the count from the summary line ("35123"), or what went wrong
    exit_code: int


def texts(corpus: Path) -> list[str]:
    with corpus.open(encoding="utf-8") as handle:
        rows = [json.loads(line).get("text", "").strip() for line in handle]
    return [row for row in rows if row]


def build(path: Path, megabytes: float, corpus: Path) -> int:
    """Write replies, each followed by a blank line, until `path` holds `megabytes` MB; the number of replies."""
    rows = texts(corpus)
    want, size, count = int(megabytes * MB), 0, 0
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        while size < want:
            piece = rows[count % len(rows)] + "\n\n"
            handle.write(piece)
            size += len(piece.encode("utf-8"))
            count += 1
    return count


def build_separate(folder: Path, count: int, corpus: Path, ending: str) -> None:
    """The first `count` replies of `build`, one file each, 1,000 to a subfolder."""
    rows = texts(corpus)
    for n in range(count):
        sub = folder / f"{n // 1000:04d}"
        if n % 1000 == 0:
            sub.mkdir(parents=True)
        (sub / f"{n}{ending}").write_text(rows[n % len(rows)] + "\n", encoding="utf-8")


def run_once(argv: list[str], report: Path) -> Sample:
    start = time.perf_counter()
    with report.open("wb") as out:
        process = subprocess.Popen(argv, stdout=out, stderr=subprocess.PIPE)
        assert process.stderr is not None
        errors = process.stderr.read().decode("utf-8", "replace")
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    process.returncode = code
    return Sample(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, _findings(report, errors), code)


def _findings(report: Path, errors: str) -> str:
    """The number of findings, from the text summary line or the JSON summary; else the error."""
    with report.open("rb") as handle:
        handle.seek(max(0, report.stat().st_size - 4096))
        tail = handle.read().decode("utf-8", "replace")
    lines = [line for line in tail.splitlines() if line.strip()]
    if lines and " problem" in lines[-1]:
        return lines[-1].split()[0].replace("no", "0")
    if '"problems":' in tail:
        return tail.split('"problems":')[1].split(",")[0].strip()
    return (errors.strip().splitlines() or ["no summary"])[-1][:60]


def slope(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of y over x."""
    if len(points) < 2:
        return float("nan")
    mean_x = statistics.fmean(x for x, _ in points)
    mean_y = statistics.fmean(y for _, y in points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", default=[5, 10, 25, 50], help="file sizes in MB")
    parser.add_argument("--runs", type=int, default=1, help="runs per size (median reported)")
    parser.add_argument("--ending", default=".txt", help="file ending, so the format: .txt or .md")
    parser.add_argument("--format", default="text", help="report format passed to replylint")
    parser.add_argument("--fix", action="store_true", help="run with --fix, on a fresh copy of the file each run")
    parser.add_argument("--separate", action="store_true", help="also lint the same replies as separate files")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--replylint", default=str(Path(sys.executable).with_name("replylint")))
    parser.add_argument("--build", type=Path, metavar="FILE", help="only write a file of --sizes[0] MB to FILE")
    args = parser.parse_args()
    if args.build is not None:
        count = build(args.build, args.sizes[0], args.corpus)
        print(f"wrote {count} replies ({args.build.stat().st_size / MB:.1f} MB) to {args.build}")
        return
    print(f"{args.replylint}; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} at start")
    print(
        f"{'MB':>6} {'replies':>8} {'wall s':>8} {'s/MB':>6} {'CPU s':>8} {'CPU s/MB':>8} {'peak RSS':>9} {'findings':>9}"
    )
    wall_points, cpu_points = [], []
    for megabytes in args.sizes:
        with tempfile.TemporaryDirectory(prefix="replylint-bigfile-") as tmp:
            source = Path(tmp) / f"replies{args.ending}"
            count = build(source, megabytes, args.corpus)
            size = source.stat().st_size / MB
            target = Path(tmp) / f"linted{args.ending}"
            argv = [args.replylint, "check", "--jobs", "1", "--format", args.format, str(target)]
            if args.fix:
                argv.insert(2, "--fix")
            samples = []
            for _ in range(args.runs):
                shutil.copyfile(source, target)
                samples.append(run_once(argv, Path(tmp) / "report"))
            wall = statistics.median(s.seconds for s in samples)
            cpu = statistics.median(s.cpu for s in samples)
            peak = max(s.peak_kb for s in samples) / 1024
            codes = sorted({s.exit_code for s in samples})
            note = "" if codes in ([0], [1]) else f"  exit codes {codes}"
            print(
                f"{size:>6.1f} {count:>8} {wall:>8.2f} {wall / size:>6.2f} {cpu:>8.2f} {cpu / size:>8.2f}"
                f" {peak:>6.1f} MB {samples[-1].findings:>9}{note}",
                flush=True,
            )
            wall_points.append((size, wall))
            cpu_points.append((size, cpu))
            if args.separate:
                folder = Path(tmp) / "separate"
                build_separate(folder, count, args.corpus, args.ending)
                argv = [args.replylint, "check", "--jobs", "1", "--format", args.format, str(folder)]
                apart = [run_once(argv, Path(tmp) / "report") for _ in range(args.runs)]
                wall_apart = statistics.median(s.seconds for s in apart)
                cpu_apart = statistics.median(s.cpu for s in apart)
                print(
                    f"{'':>6} {count:>8} {wall_apart:>8.2f} {wall_apart / size:>6.2f} {cpu_apart:>8.2f}"
                    f" {cpu_apart / size:>8.2f} {max(s.peak_kb for s in apart) / 1024:>6.1f} MB"
                    f" {apart[-1].findings:>9}  (as separate files; one file takes {cpu / cpu_apart:.2f}x the CPU)",
                    flush=True,
                )
    print(f"slope: {slope(wall_points):.2f} s/MB wall, {slope(cpu_points):.2f} s/MB CPU")
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
