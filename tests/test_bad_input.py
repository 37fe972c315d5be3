"""Bad input never crashes: one table, one row per kind of bad input, and docs/bad-input.md kept in step with it.

Each row makes its bad input in a fresh folder and runs replylint on it together with
`good.txt`, a draft with one known finding. The row gives the exact stderr (one line, or
none), the exit code the bad input causes on its own, and the whole report: good.txt's
finding must be in it, so the other files are still linted. Kinds of bad input that other test files already check in full are
not repeated here: docs/bad-input.md points at those tests by node id, and
test_the_doc_and_the_table_agree checks that every node id it names exists.
"""

from __future__ import annotations

import importlib
import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from click.testing import CliRunner

from replylint import files, runner, tokens
from replylint.cli import main

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "bad-input.md"

GOOD = "Our TAT is two days.\n"
GOOD_LINE = (
    "good.txt:1:5: warning jargon-acronym 'TAT' is internal shorthand the customer may not know: "
    '"TAT" -> "turnaround time"'
)
ONE_PROBLEM = "1 problem (0 errors, 1 warning) in 1 file"  # the summary counts the files with findings
ONE_FAILED = f"{ONE_PROBLEM}; 1 file could not be linted"
DOC_FOLDER = "/srv/replies"  # how docs/bad-input.md shows {here}, the absolute folder in some messages


