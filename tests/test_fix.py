"""--fix, --unsafe-fixes and --diff: what is changed, what never is, and how files are written."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint import files
from replylint.cli import main
from replylint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from replylint.document import Position, Span
from replylint.fixer import Kept, apply_edits, fix_text

DRAFT = "Hi {{ first_name }},\nKindly revert with the date.\n> Kindly revert, you said\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_fix_applies_safe_fixes_and_keeps_protected_text(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    code, out, err = run("--fix", str(draft))
    assert (
        draft.read_text(encoding="utf-8")
        == "Hi {{ first_name }},\nPlease reply with the date.\n> Kindly revert, you said\n"
    )
    assert err.strip().endswith("fixed 1 problem")
    assert "jargon-corporate" not in out


def test_unsafe_fixes_only_when_asked(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Your RMA number is 4471.\n", encoding="utf-8")
    run("--fix", str(draft))
    assert draft.read_text(encoding="utf-8") == "Your RMA number is 4471.\n"
    run("--fix", "--unsafe-fixes", str(draft))
    assert draft.read_text(encoding="utf-8") == "Your return authorisation number is 4471.\n"


def test_fix_keeps_bom_crlf_and_mode(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_bytes(codecs.BOM_UTF8 + b"Hello,\r\nKindly revert with the date.\r\n")
    os.chmod(draft, 0o640)
    run("--fix", str(draft))
    assert draft.read_bytes() == codecs.BOM_UTF8 + b"Hello,\r\nPlease reply with the date.\r\n"
    assert draft.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["draft.txt"]  # no temporary file left


def test_diff_prints_and_writes_nothing(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    before = draft.stat().st_mtime_ns
    code, out, _ = run("--diff", str(draft))
    assert code == 1
    assert "-Kindly revert with the date.\n+Please reply with the date.\n" in out
    assert draft.read_text(encoding="utf-8") == DRAFT and draft.stat().st_mtime_ns == before


def test_diff_of_a_lone_cr_file_shows_its_lines(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_bytes(DRAFT.replace("\n", "\r").encode())
    code, out, _ = run("--diff", str(draft))
    assert code == 1
    assert "-Kindly revert with the date.\n+Please reply with the date.\n" in out
    assert "\r" not in out and "No newline" not in out


def test_diff_splits_lines_only_at_line_endings(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Page one\x0cpage two.\u2028Kindly revert with the date.\n", encoding="utf-8")
    code, out, _ = run("--diff", str(draft))
    assert code == 1
    assert out.split("\n")[-3:-1] == [
        "-Page one\x0cpage two.\u2028Kindly revert with the date.",
        "+Page one\x0cpage two.\u2028Please reply with the date.",
    ]


def test_nothing_to_fix_is_not_rewritten(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Thanks, Ana. Your refund is on its way.\n", encoding="utf-8")
    before = draft.stat().st_mtime_ns
    run("--fix", str(draft))
    assert draft.stat().st_mtime_ns == before


def test_failed_write_leaves_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", broken_replace)
    code, _, err = run("--fix", str(draft))
    assert code == 2
    assert f"{draft}: cannot write fixes (No space left on device); file left unchanged" in err
    assert draft.read_text(encoding="utf-8") == DRAFT
    assert [p.name for p in tmp_path.iterdir()] == ["draft.txt"]


def test_read_only_file_is_reported(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    os.chmod(draft, 0o444)
    code, _, err = run("--fix", str(draft))
    assert code == 2 and "cannot write fixes (permission denied)" in err
    assert draft.read_text(encoding="utf-8") == DRAFT


def _diagnostic(start: int, end: int, replacement: str) -> Diagnostic:
    span = Span(start, end)
    pos = Position(1, start + 1, start)
    fix = Fix((Edit(span, replacement),), Applicability.SAFE)
    return Diagnostic("x", "x", Severity.WARNING, "m", span, pos, pos, fix=fix)


def test_overlapping_edits_are_skipped() -> None:
    text, applied = apply_edits("abcdef", [Edit(Span(0, 3), "X"), Edit(Span(2, 4), "Y"), Edit(Span(4, 6), "Z")])
    assert (text, applied) == ("XdZ", 2)


def test_fixes_that_never_settle_leave_the_text_alone() -> None:
    # Each pass "fixes" the first character to itself plus one more: it never converges.
    result = fix_text("a", lambda text: [_diagnostic(0, 1, text[:1] + "a")])
    assert (result.text, result.settled, result.applied) == ("a", False, 0)


def test_a_later_pass_never_changes_what_was_protected_at_the_start() -> None:
    """A pass's edits can make regions read differently (an insertion between two quotation marks
    pairs them anew); a later pass is held to where the original's regions are now."""
    text = 'Say "kindly revert" now.'
    quoted = Span(4, 19)

    def lint(current: str) -> list[Diagnostic]:
        if not current.startswith("+"):
            return [_diagnostic(0, 0, "+")]  # pass 1: an insertion before the quote, allowed
        inside = current.find("kindly")  # pass 2: the quote no longer reads as one; its words offered a fix
        return [_diagnostic(inside, inside + 6, "please")] if inside >= 0 else []

    result = fix_text(text, lint, protected=[quoted])
    assert (result.text, result.applied, result.settled) == ('+Say "kindly revert" now.', 1, True)
    assert fix_text(text, lint).text == '+Say "please revert" now.'  # what happened without the original's regions


