"""Walking folders: include and exclude globs, explicit files, --force-exclude, links that loop."""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

import pytest
from helpers import run, write

from replylint.runner import Overrides, Session, expand, walk

ACRONYM = "Hi Sam,\n\nOur TAT is two days.\n"  # one warning: jargon-acronym at 3:5


def walked(*paths: str, **overrides: object) -> list[str]:
    """Display names `expand` gives, capped so that a walk that goes round cannot hang the test."""
    session = Session(Overrides(**overrides))  # type: ignore[arg-type]
    return [display for _, display in itertools.islice(expand(paths, session), 1000)]


def linted(*args: str) -> list[str]:
    result = run("--format", "json", *args)
    return [f["path"] for f in json.loads(result.stdout)["files"]]


# --------------------------------------------------------------------------- include


def test_include_replaces_the_known_endings(here: Path) -> None:
    write(here / ".replylint.toml", 'include = ["*.rst", "*.TXT"]\n')
    for name in ("a.rst", "b.txt", "c.TXT", "d.md", "sub/e.rst", "sub/f.liquid"):
        write(here / "replies" / name, ACRONYM)
    assert walked("replies") == ["replies/a.rst", "replies/c.TXT", "replies/sub/e.rst"]


def test_include_globs_with_a_folder_are_relative_to_the_config(here: Path) -> None:
    write(here / ".replylint.toml", 'include = ["macros/**/*.html", "replies/*.txt"]\n')
    for name in ("macros/a.html", "macros/old/b.html", "replies/c.txt", "replies/sub/d.txt", "e.txt"):
        write(here / name, ACRONYM)
    assert walked(".") == ["macros/a.html", "macros/old/b.html", "replies/c.txt"]


def test_include_and_exclude_together(here: Path) -> None:
    write(here / ".replylint.toml", 'include = ["*.txt", "*.rst"]\nexclude = ["archive", "*.draft.*"]\n')
    for name in ("a.txt", "b.rst", "c.draft.rst", "archive/d.txt", "e.md"):
        write(here / "replies" / name, ACRONYM)
    assert linted("replies") == ["replies/a.txt", "replies/b.rst"]


def test_an_included_file_with_an_unknown_ending_is_read_as_plain_text(here: Path) -> None:
    write(here / ".replylint.toml", 'include = ["*.reply"]\n')
    write(here / "replies" / "refund.reply", ACRONYM)
    result = run("--format", "json", "replies")
    assert result.exit_code == 1
    [file] = json.loads(result.stdout)["files"]
    assert (file["path"], file["format"], [d["rule"] for d in file["diagnostics"]]) == (
        "replies/refund.reply",
        "plain",
        ["jargon-acronym"],
    )


def test_include_never_reaches_hidden_or_build_folders(here: Path) -> None:
    write(here / ".replylint.toml", 'include = ["*"]\n')
    for name in ("a.txt", ".hidden.txt", ".git/HEAD", "node_modules/x/y.txt", "build/z.txt", ".github/r.md"):
        write(here / "replies" / name, ACRONYM)
    assert walked("replies") == ["replies/a.txt"]


def test_each_folder_uses_its_own_configs_include(here: Path) -> None:
    write(here / ".replylint.toml", 'include = ["*.txt"]\n')
    write(here / "replies" / "legacy" / ".replylint.toml", 'include = ["*.rst"]\n')
    for name in ("a.txt", "a.rst", "legacy/b.txt", "legacy/b.rst"):
        write(here / "replies" / name, ACRONYM)
    assert walked("replies") == ["replies/a.txt", "replies/legacy/b.rst"]


def test_include_must_be_a_list_of_strings(here: Path) -> None:
    write(here / ".replylint.toml", 'select = ["all"]\ninclude = "*.txt"\n')
    write(here / "replies" / "a.txt", ACRONYM)
    result = run("replies")
    assert result.exit_code == 2
    assert result.stderr == f"{here}/.replylint.toml:2: include: expected a list of strings, got a string\n"


# --------------------------------------------------------------------------- files named on the command line


def test_files_named_explicitly_are_linted_whatever_include_and_exclude_say(here: Path) -> None:
    write(here / ".replylint.toml", 'include = ["*.rst"]\nexclude = ["archive"]\n')
    write(here / "notes.txt", ACRONYM)
    write(here / "archive" / "old.rst", ACRONYM)
    assert linted("notes.txt", "archive/old.rst") == ["notes.txt", "archive/old.rst"]


def test_force_exclude_skips_excluded_files_named_explicitly(here: Path) -> None:
    write(here / ".replylint.toml", 'exclude = ["archive", "*.wip.txt"]\n')
    write(here / "a.txt", ACRONYM)
    write(here / "b.wip.txt", ACRONYM)
    write(here / "archive" / "old.txt", ACRONYM)
    result = run("--force-exclude", "--format", "json", "a.txt", "b.wip.txt", "archive/old.txt")
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == ["a.txt"]
    assert result.exit_code == 1


def test_force_exclude_with_only_excluded_files_lints_nothing(here: Path) -> None:
    write(here / ".replylint.toml", 'exclude = ["archive"]\n')
    write(here / "archive" / "old.txt", ACRONYM)
    result = run("--force-exclude", "archive/old.txt")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "no problems in 0 files\n", "")


