"""--jobs: the same report, errors, exit code and fixes whatever the number of processes.

The pool only starts above REPLYLINT_PARALLEL_MIN_FILES files; these tests lower it to 2
so that a folder of a few dozen drafts goes through the worker processes.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import Result
from helpers import run, write

from replylint import parallel, progress
from replylint.config import KEYS
from replylint.runner import Session

ACRONYM = "Hi Sam,\n\nOur TAT is two days.\n"  # jargon-acronym at 3:5
FIXABLE = "Hello,\nKindly revert with the date.\n"  # jargon-corporate, safe fix -> "Please reply"
BLAME = "You should have backed up your files.\n"
CLEAN = "Thanks for your patience. I have sent the refund today.\n"


@pytest.fixture
def pooled(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Lower the pool threshold; the list counts the runs that went through the pool."""
    monkeypatch.setenv("REPLYLINT_PARALLEL_MIN_FILES", "2")
    calls: list[int] = []
    real = parallel._pooled

    def counting(items, session, job, workers):  # type: ignore[no-untyped-def]
        calls.append(workers)
        return real(items, session, job, workers)

    monkeypatch.setattr(parallel, "_pooled", counting)
    return calls


def library(root: Path) -> Path:
    """About forty drafts of every kind, a folder with its own config, and files that cannot be linted."""
    texts = [ACRONYM, FIXABLE, BLAME, CLEAN]
    for n in range(36):
        text = texts[n % 4]
        ending = (".txt", ".md", ".liquid")[n % 3]
        if ending == ".liquid":
            text = "Hi {{ customer.first_name }},\n\n" + text
        write(root / f"group{n % 3}" / f"draft{n:02}{ending}", text)
    write(root / "blame-only" / ".replylint.toml", 'select = ["blame"]\n')
    for n in range(4):
        write(root / "blame-only" / f"b{n}.txt", BLAME + ACRONYM)
    write(root / "broken-config" / ".replylint.toml", "selct = 1\n")
    write(root / "broken-config" / "c.txt", ACRONYM)
    (root / "group1" / "binary.txt").write_bytes(b"abc\0def")
    (root / "group2" / "latin1.txt").write_bytes("Caf\xe9 au lait".encode("latin-1"))
    return root


def outcome(result: Result) -> tuple[int, str, str]:
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_every_jobs_value_gives_the_same_report(here: Path, pooled: list[int], output_format: str) -> None:
    library(here / "lib")
    args = ("--format", output_format, "lib", "missing.txt", "lib/group0/draft00.txt")
    one = outcome(run("--jobs", "1", *args))
    assert pooled == []  # --jobs 1 never starts a pool
    for jobs in ("2", "4"):
        assert outcome(run("--jobs", jobs, *args)) == one
    assert pooled == [2, 4]
    exit_code, stdout, stderr = one
    assert exit_code == 2
    assert stderr.splitlines() == [
        f"{here}/lib/broken-config/.replylint.toml:1: selct: unknown key (did you mean 'select'?); "
        f"known keys: {', '.join(KEYS)}",
        "lib/group1/binary.txt: binary file, not text (NUL byte at offset 3)",
        "lib/group2/latin1.txt: not UTF-8 text (byte 0xe9 at offset 3)",
        "missing.txt: no such file or directory",
    ]
    if output_format == "json":
        files = json.loads(stdout)["files"]
        assert len(files) == 36 + 4 + 1 + 2 + 1
        assert [f["path"] for f in files][:3] == [
            "lib/blame-only/b0.txt",
            "lib/blame-only/b1.txt",
            "lib/blame-only/b2.txt",
        ]
        assert {d["rule"] for f in files[:4] for d in f["diagnostics"]} == {"blame-accusatory"}  # the folder's config
        assert files[-1]["path"] == "lib/group0/draft00.txt"


