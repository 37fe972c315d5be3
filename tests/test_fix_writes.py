"""--fix writes: atomic, in the file's own encoding, BOM, line endings, mode and owner; nothing else touched."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint import files
from replylint.cli import main
from replylint.files import TextFile, decode, encode, write_atomic

FIXABLE = "Hello,\nKindly revert with the date.\n"
FIXED = "Hello,\nPlease reply with the date.\n"


def fix(*paths: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--fix", "--select", "jargon-corporate", *map(str, paths)])
    return result.exit_code, result.stderr


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".replylint-tmp"))


# --------------------------------------------------------------------------- write_atomic


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o755, 0o444])
def test_write_atomic_keeps_the_mode(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    os.chmod(target, mode)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o7777 == mode
    assert leftovers(tmp_path) == []


def test_write_atomic_replaces_the_file_in_one_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The data is written and flushed to a temporary file in the same folder, then renamed over the original."""
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync")
        real_fsync(fd)

    def replace(src: str, dst: object) -> None:
        assert Path(src).parent == tmp_path and Path(src).read_bytes() == b"new"
        assert target.read_bytes() == b"old"  # the original is untouched until the rename
        events.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(files.os, "fsync", fsync)
    monkeypatch.setattr(files.os, "replace", replace)
    write_atomic(target, b"new")
    assert events[:2] == ["fsync", "replace"]  # flushed before the rename (then the folder, where possible)
    assert target.read_bytes() == b"new"