def test_kept_spans_follow_the_edits() -> None:
    kept = Kept([Span(10, 20), Span(12, 14), Span(30, 40), Span(5, 5)])
    assert kept.spans == [Span(10, 20), Span(12, 14), Span(30, 40)]  # an empty span keeps nothing
    moved = kept.moved([Edit(Span(25, 27), "xxxxx"), Edit(Span(10, 10), "ab"), Edit(Span(0, 3), "")])
    assert moved.spans == [Span(9, 19), Span(11, 13), Span(32, 42)]  # an insertion at a start goes before it
    assert not moved.allows(_diagnostic(12, 12, "z")) and not moved.allows(_diagnostic(18, 20, "z"))
    assert moved.allows(_diagnostic(9, 9, "z")) and moved.allows(_diagnostic(19, 25, "z"))


# --------------------------------------------------------------------------- insertion fixes for missing elements

ADMITS = "Hi Tom,\n\nOur warehouse packed the wrong size. A size 10 ships tomorrow.\n\nBest,\nAna\n"
NO_STEP = (
    "Hi Tess,\n\nI'm sorry the cushions were missing from your delivery. Our packers were short-staffed.\n\nBest,\nJo\n"
)


def _json_fix(tmp_path: Path, text: str, rule: str) -> dict:
    import json

    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    _, out, _ = run("--format", "json", "--select", rule, str(draft))
    (diagnostic,) = json.loads(out)["files"][0]["diagnostics"]
    return diagnostic


def test_missing_apology_offers_an_unsafe_insertion_after_the_admission(tmp_path: Path) -> None:
    diagnostic = _json_fix(tmp_path, ADMITS, "apology-missing")
    fix = diagnostic["fix"]
    assert fix["applicability"] == "unsafe"
    assert (
        fix["description"] == 'insert "I\'m sorry about that." after the admission; reword it to name what went wrong'
    )
    end = ADMITS.index("size.") + len("size.")
    assert fix["edits"] == [{"start": end, "end": end, "replacement": " I'm sorry about that."}]


def test_missing_next_step_is_reported_and_inserted_before_the_sign_off(tmp_path: Path) -> None:
    diagnostic = _json_fix(tmp_path, NO_STEP, "next-steps-missing")
    end = NO_STEP.index("short-staffed.") + len("short-staffed.")
    assert (diagnostic["start"]["offset"], diagnostic["end"]["offset"]) == (end, end)
    fix = diagnostic["fix"]
    assert fix["applicability"] == "unsafe"
    assert fix["edits"] == [{"start": end, "end": end, "replacement": " I'll send you an update by 5 pm tomorrow."}]
    assert fix["description"].startswith("insert a next step before the sign-off")


def test_insertions_apply_only_with_unsafe_fixes_and_settle(tmp_path: Path) -> None:
    admits, no_step = tmp_path / "admits.txt", tmp_path / "no-step.txt"
    admits.write_text(ADMITS, encoding="utf-8")
    no_step.write_text(NO_STEP, encoding="utf-8")
    run("--fix", str(tmp_path))
    assert (admits.read_text(encoding="utf-8"), no_step.read_text(encoding="utf-8")) == (ADMITS, NO_STEP)
    code, out, _ = run("--fix", "--unsafe-fixes", "--select", "apology-missing,next-steps-missing", str(tmp_path))
    assert admits.read_text(encoding="utf-8") == ADMITS.replace("size. A", "size. I'm sorry about that. A")
    assert no_step.read_text(encoding="utf-8") == NO_STEP.replace(
        "short-staffed.", "short-staffed. I'll send you an update by 5 pm tomorrow."
    )
    # Re-linting the fixed replies raises neither finding again.
    assert (code, out.strip()) == (0, "no problems in 2 files")


def test_insertion_after_a_sentence_without_a_full_stop(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Our courier lost your parcel\n\nA new one ships tomorrow.\n", encoding="utf-8")
    run("--fix", "--unsafe-fixes", "--select", "apology-missing", str(draft))
    assert draft.read_text(encoding="utf-8") == (
        "Our courier lost your parcel. I'm sorry about that.\n\nA new one ships tomorrow.\n"
    )


def test_diff_exits_0_when_findings_have_no_fix(tmp_path: Path) -> None:
    # "exit 1 when there is something to fix": a finding without a fix is not.
    draft = tmp_path / "d.txt"
    draft.write_text("I'm sorry about the delay with your order. These things happen during busy periods.\n")
    result = CliRunner().invoke(main, ["--diff", str(draft)])
    assert (result.stdout, result.exit_code) == ("", 0)
    assert CliRunner().invoke(main, [str(draft)]).exit_code == 1  # the finding is there
