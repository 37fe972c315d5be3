"""benchmarks/compare: the parts that need no install, no network and no clock.

The input generator (files of a given mean size built from a corpus), how a
run is judged (a crash is not a timed success), the table and the README
rewrite. The scripts are not a package: their folder is put on sys.path.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

COMPARE = Path(__file__).resolve().parents[1] / "benchmarks" / "compare"


@pytest.fixture
def compare(monkeypatch: pytest.MonkeyPatch) -> dict[str, ModuleType]:
    monkeypatch.syspath_prepend(str(COMPARE))
    import inputs
    import measure
    import report

    return {"inputs": inputs, "measure": measure, "report": report}


def fake_corpus(path: Path, texts: list[str]) -> Path:
    lines = [json.dumps({"id": f"fake-{n}", "text": text}) for n, text in enumerate(texts)]
    path.write_text("\n".join([*lines[:2], "", json.dumps({"id": "no-text"}), *lines[2:]]) + "\n", encoding="utf-8")
    return path


def test_reply_files_have_the_mean_size_and_hold_whole_replies(compare: dict[str, ModuleType], tmp_path: Path) -> None:
    texts = [f"Reply {n}: " + "word " * (5 + (n * 37) % 90) + "caf\u00e9." for n in range(40)]
    corpus = fake_corpus(tmp_path / "replies.jsonl", texts)
    folder = compare["inputs"].write_replies(tmp_path / "out", corpus, 200, mean_bytes=300)
    files = sorted((tmp_path / "out").iterdir())
    assert [f.name for f in files] == [f"reply-{n:05d}.txt" for n in range(1, 201)]
    assert folder.names == tuple(f.name for f in files)
    sizes = [len(f.read_bytes()) for f in files]
    assert folder.total_bytes == sum(sizes)
    assert abs(folder.mean_bytes - 300) < 3
    known = {t.strip() for t in texts}
    for f in files:
        body = f.read_text(encoding="utf-8")
        assert body.endswith("\n") and not body.endswith("\n\n")
        assert set(body[:-1].split("\n\n")) <= known


def test_a_corpus_without_texts_is_an_error(compare: dict[str, ModuleType], tmp_path: Path) -> None:
    corpus = tmp_path / "empty.jsonl"
    corpus.write_text('{"id": "a", "text": "  "}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"empty\.jsonl: no records with text"):
        compare["inputs"].write_replies(tmp_path / "out", corpus, 3)


def test_a_broken_record_is_named_by_line(compare: dict[str, ModuleType], tmp_path: Path) -> None:
    corpus = tmp_path / "broken.jsonl"
    corpus.write_text('{"id": "a", "text": "Hello there."}\n\n{"id": "b", "text": \n', encoding="utf-8")
    with pytest.raises(
        ValueError, match=r"broken\.jsonl:3: not a JSON record \(Expecting value: line 1 column 20 \(char 19\)\)$"
    ):
        compare["inputs"].corpus_texts(corpus)


def test_the_draft_is_copied_byte_for_byte(compare: dict[str, ModuleType], tmp_path: Path) -> None:
    draft = tmp_path / "draft-1k.txt"
    draft.write_bytes("Hi Dana,\r\n\r\nSorry \u2014 it's late.\r\n".encode())
    folder = compare["inputs"].write_draft(tmp_path / "in", draft)
    assert folder.names == ("draft-1k.txt",)
    assert (tmp_path / "in" / "draft-1k.txt").read_bytes() == draft.read_bytes()
    assert folder.mean_bytes == len(draft.read_bytes())


def test_a_run_counts_findings_and_keeps_the_exit_code(compare: dict[str, ModuleType], tmp_path: Path) -> None:
    script = "import sys; print('a.txt:3:7: bad'); print('summary'); sys.stderr.write('x.txt\\n  2:1 warning\\n'); sys.exit(1)"
    sample = compare["measure"].run([sys.executable, "-c", script], tmp_path, tmp_path / "run", 60.0)
    assert (sample.exit_code, sample.findings, sample.killed, sample.first_error) == (1, 2, False, "x.txt")
    assert sample.largest_kb > 0 and sample.tree_kb >= sample.largest_kb


def make_sample(compare: dict[str, ModuleType], seconds: float, **fields: object) -> object:
    values: dict[str, object] = dict(
        seconds=seconds, tree_kb=2048, largest_kb=1024, exit_code=1, killed=False, findings=5, first_error=""
    )
    values.update(fields)
    return compare["measure"].Sample(**values)


def test_a_crash_is_a_failure_not_a_timed_run(compare: dict[str, ModuleType]) -> None:
    failure_of = compare["report"].failure_of
    ok = frozenset({0, 1})
    assert failure_of(make_sample(compare, 1.0), ok) == ""
    assert failure_of(make_sample(compare, 1.0, exit_code=0, findings=0), ok) == ""
    crash = make_sample(compare, 1.0, exit_code=1, findings=0, first_error="TypeError: boom")
    assert failure_of(crash, ok) == "exit 1: TypeError: boom"
    assert failure_of(make_sample(compare, 1.0, exit_code=2), ok) == "exit 2"
    assert failure_of(make_sample(compare, 1.0, exit_code=255), frozenset({0, 255})) == ""
    assert failure_of(make_sample(compare, 9.0, exit_code=-9, killed=True), ok) == "killed"


def test_the_table_gives_ratios_to_replylint_and_marks_killed_runs(compare: dict[str, ModuleType]) -> None:
    report = compare["report"]

    def cell(tool: str, times: list[float], failure: str = "") -> object:
        samples = tuple(make_sample(compare, t) for t in times)
        warmup = make_sample(compare, 600.1, exit_code=-9, killed=True) if failure else samples[0]
        return report.Cell(tool, 1000, "1,000 files", warmup, samples, failure, 600.0)

    cells = [cell("replylint", [0.5, 0.4, 2.0]), cell("proselint", [4.0, 5.0, 6.0]), cell("alex", [], "killed")]
    lines = report.table(cells, {"replylint": "0.1.0", "proselint": "0.16.0"}).splitlines()
    assert lines[0].count("|") == lines[1].count("|") == 11
    assert lines[2] == "| replylint | 0.1.0 | 1,000 files | 3 | 0.500 | 2,000.0 | 2.0 | 1.0 | 1.0x | 5 |"
    assert lines[3] == "| proselint | 0.16.0 | 1,000 files | 3 | 5.000 | 200.0 | 2.0 | 1.0 | 10.0x | 5 |"
    assert lines[4] == "| alex | ? | 1,000 files | 0 | > 600 s (killed) | < 1.7 | >= 2.0 | >= 1.0 | > 1,200x | - |"


def test_write_readme_replaces_only_what_is_between_the_markers(compare: dict[str, ModuleType], tmp_path: Path) -> None:
    report = compare["report"]
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\n{report.START}\nold table\n{report.END}\n\nAfter.\n", encoding="utf-8")
    report.write_readme(readme, "new table\n")
    assert readme.read_text(encoding="utf-8") == f"# Title\n\n{report.START}\nnew table\n{report.END}\n\nAfter.\n"
    readme.write_text("no markers\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no <!-- compare:results:start --> ... <!-- compare:results:end --> markers"):
        report.write_readme(readme, "x\n")
