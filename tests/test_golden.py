"""Golden tests: the CLI's reports for every draft in examples/.

For each example the JSON report (`replylint --format json PATH`) and the text
report (`replylint --format text --color never PATH`) are compared with
tests/golden/<PATH with "/" replaced by "__">.json / .txt, where PATH is the
path relative to the repository root, exactly as passed to the CLI.

The JSON golden files store `tool.version` as "<version>" so that a version bump
alone does not change them; everything else is the CLI's output byte for byte.

After an intended change to the rules, the examples or the report formats,
regenerate the golden files and review the diff:

    REPLYLINT_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
    git diff tests/golden

Besides the byte-for-byte comparison this checks what the examples are for: the
good drafts have no finding at warning level or above; the bad drafts between
them have findings in every core category; no finding lies in text that is not
the agent's own prose (quoted history, signatures, code, URLs, placeholders);
that protection is not vacuous (the protected text would be flagged as prose);
and every suppression comment in the examples suppresses something.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from replylint.cli import main
from replylint.document import RegionKind, Span
from replylint.formats import EXTENSIONS, format_for, parse

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
GOLDEN = REPO / "tests" / "golden"
UPDATE_VARIABLE = "REPLYLINT_UPDATE_GOLDEN"
UPDATE = os.environ.get(UPDATE_VARIABLE) == "1"
REGENERATE = f"{UPDATE_VARIABLE}=1 python -m pytest tests/test_golden.py"

# Every example is one or the other; a new example must be added to one set.
GOOD = frozenset(
    {
        "examples/refund-delay-good.txt",
        "examples/outage-update-good.md",
        "examples/macros/password-reset.liquid",
        "examples/macros/shipping-replies-good.yaml",
    }
)
BAD = frozenset(
    {
        "examples/refund-delay-bad.txt",
        "examples/outage-update-bad.md",
        "examples/macros/order-missing.liquid",
        "examples/macros/zendesk-macros.json",
        "examples/macros/osticket-responses.yaml",
        "examples/macros/saved-replies.csv",
        "examples/macros/outage-notice.html",
    }
)
CORE_CATEGORIES = ("jargon", "blame", "apology", "next-steps", "promise")
AT_LEAST_WARNING = ("warning", "error")

# Text the agent did not write, or that is not words: no finding may touch it.
NOT_PROSE = (
    RegionKind.QUOTE,
    RegionKind.SIGNATURE,
    RegionKind.CODE,
    RegionKind.URL,
    RegionKind.EMAIL,
    RegionKind.PLACEHOLDER,
    RegionKind.TEMPLATE_TAG,
    RegionKind.COMMENT,
    RegionKind.MARKUP,
    RegionKind.FRONT_MATTER,
)
# Suppression findings point at the comment that holds the directive.
DIRECTIVE_KINDS = (RegionKind.COMMENT, RegionKind.TEMPLATE_TAG)

# Protected text in the examples that the rules would flag if it were prose:
# (example, region kinds that must contain it, text in the example, the same words as prose).
BAIT = (
    (
        "examples/macros/outage-notice.html",
        (RegionKind.MARKUP,),
        "Per the SLA, escalate to L2",
        "Per the SLA, escalate to L2.",
    ),
    ("examples/macros/outage-notice.html", (RegionKind.CODE,), "the SLA banner is hidden", "The SLA banner is hidden."),
    (
        "examples/macros/outage-notice.html",
        (RegionKind.COMMENT,),
        "root cause was a bad failover config",
        "The root cause was a bad failover config.",
    ),
    (
        "examples/macros/outage-notice.html",
        (RegionKind.MARKUP, RegionKind.URL),
        "4410-root-cause-failover",
        "The root cause was a failover.",
    ),
    (
        "examples/macros/outage-notice.html",
        (RegionKind.QUOTE,),
        "Per the SLA you owe us a credit",
        "Per the SLA you owe us a credit.",
    ),
    ("examples/refund-delay-bad.txt", (RegionKind.QUOTE,), "Please sort this out ASAP", "Please sort this out ASAP."),
    (
        "examples/refund-delay-bad.txt",
        (RegionKind.QUOTE,),
        "whenever they get around to it",
        "We'll fix it whenever they get around to it.",
    ),
    ("examples/refund-delay-bad.txt", (RegionKind.SIGNATURE,), "L2 Support", "Marco, L2 Support."),
    ("examples/refund-delay-good.txt", (RegionKind.QUOTE,), "Please sort this out ASAP", "Please sort this out ASAP."),
    ("examples/refund-delay-good.txt", (RegionKind.URL,), "view=RMA&order", "Your RMA is ready."),
    (
        "examples/outage-update-bad.md",
        (RegionKind.CODE,),
        "the cron job will retry after the hotfix propagates",
        "The cron job will retry after the hotfix propagates.",
    ),
    ("examples/outage-update-bad.md", (RegionKind.CODE,), "`Retry failed sync job`", "The sync job failed."),
    ("examples/outage-update-bad.md", (RegionKind.URL, RegionKind.MARKUP), "query=SLA+credits", "See the SLA credits."),
    (
        "examples/outage-update-bad.md",
        (RegionKind.COMMENT,),
        "Don't mention the SLA credit",
        "Don't mention the SLA credit.",
    ),
    (
        "examples/outage-update-good.md",
        (RegionKind.CODE,),
        "the cron job will retry after the hotfix propagates",
        "The cron job will retry after the hotfix propagates.",
    ),
    (
        "examples/outage-update-good.md",
        (RegionKind.CODE,),
        "`export-2024-06-04-hotfix-rerun.csv`",
        "The hotfix rerun is done.",
    ),
    (
        "examples/outage-update-good.md",
        (RegionKind.URL, RegionKind.MARKUP),
        "query=SLA+credits",
        "See the SLA credits.",
    ),
    (
        "examples/outage-update-good.md",
        (RegionKind.COMMENT,),
        "backend failover misconfigured",
        "The backend failover was misconfigured.",
    ),
    (
        "examples/macros/order-missing.liquid",
        (RegionKind.PLACEHOLDER,),
        "the TAT from the portal",
        "Check the TAT from the portal.",
    ),
    (
        "examples/macros/password-reset.liquid",
        (RegionKind.TEMPLATE_TAG,),
        "call our API endpoints directly",
        "Developer accounts call our API endpoints directly.",
    ),
    # Libraries of templates: fields that are not the reply (descriptions, agents' notes) are markup.
    (
        "examples/macros/zendesk-macros.json",
        (RegionKind.MARKUP,),
        "per the SLA, escalate to L2",
        "Per the SLA, escalate to L2.",
    ),
    (
        "examples/macros/osticket-responses.yaml",
        (RegionKind.MARKUP,),
        "Don't mention the SLA",
        "Don't mention the SLA.",
    ),
)


def _examples() -> list[str]:
    """Example files the CLI would lint, as repository-relative POSIX paths."""
    found = [
        p.relative_to(REPO).as_posix()
        for p in EXAMPLES.rglob("*")
        if p.is_file() and p.suffix.lower() in EXTENSIONS and not p.name.startswith(".")
    ]
    return sorted(found)


EXAMPLE_PATHS = _examples()


def _golden_path(example: str, suffix: str) -> Path:
    return GOLDEN / (example.replace("/", "__") + suffix)


def _read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        text = handle.read()
    return text.removeprefix("\ufeff")  # offsets in the report are after the byte-order mark


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(text)


def _invoke(args: list[str], stdin: str | None = None) -> tuple[int, str]:
    """Run the CLI in-process; return (exit code, stdout). Anything on stderr fails the test."""
    result = CliRunner().invoke(main, args, input=stdin, env={"NO_COLOR": None})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.stderr == "", f"replylint {' '.join(args)} wrote to stderr:\n{result.stderr}"
    assert result.exit_code in (0, 1), f"replylint {' '.join(args)} exited {result.exit_code}:\n{result.stdout}"
    return result.exit_code, result.stdout


def _normalise_json(output: str) -> str:
    data = json.loads(output)
    data["tool"]["version"] = "<version>"
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _diagnostics(report: str) -> list[dict[str, Any]]:
    files = json.loads(report)["files"]
    assert len(files) == 1
    assert files[0]["error"] is None, files[0]["error"]
    return files[0]["diagnostics"]


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run with the repository root as the working directory, so paths in reports are relative."""
    monkeypatch.chdir(REPO)