class Row(NamedTuple):
    id: str
    make: Callable[[Path, pytest.MonkeyPatch], list[str]]  # makes the bad input; the arguments that name it
    stderr: str  # the exact error line, "" for none; {here} is the folder the run is in
    code: int  # the exit code this input gives on its own
    report: tuple[str, ...] | None  # every stdout line; None: the run stops before linting (stdout is empty)
    stdin: bytes | None = None


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def file_row(name: str, content: str | bytes) -> Callable[[Path, pytest.MonkeyPatch], list[str]]:
    def make(here: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
        write(here / name, content)
        return [name]

    return make


# --------------------------------------------------------------------------- sizes


def sparse_gigabyte(here: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    with open(here / "big.txt", "wb") as handle:
        handle.truncate(1 << 30)  # 1 GB that costs no disk
    real = files.read_bounded

    def read_bounded(handle, *args, **kwargs):  # type: ignore[no-untyped-def]
        assert not str(handle.name).endswith("big.txt"), "the 1 GB file was opened for reading"
        return real(handle, *args, **kwargs)

    monkeypatch.setattr(files, "read_bounded", read_bounded)
    return ["big.txt"]


# --------------------------------------------------------------------------- files that change during the run


def on_read(monkeypatch: pytest.MonkeyPatch, name: str, event: Callable[[Path], None]) -> None:
    """Run `event` on file `name` after the paths were expanded (and folders walked), just before it is read."""
    real = runner.read_text

    def read_text(path: Path, max_bytes: int = files.DEFAULT_MAX_BYTES) -> files.TextFile:
        if path.name == name:
            event(path)
        return real(path, max_bytes)

    monkeypatch.setattr(runner, "read_text", read_text)


def deleted(here: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    write(here / "gone.txt", GOOD)
    on_read(monkeypatch, "gone.txt", Path.unlink)
    return ["gone.txt"]


def deleted_from_a_walk(here: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    write(here / "drafts/a.txt", GOOD)
    write(here / "drafts/b.txt", GOOD)
    on_read(monkeypatch, "b.txt", Path.unlink)
    return ["drafts"]


def made_unreadable(here: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    write(here / "locked.txt", GOOD)

    def lock(path: Path) -> None:
        path.chmod(0)
        if os.geteuid() == 0:  # root reads a chmod 000 file: make the open fail as it would for anyone else
            real_open = Path.open

            def refuse(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
                if self == path:
                    raise PermissionError(13, "Permission denied", str(self))
                return real_open(self, *args, **kwargs)

            monkeypatch.setattr(Path, "open", refuse)

    on_read(monkeypatch, "locked.txt", lock)
    return ["locked.txt"]


def turned_into_a_folder(here: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    write(here / "draft.txt", GOOD)

    def to_folder(path: Path) -> None:
        path.unlink()
        path.mkdir()

    on_read(monkeypatch, "draft.txt", to_folder)
    return ["draft.txt"]


def pipe_in_a_walk(here: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    write(here / "drafts/a.txt", GOOD)
    os.mkfifo(here / "drafts/pipe.txt")  # opening it would wait for a writer for ever
    return ["drafts"]


# --------------------------------------------------------------------------- options, config and packs


def deep_baseline(here: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    write(here / "deep.json", "[" * 100_000 + "]" * 100_000)
    return ["--baseline", "deep.json"]


def config_row(name: str, content: str | bytes) -> Callable[[Path, pytest.MonkeyPatch], list[str]]:
    def make(here: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
        write(here / "team" / name, content)
        write(here / "team/reply.txt", GOOD)
        return ["team"]

    return make


def pack_rule(tokens_yaml: str, extra: str = "") -> str:
    return (
        "rules:\n"
        "  - id: team-cheers\n"
        "    kind: existence\n"
        "    category: team\n"
        "    severity: warning\n"
        "    summary: A team rule.\n"
        "    rationale: Our style guide says so.\n"
        "    message: \"'{match}' is not our sign-off\"\n"
        f"    tokens: {tokens_yaml}\n"
        f"{extra}"
        "    examples:\n"
        '      bad: ["Cheers, Jo"]\n'
        '      good: ["Best wishes, Jo"]\n'
    )


def pack_row(pack: str) -> Callable[[Path, pytest.MonkeyPatch], list[str]]:
    def make(here: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
        write(here / "team/.replylint.toml", 'packs = ["team.yaml"]\n')
        write(here / "team/team.yaml", pack)
        write(here / "team/reply.txt", GOOD)
        return ["team/reply.txt"]  # a walk of team/ would read team.yaml as a library of templates too

    return make


CATASTROPHIC = "a" * 60 + "b"  # '(a|aa)+$' backtracks over this for far longer than any time limit


def runaway_pattern(here: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(tokens, "MATCH_TIMEOUT", 0.05)  # the real limit is 2 s; the behaviour is the same
    write(here / "slow/.replylint.toml", 'packs = ["team.yaml"]\nselect = ["team"]\n')
    write(here / "slow/team.yaml", pack_rule("['(a|aa)+$']").replace("team-cheers", "team-slow"))
    names = [f"slow/r{n}.txt" for n in range(1, 6)]
    for name in names:
        write(here / name, f"Hello {CATASTROPHIC}\n")
    return names


def slow_line(n: int, detail: str = "regex timed out") -> str:
    return f"slow/r{n}.txt:1:1: error rule-error rule 'team-slow' failed on this file: TimeoutError: {detail}"


# --------------------------------------------------------------------------- plugins


def plugin_row(source: str) -> Callable[[Path, pytest.MonkeyPatch], list[str]]:
    """A broken plugin as importlib.metadata sees one: a dist-info folder and a module, on a temporary sys.path entry."""

    def make(here: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
        site = here / "site"
        info = site / "broken_plugin-1.0.dist-info"
        write(info / "METADATA", "Metadata-Version: 2.1\nName: broken-plugin\nVersion: 1.0\n")
        write(info / "entry_points.txt", "[replylint.rules]\nbroken = broken_plugin:rules\n")
        write(site / "broken_plugin.py", source)
        monkeypatch.syspath_prepend(str(site))
        importlib.invalidate_caches()
        return []

    return make


PLUGIN = "plugin 'broken' (broken_plugin:rules) from broken-plugin 1.0 failed to load"


# --------------------------------------------------------------------------- the table


ROWS = [
    # contents
    Row("only-whitespace", file_row("blank.txt", " \n\t\n  \r\n"), "", 0, (GOOD_LINE, ONE_PROBLEM)),
    Row("only-a-placeholder-in-a-template", file_row("hello.liquid", "{{ first_name }}\n"), "", 0,
        (GOOD_LINE, ONE_PROBLEM)),
    Row("only-a-placeholder-in-plain-text", file_row("hello.txt", "[NAME]\n"), "", 1, (
        "hello.txt:1:1: error placeholder-leftover '[NAME]' is a fill-in placeholder left in the reply; the customer "
        "would see it as written (try: Replace it with the real value before sending.)",
        GOOD_LINE,
        "2 problems (1 error, 1 warning) in 2 files",
    )),
    # sizes
    Row("a-1-gb-file", sparse_gigabyte, "big.txt: file too large (1 GB; the limit is 64 MB, see --max-file-size)", 2,
        (GOOD_LINE, ONE_FAILED)),
    Row("stdin-over-the-limit", lambda here, mp: ["--max-file-size", "1", "-"],
        "<stdin>: file too large (over 1 MB, see --max-file-size)", 2, (GOOD_LINE, ONE_FAILED),
        stdin=GOOD.encode() * 60_000),
    Row("an-endless-device", lambda here, mp: ["--max-file-size", "1", "/dev/zero"],
        "/dev/zero: file too large (over 1 MB, see --max-file-size)", 2, (GOOD_LINE, ONE_FAILED)),
    Row("a-limit-far-above-memory", lambda here, mp: ["--max-file-size", "100000000"], "", 0, (GOOD_LINE, ONE_PROBLEM)),
    # files that change between the walk and the read
    Row("deleted-during-the-run", deleted, "gone.txt: no such file or directory", 2, (GOOD_LINE, ONE_FAILED)),
    Row("deleted-from-a-walked-folder", deleted_from_a_walk, "drafts/b.txt: no such file or directory", 2, (
        GOOD_LINE.replace("good.txt", "drafts/a.txt"),
        GOOD_LINE,
        "2 problems (0 errors, 2 warnings) in 2 files; 1 file could not be linted",
    )),
    Row("made-unreadable-during-the-run", made_unreadable, "locked.txt: permission denied", 2, (GOOD_LINE, ONE_FAILED)),
    Row("turned-into-a-folder-during-the-run", turned_into_a_folder, "draft.txt: is a directory", 2,
        (GOOD_LINE, ONE_FAILED)),
    Row("a-pipe-in-a-walked-folder", pipe_in_a_walk, "", 1, (
        GOOD_LINE.replace("good.txt", "drafts/a.txt"),
        GOOD_LINE,
        "2 problems (0 errors, 2 warnings) in 2 files",
    )),
    # paths given to options
    Row("stdin-filename-names-a-folder", lambda here, mp: ["-", "--stdin-filename", "."], "", 1, (GOOD_LINE.replace("good.txt", "<stdin>"), GOOD_LINE, "2 problems (0 errors, 2 warnings) in 2 files"),
        stdin=GOOD.encode()),
    Row("config-option-names-a-folder", lambda here, mp: ["--config", "."], ".: is a directory, not a config file", 2,
        None),
    Row("output-file-names-a-folder", lambda here, mp: ["--output-file", "."],
        ".: cannot write the report (is a directory)", 2, None),
    Row("baseline-names-a-folder", lambda here, mp: ["--baseline", "."], ".: cannot read baseline (is a directory)", 2,
        None),
    Row("write-baseline-names-a-folder", lambda here, mp: ["--write-baseline", "."],
        ".: cannot write baseline (is a directory)", 2, None),
    Row("baseline-nested-too-deeply", deep_baseline, "deep.json: invalid JSON: nested too deeply", 2, None),
    # libraries
    Row("malformed-csv-library", file_row("saved.csv", 'title,body\nA,"never closed\n'),
        "saved.csv:2:3: invalid CSV: unterminated quoted field", 2, (GOOD_LINE, ONE_FAILED)),
    # config
    Row("malformed-toml-config", config_row(".replylint.toml", '# team\nselect = ["blame"\nignore = []\n'),
        "{here}/team/.replylint.toml:3: invalid TOML: Unclosed array", 2, (GOOD_LINE, ONE_FAILED)),
    Row("malformed-pyproject-table", config_row("pyproject.toml", "[tool.replylint]\nselect = 3\n"),
        "{here}/team/pyproject.toml:2: tool.replylint.select: expected a list of strings, got a number", 2,
        (GOOD_LINE, ONE_FAILED)),
    Row("config-nested-too-deeply", config_row(".replylint.toml", "select = " + "[" * 5000 + "]" * 5000 + "\n"),
        "{here}/team/.replylint.toml: invalid TOML: nested too deeply", 2, (GOOD_LINE, ONE_FAILED)),
    Row("config-not-utf8", config_row(".replylint.toml", b'select = ["blame"] # caf\xe9\n'),
        "{here}/team/.replylint.toml: config is not UTF-8 text", 2, (GOOD_LINE, ONE_FAILED)),
    # rule packs
    Row("pack-with-an-invalid-regex", pack_row(pack_rule("['cheers', '(?:ta|ttfn']")),
        "{here}/team/team.yaml:9: rule 'team-cheers': invalid regular expression '(?:ta|ttfn': missing ) at position 10",
        2, (GOOD_LINE, ONE_FAILED)),
    Row("pack-with-a-control-character", pack_row(pack_rule("[cheers]").replace("A team rule.", "A team\x01rule.")),
        "{here}/team/team.yaml:6: invalid YAML: unacceptable character #x0001: control characters are not allowed", 2,
        (GOOD_LINE, ONE_FAILED)),
    Row("pack-nested-too-deeply", pack_row("rules: " + "[" * 5000 + "]" * 5000 + "\n"),
        "{here}/team/team.yaml:1: invalid YAML: nested too deeply", 2, (GOOD_LINE, ONE_FAILED)),
    Row("pack-with-an-impossible-date", pack_row(pack_rule("[cheers]", extra="    max: 2024-13-45\n")),
        "{here}/team/team.yaml: invalid YAML: month must be in 1..12", 2, (GOOD_LINE, ONE_FAILED)),
    Row("pack-with-a-runaway-regex", runaway_pattern, "", 2, (
        slow_line(1),
        slow_line(2),
        slow_line(3),
        slow_line(4, "regex timed out on 3 texts earlier in this run and is not run again"),
        slow_line(5, "regex timed out on 3 texts earlier in this run and is not run again"),
        GOOD_LINE,
        "6 problems (5 errors, 1 warning) in 6 files",
    )),
    # plugins
    Row("plugin-fails-with-a-multi-line-message", plugin_row("raise RuntimeError('no word list\\nsee the log')\n"),
        f"{PLUGIN}: RuntimeError: no word list", 2, (GOOD_LINE, ONE_PROBLEM)),
    Row("plugin-calls-sys-exit-on-import", plugin_row("import sys\nsys.exit(3)\n"), f"{PLUGIN}: SystemExit: 3", 2,
        (GOOD_LINE, ONE_PROBLEM)),
]  # fmt: skip

_SKIPS = {
    "an-endless-device": pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero"),
    "a-pipe-in-a-walked-folder": pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes"),
}


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    yield tmp_path.resolve()
    for name, module in list(sys.modules.items()):  # modules a fake plugin left behind
        if str(getattr(module, "__file__", None) or "").startswith(str(tmp_path)):
            del sys.modules[name]
    importlib.invalidate_caches()


def _hang(signum: int, frame: object) -> None:
    raise TimeoutError("replylint hung on this input")


@pytest.mark.parametrize("row", [pytest.param(r, id=r.id, marks=_SKIPS.get(r.id, ())) for r in ROWS])
def test_bad_input(here: Path, monkeypatch: pytest.MonkeyPatch, row: Row) -> None:
    write(here / "good.txt", GOOD)
    args = row.make(here, monkeypatch)
    guard = hasattr(signal, "SIGALRM")  # against a hang (a pipe opened by a walk), not a timing
    if guard:
        previous = signal.signal(signal.SIGALRM, _hang)
        signal.alarm(60)
    try:
        result = CliRunner().invoke(main, [*args, "good.txt"], input=row.stdin, catch_exceptions=False)
    finally:
        if guard:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)

    assert result.stderr == (row.stderr.format(here=here) + "\n" if row.stderr else "")
    assert "\n" not in row.stderr  # one line, and so no traceback
    if row.report is None:
        assert (result.stdout, result.exit_code) == ("", row.code)
        return
    assert result.stdout.splitlines() == list(row.report)
    assert GOOD_LINE in row.report  # the other file is still linted
    linted = GOOD_LINE in row.report
    assert result.exit_code == (max(row.code, 1) if linted else row.code)


def test_a_1_gb_file_is_refused_without_reading_it_under_a_memory_limit(tmp_path: Path) -> None:
    """A real process with 384 MB of address space: the 1 GB file is refused by its size, never read.

    With the limit raised above the file (--max-file-size 2048), linting reads it a block at a
    time and stops at its first NUL byte, in bounded memory; --fix reads it whole and runs out of
    memory: that is one line too, never a traceback.
    """
    resource = pytest.importorskip("resource")
    if not sys.platform.startswith("linux"):
        pytest.skip("RLIMIT_AS is enforced on Linux")
    with open(tmp_path / "big.txt", "wb") as handle:
        handle.truncate(1 << 30)
    write(tmp_path / "good.txt", GOOD)

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (384 << 20, 384 << 20))

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "replylint", *args, "big.txt", "good.txt"],
            cwd=tmp_path,
            preexec_fn=limit_memory,  # noqa: PLW1509 - no threads here; the limit must apply before exec
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    refused = run()
    raised = run("--max-file-size", "2048")
    fixed = run("--max-file-size", "2048", "--fix")

    assert (refused.returncode, refused.stdout.splitlines()) == (2, [GOOD_LINE, ONE_FAILED])
    assert refused.stderr == "big.txt: file too large (1 GB; the limit is 64 MB, see --max-file-size)\n"
    assert (raised.returncode, raised.stdout.splitlines()) == (2, [GOOD_LINE, ONE_FAILED])
    assert raised.stderr == "big.txt: binary file, not text (NUL byte at offset 0)\n"
    assert (fixed.returncode, fixed.stdout.splitlines()) == (2, [GOOD_LINE, ONE_FAILED])
    assert fixed.stderr == "big.txt: not enough memory to read this file (1 GB)\nfixed 0 problems\n"


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "gitlab"])
def test_a_file_name_that_is_not_utf8(tmp_path: Path, fmt: str) -> None:
    """A file named in Latin-1 (`r\\xe9ply.txt`) under a UTF-8 locale, where Python's output is
    strict: every report is written, to stdout and to --output-file, without a traceback; text
    shows U+FFFD for the byte, JSON its escape (which reads back as the name), SARIF the byte in
    its URI."""
    if not sys.platform.startswith("linux"):
        pytest.skip("a file name of any bytes is a POSIX file system's")
    name = os.fsdecode(b"r\xe9ply.txt")
    (tmp_path / name).write_text(GOOD, encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
        return subprocess.run(
            [sys.executable, "-m", "replylint", "--format", fmt, *args, "."],
            cwd=tmp_path,
            capture_output=True,
            encoding="utf-8",
            env=env,
            check=False,
        )

    out = run()
    to_file = run("--output-file", "report.out")
    assert (out.returncode, out.stderr, to_file.returncode, to_file.stderr) == (1, "", 1, "")
    written = (tmp_path / "report.out").read_text(encoding="utf-8")
    assert written == out.stdout
    if fmt in ("json", "gitlab"):
        assert name in out.stdout.replace("\\udce9", "\udce9")  # escaped in the JSON text
    if fmt == "json":
        import json

        assert json.loads(out.stdout)["files"][0]["path"] == name
    elif fmt == "sarif":
        assert '"uri":"r%E9ply.txt"' in out.stdout
    elif fmt in ("text", "github"):
        assert "r\ufffdply.txt" in out.stdout


def test_a_baseline_keeps_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("a file name of any bytes is a POSIX file system's")
    (tmp_path / os.fsdecode(b"r\xe9ply.txt")).write_text(GOOD, encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "replylint", *args, "."]
        return subprocess.run(command, cwd=tmp_path, capture_output=True, encoding="utf-8", env=env, check=False)

    written = run("--write-baseline", "baseline.json")
    assert (written.returncode, written.stderr) == (0, "wrote 1 finding to baseline.json\n")
    checked = run("--baseline", "baseline.json")
    assert (checked.returncode, checked.stdout) == (0, "no problems in 1 file\n")


# --------------------------------------------------------------------------- docs/bad-input.md


_NODE = re.compile(r"`(tests/[\w/]+\.py)::(\w+)(?:\[([^\]]+)\])?`")


def doc_rows() -> list[list[str]]:
    """The cells of each row of the doc's tables (header and separator rows left out)."""
    lines = DOC.read_text(encoding="utf-8").splitlines()
    rows = []
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        if line.startswith("|") and not line.startswith("|---") and not following.startswith("|---"):
            rows.append([cell.strip().replace("\\|", "|") for cell in line.strip().strip("|").split(" | ")])
    return rows


def test_the_doc_and_the_table_agree() -> None:
    """Every row here is in the doc, with its exact message and exit code; every test the doc names exists."""
    by_id = {row.id: row for row in ROWS}
    documented: set[str] = set()
    for cells in doc_rows():
        assert len(cells) == 5, cells  # input | what replylint does | message | exit | test
        _, _, message, code, test = cells
        nodes = _NODE.findall(test)
        assert nodes, f"no test named in {cells}"
        for file, function, param in nodes:
            if file == "tests/test_bad_input.py" and function == "test_bad_input":
                row = by_id.get(param)
                assert row is not None, f"docs/bad-input.md names a row that is not in ROWS: {param}"
                documented.add(param)
                assert code.split()[0] == str(row.code), param
                if row.stderr:
                    assert message == f"`{row.stderr.format(here=DOC_FOLDER)}`", param
                    continue
                assert message.startswith("none"), param
                for quoted in re.findall(r"`([^`]+)`", message):  # report lines the doc quotes
                    for piece in quoted.split("..."):
                        assert piece in "\n".join(row.report or ()), (param, piece)
            else:
                source = (REPO / file).read_text(encoding="utf-8")
                assert re.search(rf"^def {function}\(", source, re.MULTILINE), f"{file}::{function} does not exist"
                if message.startswith("`"):  # the message after its file name is in that test (perhaps an f-string)
                    text = message.strip("`").replace(DOC_FOLDER, "{here}").split(": ", 1)[-1]
                    for piece in text.split("..."):  # "..." stands for a part the test does not spell out
                        assert piece in source, (file, message, piece)
    assert documented == set(by_id), f"rows missing from docs/bad-input.md: {sorted(set(by_id) - documented)}"