def test_order_follows_the_arguments_then_the_sorted_walk(here: Path, pooled: list[int]) -> None:
    for name in ("b/2.txt", "b/1.txt", "a/3.txt", "a/sub/4.txt"):
        write(here / name, ACRONYM)
    result = run("--jobs", "2", "--select", "jargon-acronym", "b", "a", "b/1.txt")
    assert pooled == [2]
    paths = [line.split(":")[0] for line in result.stdout.splitlines()[:-1]]
    assert paths == ["b/1.txt", "b/2.txt", "a/3.txt", "a/sub/4.txt", "b/1.txt"]


def test_stdin_among_many_files_is_read_in_this_process(here: Path, pooled: list[int]) -> None:
    for n in range(6):
        write(here / "lib" / f"{n}.txt", ACRONYM)
    from click.testing import CliRunner

    from replylint.cli import main

    args = ["--select", "jargon-acronym", "lib/0.txt", "-", "lib"]
    one = CliRunner().invoke(main, ["--jobs", "1", *args], input=ACRONYM)
    two = CliRunner().invoke(main, ["--jobs", "2", *args], input=ACRONYM)
    assert pooled == [2]
    assert outcome(two) == outcome(one)
    assert one.stdout.splitlines()[1].startswith("<stdin>:3:5: warning jargon-acronym")


