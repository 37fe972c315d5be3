"""One timed run of a command: wall time, peak memory of its process tree, exit code, output kept in files.

Memory is sampled the way `benchmarks/throughput.py` does it (the sampler is
copied here rather than imported, because this one also needs the process's
session, a time cap and the output): every `SAMPLE_SECONDS` the peak resident
set (`VmHWM` in /proc/PID/status) of every process in the run's session is
read, and the tree's figure is the sum of each process's peak (an upper bound
of the simultaneous peak: processes peak at different moments). The largest
single process is `ru_maxrss` from `wait4` (exact; the child and the
descendants it waited for).

Each run starts a new session (`start_new_session`), so a run over its time
cap is killed with everything it started, and only that.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import NamedTuple

SAMPLE_SECONDS = 0.02
POSITION = re.compile(rb"\d+:\d+")  # a finding names its line:column in every tool's report


class Sample(NamedTuple):
    seconds: float
    tree_kb: int  # the sum of every process's peak RSS
    largest_kb: int  # the largest single process's peak RSS
    exit_code: int  # negative: killed by that signal
    killed: bool  # over the time cap
    findings: int  # output lines that name a line:column
    first_error: str  # the first non-empty line of stderr, for the report of a failed run


def _session_members(sid: int) -> list[int]:
    """Every process whose session id is `sid` (field 6 of /proc/PID/stat)."""
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                stat = handle.read()
            if int(stat[stat.rindex(")") + 2 :].split()[3]) == sid:
                members.append(int(entry))
        except (OSError, ValueError, IndexError):
            continue
    return members


def _peak_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _kill_session(sid: int) -> None:
    try:
        os.killpg(sid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def count_findings(*paths: Path) -> int:
    total = 0
    for path in paths:
        with path.open("rb") as handle:
            total += sum(1 for line in handle if POSITION.search(line))
    return total


def first_line(path: Path) -> str:
    with path.open("rb") as handle:
        for line in handle:
            if line.strip():
                return line.decode("utf-8", "replace").strip()[:200]
    return ""


def run(argv: list[str], cwd: Path, out: Path, cap_seconds: float, env: dict[str, str] | None = None) -> Sample:
    """Run `argv` in `cwd` with stdout and stderr to `out`.stdout/.stderr; kill it after `cap_seconds`."""
    stdout, stderr = out.with_suffix(".stdout"), out.with_suffix(".stderr")
    peaks: dict[int, int] = {}
    killed = threading.Event()
    done = threading.Event()
    with stdout.open("wb") as out_handle, stderr.open("wb") as err_handle:
        start = time.perf_counter()
        process = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdout=out_handle,
            stderr=err_handle,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )

        def watch() -> None:
            while not done.is_set():
                if not killed.is_set() and time.perf_counter() - start > cap_seconds:
                    killed.set()
                    _kill_session(process.pid)
                for pid in _session_members(process.pid):
                    peaks[pid] = max(peaks.get(pid, 0), _peak_kb(pid))
                done.wait(SAMPLE_SECONDS)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        try:
            os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)  # ended; not reaped yet
        except BaseException:  # Ctrl-C: the run is in its own session, so it must be ended here
            _kill_session(process.pid)
            os.wait4(process.pid, 0)
            process.returncode = -signal.SIGKILL
            raise
        seconds = time.perf_counter() - start
        done.set()
        watcher.join()
        _kill_session(process.pid)  # anything it left behind (its id cannot be reused before it is reaped)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    largest = usage.ru_maxrss  # kilobytes on Linux
    return Sample(
        seconds=seconds,
        tree_kb=max(sum(peaks.values()), largest),
        largest_kb=largest,
        exit_code=process.returncode,
        killed=killed.is_set(),
        findings=count_findings(stdout, stderr),
        first_error=first_line(stderr),
    )
