"""Baselines: --write-baseline records today's findings, --baseline reports only new ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers import run, write

from replylint import baseline
from replylint.cli import main
from replylint.diagnostics import Diagnostic, FileResult, Severity
from replylint.document import LineIndex, Span
from replylint.runner import Overrides, Session

REFUND = "Hi Sam,\n\nOur TAT is two days.\nYou should have backed up your files.\n\nBest wishes,\nAlex\n"
ORDER = "Hi {{ first_name }},\n\nOur TAT is five days.\n\nI have refunded your order today.\n\nBest,\nAlex\n"
OUTAGE = "# Update\n\nHi Sam,\n\nWe pushed a hotfix this morning.\n\nBest,\nAlex\n"

TAT = (
    "{where}: warning jargon-acronym 'TAT' is internal shorthand the customer may not know: "
    '"TAT" -> "turnaround time"'
)
SHRINK_HINT = "run with --write-baseline to shrink the baseline"


@pytest.fixture
def library(here: Path) -> Path:
    """Three drafts with four findings: TAT and blame in refund.txt, TAT in the template, hotfix (info) in outage.md."""
    write(here / "lib/refund.txt", REFUND)
    write(here / "lib/macros/order.liquid", ORDER)
    write(here / "lib/outage.md", OUTAGE)
    result = run("--write-baseline", "baseline.json", "lib")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "wrote 4 findings to baseline.json\n")
    return here


def entries(path: Path) -> list[tuple[str, str, str, int]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [(p, e["rule"], e["match"], e["count"]) for p, items in data["files"].items() for e in items]


# --------------------------------------------------------------------------- writing


def test_write_baseline_records_every_finding_sorted_and_pretty(library: Path) -> None:
    text = (library / "baseline.json").read_text(encoding="utf-8")
    assert entries(library / "baseline.json") == [
        ("lib/macros/order.liquid", "jargon-acronym", "TAT", 1),
        ("lib/outage.md", "jargon-technical", "hotfix", 1),
        ("lib/refund.txt", "blame-accusatory", "You should have", 1),
        ("lib/refund.txt", "jargon-acronym", "TAT", 1),
    ]
    assert text.startswith(
        '{\n  "version": 1,\n  "tool": "replylint",\n  "files": {\n    "lib/macros/order.liquid": [\n'
    )
    fingerprint = json.loads(text)["files"]["lib/outage.md"][0]["fingerprint"]
    assert len(fingerprint) == 16 and int(fingerprint, 16) >= 0
    assert '"line"' not in text  # line numbers are not part of a baseline


def test_writing_again_gives_the_same_bytes(library: Path) -> None:
    before = (library / "baseline.json").read_bytes()
    assert run("--write-baseline", "baseline.json", "lib").exit_code == 0
    assert (library / "baseline.json").read_bytes() == before


def test_write_baseline_exits_0_whatever_the_findings_and_reports_nothing(here: Path) -> None:
    write(here / "reply.txt", REFUND)
    result = run("--write-baseline", "b.json", "--format", "json", "reply.txt")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "wrote 2 findings to b.json\n")


def test_write_baseline_with_an_unreadable_file_writes_the_rest_and_exits_2(here: Path) -> None:
    write(here / "lib/refund.txt", REFUND)
    (here / "lib/broken.txt").write_bytes(b"Hi \xff there\n")
    result = run("--write-baseline", "b.json", "lib")
    assert result.exit_code == 2
    assert result.stderr == "lib/broken.txt: not UTF-8 text (byte 0xff at offset 3)\nwrote 2 findings to b.json\n"
    assert [e[0] for e in entries(here / "b.json")] == ["lib/refund.txt", "lib/refund.txt"]


def test_paths_are_relative_to_the_baseline_files_folder(here: Path) -> None:
    write(here / "lib/refund.txt", REFUND)
    write(here / "ci/.keep", "")
    assert run("--write-baseline", "ci/baseline.json", "lib/refund.txt").exit_code == 0
    assert {e[0] for e in entries(here / "ci/baseline.json")} == {"../lib/refund.txt"}


def test_cannot_write_baseline(here: Path) -> None:
    write(here / "reply.txt", REFUND)
    result = run("--write-baseline", "missing/b.json", "reply.txt")
    assert (result.exit_code, result.stderr) == (
        2,
        "missing/b.json: cannot write baseline (no such file or directory)\n",
    )


def test_write_baseline_with_diff_is_a_usage_error(here: Path) -> None:
    write(here / "reply.txt", REFUND)
    result = run("--write-baseline", "b.json", "--diff", "reply.txt")
    assert result.exit_code == 2
    assert "Error: --write-baseline cannot be combined with --diff" in result.stderr
    assert not (here / "b.json").exists()


# --------------------------------------------------------------------------- matching


def test_baseline_hides_every_known_finding(library: Path) -> None:
    result = run("--baseline", "baseline.json", "lib")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "no problems in 3 files\n", "")


def test_moved_lines_still_match_and_only_the_new_finding_is_reported(library: Path) -> None:
    write(
        library / "lib/refund.txt",
        "Ticket 4471\n\n\nHi Sam,\n\nThanks for your patience.\nOur TAT is two days.\n\n"
        "Please note:\nYou should have backed up your files.\nIt is all in our FAQ, the TAT is listed there too.\n"
        "\nBest wishes,\nAlex\n",
    )
    write(library / "lib/outage.md", "# Update\n\nHi Sam,\n\nSorry for the wait.\n\n" + OUTAGE.split("\n\n", 2)[2])
    result = run("--baseline", "baseline.json", "lib")
    assert result.exit_code == 1
    assert result.stdout == (TAT.format(where="lib/refund.txt:11:27") + "\n1 problem (0 errors, 1 warning) in 1 file\n")
    assert result.stderr == ""


def test_the_exit_code_depends_only_on_new_findings(library: Path) -> None:
    write(library / "lib/outage.md", OUTAGE + "\nThe hotfix is live.\n")  # a second info finding
    assert run("lib").exit_code == 1  # the warnings of the baselined files
    result = run("--baseline", "baseline.json", "lib")
    assert result.exit_code == 0
    assert result.stdout.startswith("lib/outage.md:10:5: info jargon-technical 'hotfix'")
    assert result.stdout.endswith("\n1 problem (0 errors, 0 warnings, 1 info) in 1 file\n")


def test_a_removed_finding_is_reported_as_fixed(library: Path) -> None:
    write(library / "lib/refund.txt", REFUND.replace("You should have backed up your files.\n", ""))
    result = run("--baseline", "baseline.json", "lib")
    assert (result.exit_code, result.stdout) == (0, "no problems in 3 files\n")
    assert result.stderr == f"1 baseline entry no longer matches (fixed); {SHRINK_HINT}\n"


def test_findings_of_files_not_linted_in_this_run_are_not_fixed(library: Path) -> None:
    result = run("--baseline", "baseline.json", "lib/outage.md")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "no problems in 1 file\n", "")


def test_write_baseline_with_baseline_only_drops_what_no_longer_matches(library: Path) -> None:
    write(library / "lib/refund.txt", "Hi Sam,\n\nOur TAT is two days.\nKindly revert.\n\nBest wishes,\nAlex\n")
    result = run("--baseline", "baseline.json", "--write-baseline", "baseline.json", "lib")
    assert result.exit_code == 1  # the new finding is still reported, and not added
    assert result.stdout.startswith("lib/refund.txt:4:1: warning jargon-corporate 'Kindly revert'")
    assert result.stderr == "wrote 3 findings to baseline.json (1 no longer matched)\n"
    assert entries(library / "baseline.json") == [
        ("lib/macros/order.liquid", "jargon-acronym", "TAT", 1),
        ("lib/outage.md", "jargon-technical", "hotfix", 1),
        ("lib/refund.txt", "jargon-acronym", "TAT", 1),
    ]


def test_only_the_run_files_are_shrunk(library: Path) -> None:
    write(library / "lib/refund.txt", "Hi Sam,\n\nThanks, all done.\n\nBest wishes,\nAlex\n")
    result = run("--baseline", "baseline.json", "--write-baseline", "baseline.json", "lib/refund.txt")
    assert result.stderr == "wrote 2 findings to baseline.json (2 no longer matched)\n"
    assert [e[0] for e in entries(library / "baseline.json")] == ["lib/macros/order.liquid", "lib/outage.md"]


def test_shrinking_into_another_folder_rebases_the_paths(library: Path) -> None:
    write(library / "ci/.keep", "")
    result = run("--baseline", "baseline.json", "--write-baseline", "ci/new.json", "lib")
    assert (result.exit_code, result.stderr) == (0, "wrote 4 findings to ci/new.json\n")
    assert [e[0] for e in entries(library / "ci/new.json")] == [
        "../lib/macros/order.liquid",
        "../lib/outage.md",
        "../lib/refund.txt",
        "../lib/refund.txt",
    ]
    assert run("--baseline", "ci/new.json", "lib").exit_code == 0


def test_duplicates_are_counted(here: Path) -> None:
    write(here / "reply.txt", "Hi Sam,\n\nOur TAT is two days.\nOur TAT is two days.\n")
    assert run("--write-baseline", "b.json", "reply.txt").stderr == "wrote 2 findings to b.json\n"
    assert entries(here / "b.json") == [("reply.txt", "jargon-acronym", "TAT", 2)]

    write(here / "reply.txt", "Hi Sam,\n\nOur TAT is two days.\nOur TAT is two days.\nOur TAT is two days.\n")
    result = run("--baseline", "b.json", "reply.txt")  # 2 in the baseline, 3 now: 1 new (the last one)
    assert result.exit_code == 1
    assert result.stdout == TAT.format(where="reply.txt:5:5") + "\n1 problem (0 errors, 1 warning) in 1 file\n"

    write(here / "reply.txt", "Hi Sam,\n\nOur TAT is two days.\n")
    result = run("--baseline", "b.json", "reply.txt")
    assert (result.exit_code, result.stdout) == (0, "no problems in 1 file\n")
    assert result.stderr == f"1 baseline entry no longer matches (fixed); {SHRINK_HINT}\n"


def test_a_moved_file_has_new_findings_and_its_old_entries_are_fixed(library: Path) -> None:
    (library / "lib/archive").mkdir()
    (library / "lib/refund.txt").rename(library / "lib/archive/refund.txt")
    result = run("--baseline", "baseline.json", "lib")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        TAT.format(where="lib/archive/refund.txt:3:5"),
        "lib/archive/refund.txt:4:1: warning blame-accusatory 'You should have' blames the customer (try: Instead of "
        "'You should have backed up', try 'To keep this from happening again, you can turn on automatic backups')",
        "2 problems (0 errors, 2 warnings) in 1 file",
    ]
    assert result.stderr == f"2 baseline entries no longer match (fixed); {SHRINK_HINT}\n"


def test_the_library_and_its_baseline_can_move_together_and_run_from_anywhere(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (library / "lib").rename(library / "moved")
    (library / "baseline.json").rename(library / "moved/baseline.json")
    text = (library / "moved/baseline.json").read_text(encoding="utf-8").replace('"lib/', '"')
    (library / "moved/baseline.json").write_text(text, encoding="utf-8")
    monkeypatch.chdir(library / "moved/macros")
    result = run("--baseline", "../baseline.json", "..")  # the walk reaches baseline.json and leaves it out
    assert (result.exit_code, result.stdout, result.stderr) == (0, "no problems in 3 files\n", "")


def test_same_words_in_another_template_do_not_match(library: Path) -> None:
    write(library / "lib/macros/order.liquid", ORDER + "\n{% if late %}Our TAT is five days.{% endif %}\n")
    result = run("--baseline", "baseline.json", "lib")
    assert result.stdout.splitlines()[0] == TAT.format(where="lib/macros/order.liquid:10:18")


MACRO = '  {{"title": "{title}", "body": "Hi {{{{name}}}},\\n\\n{text}\\n\\nBest,\\nAlex"}}'


def macros(*templates: tuple[str, str]) -> str:
    return '{"macros": [\n' + ",\n".join(MACRO.format(title=t, text=x) for t, x in templates) + "\n]}\n"


def test_findings_in_a_template_library_are_keyed_by_template(here: Path) -> None:
    refund = ("Refund delay", "Our TAT is two days.\\nYou should have backed up your files.")
    late = ("Order late", "Our TAT is two days.")
    write(here / "macros.json", macros(refund, late))
    assert run("--write-baseline", "baseline.json", ".").stderr == "wrote 3 findings to baseline.json\n"
    templates = [e.get("template") for e in json.loads((here / "baseline.json").read_text())["files"]["macros.json"]]
    assert templates == ["Refund delay", "Order late", "Refund delay"]

    # A new template above the others moves every finding; its own TAT is new, the same words elsewhere are not.
    write(here / "macros.json", macros(("Welcome", "Our TAT is two days."), late, refund))
    result = run("--baseline", "baseline.json", ".")  # the baseline file itself is walked and says nothing
    assert result.exit_code == 1
    assert result.stdout == (
        TAT.format(where="macros.json:2:53") + " [template: Welcome]\n1 problem (0 errors, 1 warning) in 1 file\n"
    )
    assert result.stderr == ""


def test_baseline_in_a_parallel_run(library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPLYLINT_PARALLEL_MIN_FILES", "1")
    write(library / "lib/outage.md", OUTAGE + "\nOur TAT is a day.\n")
    serial = run("--baseline", "baseline.json", "--jobs", "1", "lib")
    pooled = run("--baseline", "baseline.json", "--jobs", "2", "lib")
    assert serial.exit_code == pooled.exit_code == 1
    assert (
        serial.stdout
        == pooled.stdout
        == TAT.format(where="lib/outage.md:10:5") + ("\n1 problem (0 errors, 1 warning) in 1 file\n")
    )
    assert run("--write-baseline", "again.json", "--jobs", "2", "lib").exit_code == 0
    assert entries(library / "again.json") == sorted(
        [*entries(library / "baseline.json"), ("lib/outage.md", "jargon-acronym", "TAT", 1)]
    )


def test_baseline_with_json_report(library: Path) -> None:
    write(library / "lib/outage.md", OUTAGE.replace("this morning.", "this morning.\n\nOur TAT is a day."))
    result = run("--baseline", "baseline.json", "--format", "json", "lib")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    found = [(f["path"], d["rule"], d["text"], d["start"]["line"]) for f in report["files"] for d in f["diagnostics"]]
    assert found == [("lib/outage.md", "jargon-acronym", "TAT", 7)]
    assert report["summary"]["problems"] == 1
    assert report["summary"]["files"] == 3


def test_select_on_the_command_line_does_not_make_other_rules_fixed(library: Path) -> None:
    result = run("--baseline", "baseline.json", "--select", "jargon-acronym", "lib")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "no problems in 3 files\n", "")
    result = run("--baseline", "baseline.json", "--write-baseline", "baseline.json", "--ignore", "blame", "lib")
    assert result.stderr == "wrote 4 findings to baseline.json\n"


def test_baseline_after_fix_matches_what_is_left(here: Path) -> None:
    write(here / "reply.txt", REFUND.replace("two days.", "two days.\nKindly revert."))
    assert run("--write-baseline", "b.json", "reply.txt").stderr == "wrote 3 findings to b.json\n"
    result = run("--baseline", "b.json", "--fix", "reply.txt")  # the safe fix removes one; the rest are known
    assert (result.exit_code, result.stdout) == (0, "no problems in 1 file\n")
    assert result.stderr == f"fixed 1 problem\n1 baseline entry no longer matches (fixed); {SHRINK_HINT}\n"


def test_stdin_is_recorded_under_its_stdin_filename(here: Path) -> None:
    def stdin(*args: str) -> Result:
        return CliRunner().invoke(main, ["--stdin-filename", "drafts/reply.txt", *args, "-"], input=REFUND)

    assert stdin("--write-baseline", "b.json").exit_code == 0
    assert {e[0] for e in entries(here / "b.json")} == {"drafts/reply.txt"}
    result = stdin("--baseline", "b.json")
    assert (result.exit_code, result.stdout) == (0, "no problems in 1 file\n")


# --------------------------------------------------------------------------- a bad baseline file


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{'version': 1}", "b.json:1:2: invalid JSON: Expecting property name enclosed in double quotes"),
        ("", "b.json:1:1: invalid JSON: Expecting value"),
        ("[]", "b.json: not a valid replylint baseline: expected a JSON object, found a list"),
        ('{"files": {}}', "b.json: not a valid replylint baseline: missing 'version'"),
        (
            '{"version": 2, "files": {}}',
            "b.json: not a valid replylint baseline: unsupported version 2 (this replylint reads version 1)",
        ),
        (
            '{"version": 1, "files": []}',
            "b.json: not a valid replylint baseline: 'files' must be an object of paths, found a list",
        ),
        ('{"version": 1, "files": {}, "extra": 1}', "b.json: not a valid replylint baseline: extra: unknown key"),
        (
            '{"version": 1, "files": {"a.txt": [{"rule": "x", "fingerprint": "ab", "count": 0}]}}',
            'b.json: not a valid replylint baseline: files["a.txt"][0].count must be a whole number of at least 1',
        ),
        (
            '{"version": 1, "files": {"a.txt": [{"rule": "x"}]}}',
            'b.json: not a valid replylint baseline: files["a.txt"][0].fingerprint must be a non-empty string',
        ),
        (
            '{"version": 1, "files": {"a.txt": [{"rule": "x", "fingerprint": "ab", "line": 3}]}}',
            'b.json: not a valid replylint baseline: files["a.txt"][0].line: unknown key',
        ),
        (
            '{"version": 1, "files": {"a.txt": {"rule": "x"}}}',
            'b.json: not a valid replylint baseline: files["a.txt"] must be a list, found an object',
        ),
    ],
)
def test_malformed_baseline_is_one_line_and_exit_2(here: Path, content: str, message: str) -> None:
    write(here / "reply.txt", REFUND)
    write(here / "b.json", content)
    result = run("--baseline", "b.json", "reply.txt")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message + "\n")


def test_a_baseline_saved_with_a_byte_order_mark_is_read(library: Path) -> None:
    path = library / "baseline.json"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert run("--baseline", "baseline.json", "lib").exit_code == 0


def test_missing_baseline(here: Path) -> None:
    write(here / "reply.txt", REFUND)
    result = run("--baseline", "nope.json", "reply.txt")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", "nope.json: baseline file not found\n")


def test_baseline_that_is_a_folder_or_not_utf8(here: Path) -> None:
    write(here / "reply.txt", REFUND)
    (here / "dir.json").mkdir()
    (here / "latin.json").write_bytes(b'{"version": 1, "files": {"caf\xe9.txt": []}}')
    assert run("--baseline", "dir.json", "reply.txt").stderr == "dir.json: cannot read baseline (is a directory)\n"
    assert run("--baseline", "latin.json", "reply.txt").stderr == "latin.json: cannot read baseline (not UTF-8 text)\n"


# --------------------------------------------------------------------------- the pure parts


def _diagnostic(source: str, needle: str, rule: str = "jargon-acronym", template: str | None = None) -> Diagnostic:
    start = source.index(needle)
    lines = LineIndex(source)
    span = Span(start, start + len(needle))
    return Diagnostic(
        rule, "jargon", Severity.WARNING, "m", span, lines.position(span.start), lines.position(span.end), needle,
        template=template,
    )  # fmt: skip


def test_neighbourhood_is_the_match_with_a_few_words_of_its_line() -> None:
    source = "Intro line\none two three Four, five six TAT   seven (eight) nine ten eleven\nnext line\n"
    assert baseline.neighbourhood(_diagnostic(source, "TAT"), source) == "four five six [ TAT ] seven eight nine"
    source = "TAT\nnext line\n"
    assert baseline.neighbourhood(_diagnostic(source, "TAT"), source) == "[ TAT ]"


def test_fingerprint_ignores_the_line_whitespace_and_far_words_but_not_rule_or_template() -> None:
    source = "Hi,\n\nWe know that so far our TAT is two days long today.\n"
    moved = "Ticket 1\n\nHi,\n\nAs you know, we know that   So far, our TAT is two   days, and more words.\n"
    fp = baseline.fingerprint(_diagnostic(source, "TAT"), source)
    assert baseline.fingerprint(_diagnostic(moved, "TAT"), moved) == fp
    assert baseline.fingerprint(_diagnostic(source, "TAT", rule="other"), source) != fp
    assert baseline.fingerprint(_diagnostic(source, "TAT", template="Refunds"), source) != fp
    changed = source.replace("days", "weeks")
    assert baseline.fingerprint(_diagnostic(changed, "TAT"), changed) != fp


def test_a_long_match_is_fingerprinted_by_its_first_and_last_words() -> None:
    sentence = "We have looked at the account and the refund will go back to your card this week."
    source = f"Hi Sam,\n\nThanks. {sentence} Best,\n"
    assert baseline.neighbourhood(_diagnostic(source, sentence), source) == "[ we have looked ... card this week ]"
    fp = baseline.fingerprint(_diagnostic(source, sentence), source)
    edited = sentence.replace("the account", "your account closely")
    moved = f"Ticket 9\nHi Sam,\n\nThank you! {edited} Kind regards,\n"
    assert baseline.fingerprint(_diagnostic(moved, edited), moved) == fp
    ending = sentence.replace("this week", "by Friday")
    changed = source.replace(sentence, ending)
    assert baseline.fingerprint(_diagnostic(changed, ending), changed) != fp


def test_filter_returns_new_results_and_the_fixed_count(tmp_path: Path) -> None:
    source = "Our TAT is two days.\n"
    d = _diagnostic(source, "TAT")
    fp = baseline.fingerprint(d, source)
    result = FileResult(str(tmp_path / "a.txt"), diagnostics=(d, d), fingerprints=(fp, fp))
    known = baseline.Baseline((baseline.Entry("a.txt", d.rule, None, "TAT", fp, 1),))
    (new,), fixed = baseline.filter([result], known, tmp_path.resolve())
    assert (new.diagnostics, new.fingerprints, fixed) == ((d,), (fp,), 0)
    (new,), fixed = baseline.filter([result._replace(diagnostics=(), fingerprints=())], known, tmp_path.resolve())
    assert (new.diagnostics, fixed) == ((), 1)


def test_dump_and_parse_round_trip() -> None:
    known = baseline.Baseline(
        (
            baseline.Entry("b.txt", "r", "Refunds", "x", "0f", 2),
            baseline.Entry("a.txt", "r", None, "y", "1e", 1),
        )
    )
    text = baseline.dump(known)
    assert baseline.parse(text, "b.json") == baseline.Baseline(tuple(sorted(known.entries, key=lambda e: e.path)))
    assert '"template": "Refunds"' in text and text.count('"template"') == 1


def test_no_fingerprints_without_a_baseline(here: Path) -> None:
    path = write(here / "reply.txt", REFUND)
    assert Session(Overrides()).lint_file(path, "reply.txt").fingerprints == ()
    result = Session(Overrides(fingerprints=True)).lint_file(path, "reply.txt")
    assert len(result.fingerprints) == len(result.diagnostics) == 2