_cache: dict[str, tuple[int, str]] = {}


def _json_report(example: str) -> tuple[int, str]:
    """(exit code, JSON report) for one example; the cwd must be the repository root."""
    if example not in _cache:
        _cache[example] = _invoke(["--format", "json", example])
    return _cache[example]


def _compare(golden: Path, actual: str, example: str) -> None:
    if UPDATE:
        if not golden.is_file() or _read(golden) != actual:
            _write(golden, actual)
        return
    shown = golden.relative_to(REPO).as_posix()
    if not golden.is_file():
        pytest.fail(f"golden file {shown} for {example} is missing; create it with:\n    {REGENERATE}")
    expected = _read(golden)
    if expected != actual:
        diff = list(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"{shown} (golden)",
                tofile=f"replylint output for {example}",
            )
        )
        shown_diff = "".join(diff[:120]) + ("" if len(diff) <= 120 else f"... ({len(diff) - 120} more diff lines)\n")
        pytest.fail(
            f"replylint's report for {example} differs from {shown}.\n{shown_diff}\n"
            f"If the change is intended, regenerate the golden files and review the diff:\n"
            f"    {REGENERATE}\n    git diff tests/golden",
        )


# --- the golden comparison -------------------------------------------------


def test_examples_exist() -> None:
    assert EXAMPLE_PATHS, f"no examples found under {EXAMPLES}"