def test_failed_rename_leaves_the_original_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")

    def replace(src: str, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", replace)
    with pytest.raises(OSError, match="No space left on device"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


@pytest.mark.parametrize("error", [OSError(5, "Input/output error"), KeyboardInterrupt()])
def test_failure_in_the_middle_of_the_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    """Half the data is written, then the flush to disk fails (or the user presses Ctrl-C)."""
    target = tmp_path / "a.txt"
    target.write_bytes(b"old contents")
    written: list[bytes] = []

    def fsync(fd: int) -> None:
        written.append(Path(f"/proc/self/fd/{fd}").read_bytes() if Path("/proc/self/fd").is_dir() else b"?")
        raise error

    monkeypatch.setattr(files.os, "fsync", fsync)
    with pytest.raises(type(error)):
        write_atomic(target, b"new contents, longer than the old")
    assert written  # the failure really came after the temporary file was written
    assert target.read_bytes() == b"old contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_a_link_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_bytes(b"old")
    os.chmod(real, 0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real.name)
    write_atomic(link, b"new")
    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert real.read_bytes() == b"new" and real.stat().st_mode & 0o777 == 0o640


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away")
def test_the_owner_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    os.chown(target, 65534, 65534)
    write_atomic(target, b"new")
    info = target.stat()
    assert (info.st_uid, info.st_gid) == (65534, 65534)


# --------------------------------------------------------------------------- encoding


def test_encode_keeps_bom_and_utf16() -> None:
    for data in (codecs.BOM_UTF8 + "Caf\u00e9\n".encode(), codecs.BOM_UTF16_LE + "Caf\u00e9\r\n".encode("utf-16-le")):
        file = decode(data)
        assert encode(file, file.text) == data


def test_encode_keeps_crlf_when_a_fix_brings_in_a_bare_line_feed() -> None:
    file = TextFile("a\r\nb\r\n", newline="\r\n")
    assert encode(file, "a\r\nb\nc\r\n") == b"a\r\nb\r\nc\r\n"


def test_decode_tells_the_first_line_ending() -> None:
    assert [decode(b).newline for b in (b"a\nb\r\n", b"a\r\nb\n", b"a\rb\r", b"a\rb\n", b"ab")] == [
        "\n",
        "\r\n",
        "\r",
        "\r",
        "\n",
    ]


def test_encode_keeps_lone_cr_when_a_fix_brings_in_a_line_feed() -> None:
    file = TextFile("a\rb\r", newline="\r")
    assert encode(file, "a\rb\nc\r") == b"a\rb\rc\r"
    mixed = TextFile("a\rb\nc\r", newline="\r")  # LF already in the file: left as it is
    assert encode(mixed, "a\rb\nd\ne\r") == b"a\rb\nd\ne\r"


def test_encode_leaves_mixed_line_endings_alone() -> None:
    file = TextFile("a\r\nb\nc\r\n", newline="\r\n")
    assert encode(file, "a\r\nb\nd\r\n") == b"a\r\nb\nd\r\n"
    assert encode(TextFile("a\nb\n"), "a\nb\n") == b"a\nb\n"


# --------------------------------------------------------------------------- through the command line


def test_fix_keeps_encoding_bom_newlines_and_mode(tmp_path: Path) -> None:
    utf8 = tmp_path / "a.txt"
    utf8.write_bytes(codecs.BOM_UTF8 + FIXABLE.replace("\n", "\r\n").encode())
    os.chmod(utf8, 0o640)
    utf16 = tmp_path / "b.txt"
    utf16.write_bytes(codecs.BOM_UTF16_BE + FIXABLE.encode("utf-16-be"))
    code, err = fix(utf8, utf16)
    assert (code, err) == (0, "fixed 2 problems\n")
    assert utf8.read_bytes() == codecs.BOM_UTF8 + FIXED.replace("\n", "\r\n").encode()
    assert utf8.stat().st_mode & 0o777 == 0o640
    assert utf16.read_bytes() == codecs.BOM_UTF16_BE + FIXED.encode("utf-16-be")
    assert leftovers(tmp_path) == []


def test_fix_keeps_lone_cr_line_endings(tmp_path: Path) -> None:
    mac = tmp_path / "mac.txt"
    mac.write_bytes(FIXABLE.replace("\n", "\r").encode())
    assert fix(mac) == (0, "fixed 1 problem\n")
    assert mac.read_bytes() == FIXED.replace("\n", "\r").encode()
    assert leftovers(tmp_path) == []


def test_a_file_with_nothing_to_fix_is_not_rewritten(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("Thanks, Ana. Your refund is on its way.\n", encoding="utf-8")
    unfixable = tmp_path / "unfixable.txt"  # a finding, but no fix for it
    unfixable.write_text("Our TAT is two days.\n", encoding="utf-8")
    os.utime(clean, ns=(1_000_000_000, 1_000_000_000))
    os.utime(unfixable, ns=(1_000_000_000, 1_000_000_000))
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (clean, unfixable)}
    result = CliRunner().invoke(main, ["--fix", str(clean), str(unfixable)])
    assert result.exit_code == 1  # the TAT finding is still reported
    assert {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (clean, unfixable)} == before


def test_a_read_only_file_is_reported_and_untouched(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(FIXABLE, encoding="utf-8")
    os.chmod(locked, 0o444)
    other = tmp_path / "other.txt"
    other.write_text(FIXABLE, encoding="utf-8")
    before = locked.stat().st_mtime_ns
    code, err = fix(locked, other)
    assert code == 2
    assert err.splitlines() == [
        f"{locked}: cannot write fixes (permission denied); file left unchanged",
        "fixed 1 problem",
    ]
    assert locked.read_text(encoding="utf-8") == FIXABLE and locked.stat().st_mtime_ns == before
    assert locked.stat().st_mode & 0o777 == 0o444
    assert other.read_text(encoding="utf-8") == FIXED


def test_a_folder_that_refuses_new_files_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    draft = tmp_path / "draft.txt"
    draft.write_text(FIXABLE, encoding="utf-8")

    def mkstemp(**kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    code, err = fix(draft)
    assert code == 2
    assert err.splitlines()[0] == f"{draft}: cannot write fixes (permission denied); file left unchanged"
    assert draft.read_text(encoding="utf-8") == FIXABLE


def test_a_failed_write_leaves_that_file_intact_and_fixes_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    failing = tmp_path / "a.txt"
    failing.write_text(FIXABLE, encoding="utf-8")
    fine = tmp_path / "b.txt"
    fine.write_text(FIXABLE, encoding="utf-8")
    real_replace = os.replace

    def replace(src: str, dst: object) -> None:
        if Path(str(dst)).name == "a.txt":
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(files.os, "replace", replace)
    code, err = fix(failing, fine)
    assert code == 2
    assert err.splitlines()[0] == f"{failing}: cannot write fixes (No space left on device); file left unchanged"
    assert failing.read_text(encoding="utf-8") == FIXABLE
    assert fine.read_text(encoding="utf-8") == FIXED
    assert leftovers(tmp_path) == []


def test_fix_through_a_link_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text(FIXABLE, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real.name)
    fix(link)
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == FIXED


def test_fix_of_a_hard_linked_file_replaces_that_name_only(tmp_path: Path) -> None:
    # The rename that makes the write atomic gives the named file a new inode: its other
    # names keep the old text (README, "Fixes"), as with editors that save by renaming.
    named = tmp_path / "draft.txt"
    named.write_text(FIXABLE, encoding="utf-8")
    other = tmp_path / "copy.txt"
    os.link(named, other)
    code, _ = fix(named)
    assert code == 0
    assert named.read_text(encoding="utf-8") == FIXED
    assert other.read_text(encoding="utf-8") == FIXABLE
    assert os.stat(named).st_ino != os.stat(other).st_ino and os.stat(other).st_nlink == 1