def test_small_runs_stay_in_this_process(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REPLYLINT_PARALLEL_MIN_FILES", raising=False)

    def no_pool(*args: object) -> Iterator[object]:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(parallel, "_pooled", no_pool)
    for n in range(parallel.MIN_FILES - 1):
        write(here / "lib" / f"{n:03}.txt", CLEAN)
    result = run("--jobs", "4", "lib")
    assert outcome(result) == (0, f"no problems in {parallel.MIN_FILES - 1} files\n", "")


def test_a_one_draft_run_imports_no_multiprocessing(here: Path) -> None:
    write(here / "draft.txt", ACRONYM)
    code = (
        "import sys\n"
        "from replylint.cli import main\n"
        "try:\n"
        "    main(['draft.txt'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('multiprocessing', 'concurrent')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert proc.stdout.splitlines()[-1] == "[]", proc.stderr


def test_min_files_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REPLYLINT_PARALLEL_MIN_FILES", raising=False)
    assert parallel.min_files() == parallel.MIN_FILES
    monkeypatch.setenv("REPLYLINT_PARALLEL_MIN_FILES", "7")
    assert parallel.min_files() == 7
    monkeypatch.setenv("REPLYLINT_PARALLEL_MIN_FILES", "0")
    assert parallel.min_files() == 1
    monkeypatch.setenv("REPLYLINT_PARALLEL_MIN_FILES", "many")
    assert parallel.min_files() == parallel.MIN_FILES


def test_jobs_must_be_positive(here: Path) -> None:
    result = run("--jobs", "0", "x.txt")
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: Invalid value for '--jobs' / '-j': 0 is not in the range x>=1.\n")


def test_a_worker_that_dies_does_not_lose_files(here: Path, pooled: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(12):
        write(here / "lib" / f"{n:02}.txt", (ACRONYM, BLAME, CLEAN)[n % 3])
    one = outcome(run("--jobs", "1", "lib"))
    parent = os.getpid()
    real = Session.lint_file

    def dies_in_a_worker(self: Session, path: Path, display: str):  # type: ignore[no-untyped-def]
        if os.getpid() != parent and display.endswith("07.txt"):
            os._exit(3)  # as if killed by the kernel
        return real(self, path, display)

    monkeypatch.setattr(Session, "lint_file", dies_in_a_worker)
    assert outcome(run("--jobs", "2", "lib")) == one
    assert pooled == [2]


# --------------------------------------------------------------------------- fixes


def fixable_library(root: Path) -> Path:
    for n in range(10):
        write(root / "lib" / f"{n:02}.txt", (FIXABLE, ACRONYM + FIXABLE, CLEAN)[n % 3])
    (root / "lib" / "ro.txt").write_text(FIXABLE, encoding="utf-8")
    (root / "lib" / "ro.txt").chmod(0o444)
    os.symlink("lib/00.txt", root / "alias.txt")
    return root


def contents(root: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((root / "lib").iterdir())}


def test_fix_with_jobs_matches_one_process(tmp_path: Path, pooled: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    runs = {}
    for jobs in ("1", "2"):
        root = fixable_library(tmp_path / f"jobs{jobs}")
        monkeypatch.chdir(root)
        # lib/01.txt is named twice and lib/00.txt is reached again through a link: each is fixed once
        runs[jobs] = outcome(run("--jobs", jobs, "--fix", "lib", "lib/01.txt", "alias.txt")), contents(root)
    assert pooled == [2]
    assert runs["2"] == runs["1"]
    (exit_code, stdout, stderr), files = runs["2"]
    assert files["00.txt"] == files["03.txt"] == "Hello,\nPlease reply with the date.\n"
    assert files["ro.txt"] == FIXABLE  # read-only: reported, left alone
    assert stderr.splitlines() == [
        "lib/ro.txt: cannot write fixes (permission denied); file left unchanged",
        "fixed 7 problems",
    ]
    assert exit_code == 2
    assert [line.split(":")[0] for line in stdout.splitlines() if "jargon-corporate" in line] == ["lib/ro.txt"]


def test_diff_with_jobs_matches_one_process(tmp_path: Path, pooled: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    root = fixable_library(tmp_path)
    monkeypatch.chdir(root)
    before = contents(root)
    one = outcome(run("--jobs", "1", "--diff", "lib", "alias.txt"))
    assert outcome(run("--jobs", "3", "--diff", "lib", "alias.txt")) == one
    assert pooled == [3]
    assert one[1].count("+++ b/") == 9  # seven fixable files, the read-only one (nothing is written) and the alias
    assert contents(root) == before


def test_a_file_named_twice_is_written_by_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "a.txt", FIXABLE)
    os.symlink("a.txt", tmp_path / "b.txt")
    os.link(tmp_path / "a.txt", tmp_path / "c.txt")
    write(tmp_path / "d.txt", FIXABLE)
    items = [(tmp_path / n, n) for n in ("a.txt", "d.txt", "b.txt", "c.txt", "a.txt")] + [(None, "gone")]
    assert parallel._local(items, parallel.Job(fix=True, write=True)) == {2, 3, 4}  # type: ignore[arg-type]
    assert parallel._local(items, parallel.Job(fix=True, write=False)) == set()  # type: ignore[arg-type]


# --------------------------------------------------------------------------- progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_shown_on_a_terminal_for_long_runs_and_wiped() -> None:
    stream = Terminal()
    items = list(range(progress.LONG_FILES + 1))
    assert list(progress.with_progress(iter(items), len(items), stream)) == items
    shown = stream.getvalue()
    assert shown.startswith(f"\rreplylint: linted 1/{len(items)} files (0%)")
    assert shown.endswith("\r\033[K")


def test_no_progress_for_short_runs_or_when_stderr_is_not_a_terminal() -> None:
    stream = Terminal()
    assert list(progress.with_progress(iter(range(10)), 10, stream)) == list(range(10))
    assert stream.getvalue() == ""
    piped = io.StringIO()
    assert list(progress.with_progress(iter(range(500)), 500, piped)) == list(range(500))
    assert piped.getvalue() == ""


def test_no_progress_in_a_report_or_on_a_redirected_stderr(here: Path, pooled: list[int]) -> None:
    for n in range(progress.LONG_FILES + 5):
        write(here / "lib" / f"{n:03}.txt", CLEAN)
    result = run("--jobs", "2", "lib")
    assert outcome(result) == (0, f"no problems in {progress.LONG_FILES + 5} files\n", "")


def test_workers_started_by_spawn_build_their_own_session(
    here: Path, pooled: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """macOS and Windows start workers afresh: they get the picklable Overrides, not this session."""
    import multiprocessing

    for n in range(4):
        write(here / "lib" / f"{n}.txt", (ACRONYM, BLAME)[n % 2])
    one = outcome(run("--jobs", "1", "--select", "jargon,blame", "lib"))
    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    assert outcome(run("--jobs", "2", "--select", "jargon,blame", "lib")) == one
    assert pooled == [2]