@pytest.mark.parametrize("example", EXAMPLE_PATHS)
def test_json_report_matches_golden(example: str, in_repo: None) -> None:
    code, report = _json_report(example)
    assert json.loads(report)["files"][0]["path"] == example  # relative, as given
    _compare(_golden_path(example, ".json"), _normalise_json(report), example)


@pytest.mark.parametrize("example", EXAMPLE_PATHS)
def test_text_report_matches_golden(example: str, in_repo: None) -> None:
    _, report = _invoke(["--format", "text", "--color", "never", example])
    assert "\x1b[" not in report
    _compare(_golden_path(example, ".txt"), report, example)


def test_no_stale_golden_files() -> None:
    expected = {_golden_path(e, s).name for e in EXAMPLE_PATHS for s in (".json", ".txt")}
    present = [p for p in GOLDEN.glob("*") if p.is_file()] if GOLDEN.is_dir() else []
    stale = sorted(p.name for p in present if p.name not in expected)
    if UPDATE:
        for name in stale:
            (GOLDEN / name).unlink()
        return
    assert not stale, f"golden files with no example in examples/: {stale}; remove them with:\n    {REGENERATE}"


# --- what the examples are for ---------------------------------------------


def test_every_example_is_classified() -> None:
    found = set(EXAMPLE_PATHS)
    assert not GOOD & BAD
    assert found - GOOD - BAD == set(), "add new examples to GOOD or BAD in tests/test_golden.py"
    assert (GOOD | BAD) - found == set(), "examples listed in GOOD or BAD are missing from examples/"


@pytest.mark.parametrize("example", sorted(GOOD))
def test_good_example_has_no_warnings(example: str, in_repo: None) -> None:
    code, report = _json_report(example)
    serious = [
        f"{d['start']['line']}:{d['start']['column']} {d['rule']} {d['text']!r}"
        for d in _diagnostics(report)
        if d["severity"] in AT_LEAST_WARNING
    ]
    assert not serious, f"{example} is a good example but has findings at warning or above: {serious}"
    assert code == 0


