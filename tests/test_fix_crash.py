"""Fixes never lose data: a `--fix` process killed (SIGKILL) while it writes leaves every file whole.

Each test runs `replylint --fix` in a child process whose `replylint.files.os` is wrapped so
that the N-th atomic write kills the process at a chosen moment: half-way through writing the
temporary file, or just after the rename. Nothing can be cleaned up after SIGKILL, so this is
what a crash, an out-of-memory kill or a power cut (for the data in the page cache) leaves.

Failed writes that replylint sees (no space left, a read-only file, a folder that refuses new
files) are in tests/test_fix_writes.py.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

FIXABLE = "Hello,\nKindly revert with the date.\n"
FIXED = "Hello,\nPlease reply with the date.\n"

# argv: stage ("write" or "rename"), which write (1 = the first), then replylint's own arguments.
BOOTSTRAP = """
import os, signal, sys
from replylint import files

stage, nth = sys.argv[1], int(sys.argv[2])
writes = []


def die():
    os.kill(os.getpid(), signal.SIGKILL)


class HalfWrite:
    # The temporary file's handle: the n-th write puts half the bytes on disk, then the process dies.
    def __init__(self, handle):
        self.handle = handle

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self.handle.__exit__(*exc)

    def write(self, data):
        writes.append(len(data))
        if stage == "write" and len(writes) == nth:
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            os.fsync(self.handle.fileno())
            die()
        return self.handle.write(data)

    def __getattr__(self, name):
        return getattr(self.handle, name)


class Os:
    # replylint.files sees this instead of the os module; everything else goes to the real one.
    def __getattr__(self, name):
        return getattr(os, name)

    def fdopen(self, fd, *args, **kwargs):
        return HalfWrite(os.fdopen(fd, *args, **kwargs))

    def replace(self, src, dst):
        os.replace(src, dst)
        if stage == "rename" and len(writes) == nth:
            die()


files.os = Os()
sys.argv = ["replylint", *sys.argv[3:]]
from replylint.cli import main

main()
"""


def fix_and_die(stage: str, nth: int, *args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`replylint --fix ARGS` in a child process that SIGKILLs itself at `stage` of its `nth` write."""
    argv = [sys.executable, "-c", BOOTSTRAP, stage, str(nth), "--fix", "--jobs", "1", *map(str, args)]
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=60, check=False)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".replylint-tmp"))


pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def test_killed_while_writing_the_temporary_file_leaves_the_original_intact(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(FIXABLE, encoding="utf-8")
    before = draft.read_bytes()

    proc = fix_and_die("write", 1, "--select", "jargon-corporate", "draft.txt", cwd=tmp_path)

    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert draft.read_bytes() == before
    # What is left behind: the half-written temporary file, hidden, beside the original.
    [temp] = leftovers(tmp_path)
    assert temp.startswith(".draft.txt.")
    assert (tmp_path / temp).read_bytes() == FIXED.encode()[: len(FIXED.encode()) // 2]


def test_a_leftover_temporary_file_is_never_linted_by_a_walk(tmp_path: Path) -> None:
    """After a kill, the next run lints (and fixes) the folder as if the temporary file were not there."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    draft = folder / "draft.txt"
    draft.write_text(FIXABLE, encoding="utf-8")
    assert fix_and_die("write", 1, "drafts", cwd=tmp_path).returncode == -signal.SIGKILL
    [temp] = leftovers(folder)

    proc = subprocess.run(
        [sys.executable, "-m", "replylint", "--format", "json", "drafts"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert proc.stderr == ""
    assert [f["path"] for f in json.loads(proc.stdout)["files"]] == ["drafts/draft.txt"]
    assert temp not in proc.stdout


def test_killed_just_after_the_rename_leaves_the_whole_new_file(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(FIXABLE, encoding="utf-8")

    proc = fix_and_die("rename", 1, "--select", "jargon-corporate", "draft.txt", cwd=tmp_path)

    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert draft.read_text(encoding="utf-8") == FIXED  # all of it, never a part
    assert leftovers(tmp_path) == []


def test_killed_during_the_second_file_each_file_is_old_or_new_never_half(tmp_path: Path) -> None:
    names = ["a.txt", "b.txt", "c.txt"]
    for name in names:
        (tmp_path / name).write_text(FIXABLE, encoding="utf-8")

    proc = fix_and_die("write", 2, "--select", "jargon-corporate", *names, cwd=tmp_path)

    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert [(tmp_path / name).read_text(encoding="utf-8") for name in names] == [FIXED, FIXABLE, FIXABLE]
    [temp] = leftovers(tmp_path)
    assert temp.startswith(".b.txt.")


@pytest.mark.parametrize(
    ("name", "content", "fixed"),
    [
        (
            "macros.json",
            '{"macros": [{"title": "Date", "body": "Hello,\\nKindly revert with the date."}]}\n',
            '{"macros": [{"title": "Date", "body": "Hello,\\nPlease reply with the date."}]}\n',
        ),
        (
            "macros.yaml",
            "- title: Date\n  body: |\n    Hello,\n    Kindly revert with the date.\n",
            "- title: Date\n  body: |\n    Hello,\n    Please reply with the date.\n",
        ),
        (
            "macros.csv",
            'title,body\nDate,"Hello,\nKindly revert with the date."\n',
            'title,body\nDate,"Hello,\nPlease reply with the date."\n',
        ),
    ],
    ids=["json", "yaml", "csv"],
)
def test_a_library_goes_through_the_same_atomic_write(tmp_path: Path, name: str, content: str, fixed: str) -> None:
    library = tmp_path / name
    library.write_text(content, encoding="utf-8")
    before = library.read_bytes()

    killed = fix_and_die("write", 1, "--select", "jargon-corporate", name, cwd=tmp_path)

    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert library.read_bytes() == before
    assert len(leftovers(tmp_path)) == 1

    finished = fix_and_die("rename", 1, "--select", "jargon-corporate", name, cwd=tmp_path)

    assert finished.returncode == -signal.SIGKILL, finished.stderr
    assert library.read_text(encoding="utf-8") == fixed


def test_without_a_kill_the_bootstrap_fixes_normally(tmp_path: Path) -> None:
    """The wrapper itself changes nothing: a kill planned for a write that never comes lets the run finish."""
    draft = tmp_path / "draft.txt"
    draft.write_text(FIXABLE, encoding="utf-8")

    proc = fix_and_die("write", 2, "--select", "jargon-corporate", "draft.txt", cwd=tmp_path)

    assert (proc.returncode, proc.stderr) == (0, "fixed 1 problem\n")
    assert draft.read_text(encoding="utf-8") == FIXED
    assert leftovers(tmp_path) == []
    assert os.listdir(tmp_path) == ["draft.txt"]


def test_a_file_changed_after_it_was_read_is_not_overwritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Someone saves the file while --fix works on it: their text wins, and the run says so."""
    from click.testing import CliRunner

    from replylint import fixer, sections
    from replylint.cli import main

    theirs = "Hello,\nKindly revert with the date. (Edited by Sam while replylint ran.)\n"
    edited = tmp_path / "a.txt"
    other = tmp_path / "b.txt"
    for path in (edited, other):
        path.write_text(FIXABLE, encoding="utf-8")
    real_fix_text = fixer.fix_text
    saved: list[bool] = []

    def fix_text(text: str, *args: object, **kwargs: object) -> fixer.FixResult:
        result = real_fix_text(text, *args, **kwargs)  # type: ignore[arg-type]
        if not saved:  # while a.txt, the first file, is being fixed: after its read, before its write
            saved.append(True)
            edited.write_text(theirs, encoding="utf-8")
            os.utime(edited, ns=(1, 1))  # a different stamp even on a file system with coarse times
        return result

    monkeypatch.setattr(sections, "fix_text", fix_text)  # what sections.fix_draft calls
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["--fix", "--select", "jargon-corporate", "a.txt", "b.txt"])

    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "a.txt: cannot write fixes (it changed after it was read); file left unchanged",
        "fixed 1 problem",
    ]
    assert edited.read_text(encoding="utf-8") == theirs
    assert other.read_text(encoding="utf-8") == FIXED