def test_force_exclude_applies_to_the_stdin_filename(here: Path) -> None:
    write(here / ".replylint.toml", 'exclude = ["archive"]\n')
    args = ("--force-exclude", "--stdin-filename", "archive/old.txt", "-")
    assert walked("-", force_exclude=True, stdin_filename="archive/old.txt") == []
    result = run(*args)
    assert (result.exit_code, result.stdout) == (0, "no problems in 0 files\n")
    assert walked("-", force_exclude=True, stdin_filename="new.txt") == ["<stdin>"]


def test_force_exclude_does_not_apply_include(here: Path) -> None:
    write(here / ".replylint.toml", 'include = ["*.rst"]\n')
    write(here / "a.txt", ACRONYM)
    assert walked("a.txt", force_exclude=True) == ["a.txt"]


# --------------------------------------------------------------------------- links


def test_a_folder_linked_into_itself_is_walked_once(here: Path) -> None:
    write(here / "drafts" / "a.txt", ACRONYM)
    write(here / "drafts" / "inner" / "b.txt", ACRONYM)
    os.symlink(here / "drafts", here / "drafts" / "inner" / "again")  # drafts/inner/again -> drafts
    os.symlink(".", here / "drafts" / "self")  # drafts/self -> drafts
    assert walked("drafts") == ["drafts/a.txt", "drafts/inner/b.txt"]


def test_a_linked_folder_named_on_the_command_line_is_walked(here: Path) -> None:
    write(here / "drafts" / "a.txt", ACRONYM)
    os.symlink(".", here / "drafts" / "self")
    os.symlink("drafts", here / "link")
    assert walked("link") == ["link/a.txt"]
    assert linted("link") == ["link/a.txt"]


def test_a_link_with_a_file_ending_to_a_folder_is_not_read_as_a_file(here: Path) -> None:
    write(here / "drafts" / "real" / "a.txt", ACRONYM)
    os.symlink("real", here / "drafts" / "looks-like-a-file.txt")
    assert walked("drafts") == ["drafts/real/a.txt"]


def test_a_link_to_a_folder_named_explicitly_is_walked_not_read(here: Path) -> None:
    write(here / "real" / "a.txt", ACRONYM)
    os.symlink("real", here / "reply.txt")
    result = run("--select", "jargon-acronym", "reply.txt")
    assert result.exit_code == 1
    assert result.stdout.startswith("reply.txt/a.txt:3:5: warning jargon-acronym")


def test_a_link_loop_named_explicitly_is_one_error_and_the_rest_is_linted(here: Path) -> None:
    os.symlink("loop-b", here / "loop-a")
    os.symlink("loop-a", here / "loop-b")
    write(here / "ok.txt", ACRONYM)
    result = run("--select", "jargon-acronym", "loop-a", "ok.txt")
    assert result.exit_code == 2
    assert result.stderr == "loop-a: cannot read file (Too many levels of symbolic links)\n"
    assert result.stdout.startswith("ok.txt:3:5: warning jargon-acronym")


def test_walk_order_is_sorted_with_each_folders_files_before_its_subfolders(here: Path) -> None:
    for name in ("b/z.txt", "b/a/y.txt", "a.txt", "B/x.md", "c.md", "b/c.txt"):
        write(here / "r" / name, ACRONYM)
    assert [str(p) for p in walk(Path("r"), Session())] == [
        "r/a.txt",
        "r/c.md",
        "r/B/x.md",
        "r/b/c.txt",
        "r/b/z.txt",
        "r/b/a/y.txt",
    ]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read a chmod 000 folder")
def test_an_unreadable_folder_is_reported_where_its_files_would_be(here: Path) -> None:
    write(here / "r" / "a.txt", ACRONYM)
    locked = here / "r" / "locked"
    write(locked / "b.txt", ACRONYM)
    write(here / "r" / "m" / "c.txt", ACRONYM)
    locked.chmod(0)
    try:
        assert walked("r") == ["r/a.txt", "r/locked: cannot read folder (permission denied)", "r/m/c.txt"]
    finally:
        locked.chmod(0o755)


def test_a_folder_that_cannot_be_listed_is_one_error_and_the_rest_is_linted(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root can list any folder, the refusal is simulated where the walk lists folders."""
    write(here / "r" / "a.txt", ACRONYM)
    write(here / "r" / "locked" / "b.txt", ACRONYM)
    listing = os.scandir

    def scandir(path: object) -> object:
        if Path(str(path)).name == "locked":
            raise PermissionError(13, "Permission denied")
        return listing(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    result = run("r")
    assert result.exit_code == 2
    assert result.stderr == "r/locked: cannot read folder (permission denied)\n"
    assert result.stdout.startswith("r/a.txt:3:5: warning jargon-acronym")
    assert "b.txt" not in result.stdout


def test_a_folder_named_on_the_command_line_that_cannot_be_listed_is_an_error(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(here / "r" / "a.txt", ACRONYM)

    def scandir(path: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "scandir", scandir)
    result = run("r")
    assert result.exit_code == 2
    assert result.stderr == "r: cannot read folder (permission denied)\n"