@pytest.mark.parametrize("example", sorted(BAD))
def test_bad_example_fails(example: str, in_repo: None) -> None:
    code, report = _json_report(example)
    assert any(d["severity"] in AT_LEAST_WARNING for d in _diagnostics(report)), f"{example} has no warnings"
    assert code == 1


def test_bad_examples_cover_every_core_category(in_repo: None) -> None:
    seen = {
        d["category"]
        for example in sorted(BAD)
        for d in _diagnostics(_json_report(example)[1])
        if d["severity"] in AT_LEAST_WARNING
    }
    missing = [c for c in CORE_CATEGORIES if c not in seen]
    assert not missing, f"no warning in categories {missing} across the bad examples (seen: {sorted(seen)})"


@pytest.mark.parametrize("example", EXAMPLE_PATHS)
def test_no_finding_outside_the_agents_prose(example: str, in_repo: None) -> None:
    text = _read(REPO / example)
    regions = parse(text, format_for(example)).regions
    problems = []
    for d in _diagnostics(_json_report(example)[1]):
        span = Span(d["start"]["offset"], d["end"]["offset"])
        assert text[span.start : span.end] == d["text"], f"offsets of {d['rule']} do not match its text"
        if d["rule"].startswith("suppression-"):
            if not any(r.kind in DIRECTIVE_KINDS and r.span.contains(span) for r in regions):
                problems.append(f"{d['rule']} at {d['start']['line']}:{d['start']['column']} is not on a comment")
            continue
        for region in regions:
            if region.kind in NOT_PROSE and region.span.overlaps(span):
                problems.append(
                    f"{d['rule']} {d['text']!r} at {d['start']['line']}:{d['start']['column']} lies in "
                    f"{region.kind.value} {text[region.span.start : region.span.end][:60]!r}"
                )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("example", "kinds", "needle", "prose"), BAIT, ids=[f"{b[0]}:{b[2]}" for b in BAIT])
def test_protected_text_would_be_flagged_as_prose(
    example: str, kinds: tuple[RegionKind, ...], needle: str, prose: str, in_repo: None
) -> None:
    """The region tests above mean something only if the protected text holds words the rules flag."""
    text = _read(REPO / example)
    at = text.find(needle)
    assert at >= 0, f"{needle!r} is no longer in {example}; update BAIT in tests/test_golden.py"
    span = Span(at, at + len(needle))
    regions = parse(text, format_for(example)).regions
    assert any(r.kind in kinds and r.span.contains(span) for r in regions), (
        f"{needle!r} in {example} is not inside a {'/'.join(k.value for k in kinds)} region"
    )
    _, report = _invoke(["--format", "json", "--stdin-filename", "bait.txt", "-"], stdin=prose + "\n")
    assert _diagnostics(report), f"{prose!r} is not flagged as prose, so it does not test {example}'s protection"


_DIRECTIVE_LINE = re.compile(r"^.*replylint-disable-next-line\s+([a-z0-9-]+).*\n", re.MULTILINE)


@pytest.mark.parametrize("example", [e for e in EXAMPLE_PATHS if "replylint-disable" in _read(REPO / e)])
def test_suppressions_are_used(example: str, in_repo: None) -> None:
    """Each replylint-disable-next-line in the examples hides a real finding of the rule it names."""
    text = _read(REPO / example)
    findings = _diagnostics(_json_report(example)[1])
    noted = [f"{d['start']['line']}: {d['message']}" for d in findings if d["rule"].startswith("suppression-")]
    assert not noted, f"{example}: {noted}"
    for match in _DIRECTIVE_LINE.finditer(text):
        rule = match.group(1)
        without = text[: match.start()] + text[match.end() :]
        _, report = _invoke(["--format", "json", "--stdin-filename", example, "-"], stdin=without)
        before = sum(d["rule"] == rule for d in findings)
        after = sum(d["rule"] == rule for d in _diagnostics(report))
        line = text.count("\n", 0, match.start()) + 1
        assert after > before, (
            f"the {rule} directive on line {line} of {example} hides nothing: removing it changes nothing"
        )
