"""replylint beside proselint, write-good, alex and textlint: the same inputs, timed in one interleaved run.

    python benchmarks/compare/compare.py                       # everything (about an hour on 2 cores)
    python benchmarks/compare/compare.py --sizes 1,1000 --runs 1 --tools replylint,proselint
    python benchmarks/compare/compare.py --runs-10k 1 --write-readme

It installs the tools in a scratch folder (default `~/.cache/replylint-compare`;
re-used while the pinned versions and replylint's source are unchanged),
builds the inputs there (one ~1 KB draft, `benchmarks/draft-1k.txt`; folders of
reply files of about 780 bytes built from the shared corpus at run time, removed
at the end), runs every tool once on every input untimed (warm-up), then in
rounds: in each round every tool runs once on every input, in an order that
rotates from round to round, so all tools share the machine's state. It prints
a Markdown table (median wall time, files per second, peak memory, ratio to
replylint, findings) and, with `--write-readme`, puts it in
`benchmarks/compare/README.md`. A benchmark: it never fails a build.
Standard library only; Linux (/proc) only.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import sys
import time
from pathlib import Path
from typing import NamedTuple

import inputs
import install
import measure
import peers
import report

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "replies.jsonl"
DRAFT = REPO / "benchmarks" / "draft-1k.txt"


class Job(NamedTuple):
    tool: peers.Tool
    folder: inputs.Folder
    label: str
    runs: int


def _csv(kind: type, text: str) -> list:
    return [kind(item.strip().replace("_", "")) for item in text.split(",") if item.strip()]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    names = ",".join(tool.name for tool in peers.TOOLS)
    parser.add_argument("--tools", default=names, help=f"comma-separated, from {names} (default: all)")
    parser.add_argument("--sizes", default="1,1000,10000", help="inputs: 1 is the draft, N>1 a folder of N files")
    parser.add_argument("--runs", type=int, help="timed runs of every input (overrides the three below)")
    parser.add_argument("--runs-draft", type=int, default=15, help="timed runs on the draft (default 15)")
    parser.add_argument("--runs-1k", type=int, default=3, help="timed runs on folders under 10,000 files (default 3)")
    parser.add_argument("--runs-10k", type=int, default=3, help="timed runs on 10,000 files or more (default 3)")
    parser.add_argument("--max-seconds", type=float, default=600, help="kill a run after this long (default 600)")
    parser.add_argument("--jobs", type=int, default=2, help="replylint --jobs for folders (default 2)")
    parser.add_argument("--scratch", type=Path, default=install.default_scratch(), help="install and input folder")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="replies.jsonl (default: %(default)s)")
    parser.add_argument("--reinstall", action="store_true", help="install everything again")
    parser.add_argument("--write-readme", action="store_true", help="put the table in benchmarks/compare/README.md")
    parser.add_argument("--keep-inputs", action="store_true", help="keep the generated files in the scratch folder")
    args = parser.parse_args(argv)
    try:
        args.tools = _csv(str, args.tools)
        args.sizes = _csv(int, args.sizes)
    except ValueError as error:
        parser.error(f"--sizes: {error}")
    unknown = [name for name in args.tools if name not in peers.BY_NAME]
    if unknown or not args.tools:
        parser.error(f"--tools: unknown {', '.join(unknown) or '(none given)'}; choose from {names}")
    if not args.sizes or min(args.sizes) < 1:
        parser.error("--sizes: give whole numbers from 1")
    args.scratch = args.scratch.expanduser().resolve()  # the tools run in the input folders
    return args


def runs_for(args: argparse.Namespace, files: int) -> int:
    if args.runs is not None:
        return args.runs
    return args.runs_draft if files == 1 else args.runs_1k if files < 10_000 else args.runs_10k


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def build_inputs(args: argparse.Namespace, root: Path) -> dict[int, tuple[inputs.Folder, str]]:
    built = {}
    for files in args.sizes:
        if files == 1:
            folder = inputs.write_draft(root / "draft", DRAFT)
            label = f"1 draft ({folder.total_bytes:,} B)"
        else:
            folder = inputs.write_replies(root / f"files-{files}", args.corpus, files)
            label = f"{files:,} files"
        say(f"input {label}: {folder.path}, mean {folder.mean_bytes:.0f} bytes a file")
        built[files] = (folder, label)
    return built


def run_one(
    job: Job, bins: peers.Bins, args: argparse.Namespace, env: dict[str, str], what: str, loads: list[float]
) -> measure.Sample:
    loads.append(os.getloadavg()[0])
    argv = peers.command(job.tool.name, bins, job.folder.names, args.jobs)
    out = args.scratch / "out" / f"{job.tool.name}-{len(job.folder.names)}"
    sample = measure.run(argv, job.folder.path, out, args.max_seconds, env)
    failure = report.failure_of(sample, job.tool.ok_codes)
    say(
        f"{what:>8} {job.label:<18} {job.tool.name:<10} {sample.seconds:9.3f} s  exit {sample.exit_code:<4}"
        f" {sample.findings:>7,} findings  {sample.tree_kb / 1024:8.1f} MB{'  ' + failure if failure else ''}"
    )
    return sample


class Load(NamedTuple):
    start: float
    low: float
    high: float


def measure_all(
    jobs: list[Job], bins: peers.Bins, args: argparse.Namespace, env: dict[str, str], loads: list[float]
) -> list[report.Cell]:
    """A warm-up of every job, then the timed rounds, interleaved; a job that fails or is killed stops there.

    The 1-minute load average before each run is added to `loads`.
    """
    warmups: dict[int, measure.Sample] = {}
    timed: dict[int, list[measure.Sample]] = {n: [] for n in range(len(jobs))}
    failure: dict[int, str] = {}
    for n, job in enumerate(jobs):
        warmups[n] = run_one(job, bins, args, env, "warm-up", loads)
        if reason := report.failure_of(warmups[n], job.tool.ok_codes):
            failure[n] = reason
    tools = list(dict.fromkeys(job.tool.name for job in jobs))
    for round_ in range(max(job.runs for job in jobs)):
        order = tools[round_ % len(tools) :] + tools[: round_ % len(tools)]
        for n in sorted(range(len(jobs)), key=lambda n: (len(jobs[n].folder.names), order.index(jobs[n].tool.name))):
            if n in failure or round_ >= jobs[n].runs:
                continue
            sample = run_one(jobs[n], bins, args, env, f"run {round_ + 1}", loads)
            timed[n].append(sample)
            if reason := report.failure_of(sample, jobs[n].tool.ok_codes):
                failure[n] = reason
    return [
        report.Cell(
            tool=job.tool.name,
            files=len(job.folder.names),
            label=job.label,
            warmup=warmups.get(n),
            samples=tuple(timed[n]),
            failure=failure.get(n, ""),
            cap_seconds=args.max_seconds,
        )
        for n, job in enumerate(jobs)
    ]


def _script() -> str:
    script = Path(sys.argv[0]).resolve()
    return str(script.relative_to(REPO)) if script.is_relative_to(REPO) else str(script)


def machine_facts(runtimes: dict[str, str], load: Load, end: float, elapsed: float) -> list[str]:
    cpu = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), "?")
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    today = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return [
        f"Measured {today}; `python {' '.join([_script(), *sys.argv[1:]])}` took {elapsed / 60:.0f} min.",
        f"Machine: {os.cpu_count()} cores ({cpu}), {memory:.1f} GB, {platform.system()} {platform.release()};"
        f" Python {runtimes['python']}, node {runtimes['node']}, npm {runtimes['npm']}.",
        f"Load average (1 min): {load.start:.2f} at the start, {end:.2f} at the end,"
        f" {load.low:.2f}-{load.high:.2f} before the runs.",
    ]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    began = time.perf_counter()
    load_start = os.getloadavg()[0]
    if any(files > 1 for files in args.sizes) and not args.corpus.is_file():
        say(f"compare: {args.corpus}: no such file (give the corpus with --corpus)")
        return 2
    chosen = [peers.BY_NAME[name] for name in args.tools]
    try:
        bins = install.prepare(args.scratch, REPO, any(t.runtime == "node" for t in chosen), args.reinstall)
    except install.InstallError as error:
        say(f"compare: {error}")
        return 2
    versions = install.versions(args.scratch, REPO, bins)
    runtimes = install.runtimes(bins)
    say("versions: " + "; ".join(f"{tool.name} {versions[tool.name]}" for tool in chosen))
    (args.scratch / "out").mkdir(exist_ok=True)
    env = {key: value for key, value in os.environ.items() if key != "FORCE_COLOR"}
    env["REPLYLINT_CACHE_DIR"] = str(args.scratch / "replylint-cache")  # its own cache, warmed by the warm-up
    root = args.scratch / "inputs"
    try:
        try:
            built = build_inputs(args, root)
        except (OSError, ValueError) as error:  # json.JSONDecodeError is a ValueError
            say(f"compare: {error}")
            return 2
        jobs = [
            Job(tool, folder, label, runs_for(args, files))
            for files, (folder, label) in built.items()
            for tool in chosen
        ]
        loads: list[float] = []
        cells = measure_all(jobs, bins, args, env, loads)
    finally:
        if not args.keep_inputs:
            shutil.rmtree(root, ignore_errors=True)
    load = Load(load_start, min(loads, default=load_start), max(loads, default=load_start))
    text = report.block(cells, versions, machine_facts(runtimes, load, os.getloadavg()[0], time.perf_counter() - began))
    print(text)
    if args.write_readme:
        report.write_readme(HERE / "README.md", text)
        say(f"wrote the table to {HERE / 'README.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
