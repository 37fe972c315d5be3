"""Run the fuzz targets for a fixed number of iterations each, one after another, and sum up.

    python fuzz/run.py --iterations 100000 [--target all|parse|lint|fix|decode|config|packs]

Run it with the Python of the fuzzing virtual environment (the one atheris is
installed in; see fuzz/README.md). Everything it writes goes under --workdir
(default /tmp/replylint-fuzz): seeds/ (built at start, see seeds.py), corpus/
(what libFuzzer finds new), findings/ (inputs that broke something, with their
tracebacks, and slow inputs), artifacts/ (crash-*/timeout-* written by
libFuzzer itself) and logs/. Nothing goes into the repository.

Findings do not stop a target (the harness runs with --keep-going); a hang
past --timeout does: libFuzzer saves it and the target is started again for
the iterations left, at most --restarts times.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
TARGETS = ("parse", "lint", "fix", "decode", "config", "packs")
MAX_LEN = {"packs": 8192, "config": 2048}  # the rest: --max-len


class Outcome(NamedTuple):
    target: str
    iterations: int
    seconds: float
    findings: list[str]
    slow: int
    hangs: int

    @property
    def rate(self) -> float:
        return self.iterations / self.seconds if self.seconds else 0.0


def run_target(target: str, iterations: int, args: argparse.Namespace) -> Outcome:
    work: Path = args.workdir
    seeds, corpus = work / "seeds" / target, work / "corpus" / target
    findings, artifacts, log = work / "findings" / target, work / "artifacts" / target, work / "logs" / f"{target}.log"
    for folder in (corpus, findings, artifacts, log.parent):
        folder.mkdir(parents=True, exist_ok=True)
    if not seeds.is_dir() or args.rebuild_seeds:
        sys.path.insert(0, str(HERE))
        from seeds import build

        build(work / "seeds", [target], args.corpus)
    done, seconds, found, slow, hangs = 0, 0.0, [], 0, 0
    with log.open("a", encoding="utf-8") as out:
        for attempt in range(args.restarts + 1):
            left = iterations - done
            if left <= 0:
                break
            command = [
                sys.executable,
                str(HERE / "fuzz_replylint.py"),
                f"--target={target}",
                "--keep-going",
                f"--findings={findings}",
                f"--slow={args.slow}",
                f"-runs={left}",
                f"-max_len={MAX_LEN.get(target, args.max_len)}",
                f"-timeout={args.timeout}",
                f"-rss_limit_mb={args.rss_limit_mb}",
                "-print_final_stats=1",
                "-len_control=0",
                f"-artifact_prefix={artifacts}/",
                *([f"-seed={args.seed + attempt}"] if args.seed is not None else []),
                str(corpus),
                str(seeds),
            ]
            out.write(f"$ {' '.join(command)}\n")
            out.flush()
            begin = out.tell()
            started = time.monotonic()
            process = subprocess.run(command, stdout=out, stderr=out)  # the log shows progress as it goes
            seconds += time.monotonic() - started
            with log.open(encoding="utf-8", errors="replace") as written:
                written.seek(begin)
                stderr = written.read()
            executed = re.search(r"stat::number_of_executed_units: (\d+)", stderr)
            done += int(executed.group(1)) if executed else _last_count(stderr)
            found += [f for f in re.findall(r"^FINDING (.*)$", stderr, re.MULTILINE) if f not in found]
            slow += len(re.findall(r"^SLOW ", stderr, re.MULTILINE))
            if "ERROR: libFuzzer: timeout" in stderr:
                hangs += 1
                continue
            if process.returncode != 0:
                found.append(f"libFuzzer stopped (exit {process.returncode}); see {log}")
                break
    return Outcome(target, done, seconds, found, slow, hangs)


def _last_count(stderr: str) -> int:
    """Runs done when libFuzzer stopped without final stats: the last `#N` status line."""
    counts = re.findall(r"^#(\d+)\s", stderr, re.MULTILINE)
    return int(counts[-1]) if counts else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, required=True, help="inputs to run per target")
    parser.add_argument("--target", default="all", choices=("all", *TARGETS))
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/replylint-fuzz"))
    parser.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"), help="shared corpus (templates/)")
    parser.add_argument("--max-len", type=int, default=4096)
    parser.add_argument("--timeout", type=int, default=10, help="seconds before an input counts as a hang")
    parser.add_argument("--slow", type=float, default=1.0, help="seconds after which an input is reported as slow")
    parser.add_argument("--rss-limit-mb", type=int, default=2048)
    parser.add_argument("--restarts", type=int, default=3, help="restarts after a hang")
    parser.add_argument("--seed", type=int, default=None, help="libFuzzer's random seed (default: a new one)")
    parser.add_argument("--rebuild-seeds", action="store_true")
    args = parser.parse_args()
    targets = TARGETS if args.target == "all" else (args.target,)
    outcomes = []
    for target in targets:
        outcome = run_target(target, args.iterations, args)
        outcomes.append(outcome)
        print(
            f"{target}: {outcome.iterations} iterations in {outcome.seconds:.0f} s ({outcome.rate:.0f} execs/s), "
            f"{len(outcome.findings)} findings, {outcome.slow} slow inputs, {outcome.hangs} hangs",
            flush=True,
        )
        for finding in outcome.findings:
            print(f"  {finding}", flush=True)
    print(f"\nfindings and slow inputs: {args.workdir / 'findings'}; libFuzzer artifacts: {args.workdir / 'artifacts'}")
    sys.exit(1 if any(o.findings or o.hangs for o in outcomes) else 0)


if __name__ == "__main__":
    main()
