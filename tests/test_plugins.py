"""Third-party rules through the `replylint.rules` entry-point group.

The example plugin in tests/fixtures/example-plugin is installed into the test
environment (see the README's test command). Broken plugins are never installed:
each test writes a `*.dist-info` folder and a module into tmp_path and puts
tmp_path on sys.path, which is all importlib.metadata needs to find them.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from replylint.cli import main
from replylint.plugins import load_plugins

PLUGIN_DIST = "replylint-example-plugin"
PLUGIN_RULE = "example-no-lol"

DRAFT = "Hi Sam,\n\nlol, we will respond per the SLA.\n\nThanks,\nAlex\n"


def _runner() -> CliRunner:
    try:  # click 8.1 mixes stderr into output unless told not to; 8.2+ always keeps it apart
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


def run(*args: str) -> Result:
    return _runner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def example_version() -> str:
    try:
        return importlib.metadata.version(PLUGIN_DIST)
    except importlib.metadata.PackageNotFoundError:
        pytest.fail(
            f"{PLUGIN_DIST} is not installed; run: python -m pip install -e ./tests/fixtures/example-plugin",
            pytrace=False,
        )


# --- the installed example plugin -------------------------------------------------------------


def test_plugin_rule_is_listed(example_version: str) -> None:
    result = run("rules")
    assert result.exit_code == 0, result.stderr
    rows = [line.split() for line in result.stdout.splitlines()]
    assert [PLUGIN_RULE, "tone", "warning"] in [row[:3] for row in rows]


def test_plugin_rule_origin_names_package_and_version(example_version: str) -> None:
    result = run("rules", "--format", "json")
    assert result.exit_code == 0, result.stderr
    row = next(r for r in json.loads(result.stdout) if r["id"] == PLUGIN_RULE)
    assert row["category"] == "tone"
    assert row["severity"] == "warning"
    assert "'example'" in row["origin"]
    assert "replylint_example_plugin:rules" in row["origin"]
    assert row["origin"].endswith(f"from {PLUGIN_DIST} {example_version}")


def test_explain_shows_plugin_examples_and_origin(example_version: str) -> None:
    result = run("explain", PLUGIN_RULE)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"{PLUGIN_RULE} (tone, warning)")
    assert "Bad:" in result.stdout and "Good:" in result.stdout
    assert (
        f"Defined in: 'example' (replylint_example_plugin:rules) from {PLUGIN_DIST} {example_version}" in result.stdout
    )


def test_plugin_findings_come_through(example_version: str, tmp_path: Path) -> None:
    draft = tmp_path / "reply.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    result = run("check", "--format", "json", str(draft))
    assert result.exit_code == 1, result.stdout + result.stderr
    [file] = json.loads(result.stdout)["files"]
    assert file["error"] is None
    mine = [d for d in file["diagnostics"] if d["rule"] == PLUGIN_RULE]
    assert len(mine) == 1
    assert mine[0]["category"] == "tone"
    assert mine[0]["severity"] == "warning"
    assert (mine[0]["start"]["line"], mine[0]["start"]["column"]) == (3, 1)
    # the first-party rules still run alongside the plugin's
    assert "jargon-acronym" in {d["rule"] for d in file["diagnostics"]}


def test_plugin_rules_can_be_selected_and_ignored(example_version: str, tmp_path: Path) -> None:
    draft = tmp_path / "reply.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    selected = run("check", "--select", "tone", str(draft))
    assert selected.exit_code == 1
    assert PLUGIN_RULE in selected.stdout and "jargon-acronym" not in selected.stdout
    ignored = run("check", "--ignore", PLUGIN_RULE, str(draft))
    assert PLUGIN_RULE not in ignored.stdout and "jargon-acronym" in ignored.stdout


def test_plugin_rule_skips_quoted_customer_text(example_version: str, tmp_path: Path) -> None:
    draft = tmp_path / "reply.txt"
    draft.write_text("Hi Sam,\n\nThanks for the screenshot.\n\n> it broke again lol\n", encoding="utf-8")
    result = run("check", "--select", PLUGIN_RULE, str(draft))
    assert PLUGIN_RULE not in result.stdout


def test_plugin_examples_hold(example_version: str) -> None:
    from replylint.formats import parse

    [rule] = [r for r in load_plugins().rules if r.id == PLUGIN_RULE]
    assert rule.bad and rule.good
    for example in rule.bad:
        assert list(rule.check(parse(example.text))), f"bad example not flagged: {example.text!r}"
    for example in rule.good:
        assert not list(rule.check(parse(example.text))), f"good example flagged: {example.text!r}"


# --- plugins that fail, written into tmp_path -------------------------------------------------


def fake_plugin(root: Path, dist: str, version: str, entry: str, module: str, source: str) -> None:
    """A distribution as importlib.metadata sees one: a dist-info folder and a module."""
    info = root / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[replylint.rules]\n{entry}\n", encoding="utf-8")
    (root / f"{module}.py").write_text(source, encoding="utf-8")


@pytest.fixture
def plugin_dir(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "site"
    root.mkdir()
    yield root
    for name, module in list(sys.modules.items()):  # modules the fake plugins left behind
        if Path(getattr(module, "__file__", None) or "/").parent == root:
            del sys.modules[name]
    importlib.invalidate_caches()


def activate(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(root))
    importlib.invalidate_caches()


BROKEN_IMPORT = "raise RuntimeError('the plugin could not find its word list')\n"
NOT_A_RULE = "rules = [42]\n"


@pytest.mark.parametrize(
    ("source", "detail"),
    [
        (BROKEN_IMPORT, "failed to load: RuntimeError: the plugin could not find its word list"),
        (NOT_A_RULE, "gave int, not a replylint Rule"),
    ],
    ids=["raises-on-import", "not-a-rule"],
)
@pytest.mark.parametrize("command", [["rules"], ["check", "{draft}"]], ids=["rules", "check"])
def test_plugin_that_fails_to_load_is_a_one_line_error(
    plugin_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, source: str, detail: str, command: list[str]
) -> None:
    fake_plugin(plugin_dir, "broken-plugin", "1.0", "broken = broken_plugin:rules", "broken_plugin", source)
    activate(plugin_dir, monkeypatch)
    draft = tmp_path / "reply.txt"
    draft.write_text(DRAFT, encoding="utf-8")

    result = run(*(arg.format(draft=draft) for arg in command))

    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    [line] = lines
    assert "Traceback" not in result.stderr
    assert "'broken'" in line  # the plugin (entry point) name
    assert "broken_plugin:rules" in line
    assert "broken-plugin 1.0" in line  # package and version
    assert detail in line


def test_plugin_rule_that_raises_becomes_one_rule_error(
    example_version: str, plugin_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake_plugin(
        plugin_dir,
        "flaky-plugin",
        "2.3",
        "flaky = flaky_plugin:rules",
        "flaky_plugin",
        "from replylint.rule import rule\n"
        "\n"
        "@rule(id='flaky-explodes', category='flaky', severity='warning', summary='s', rationale='r')\n"
        "def explodes(doc):\n"
        "    if 'refund' in doc.source:\n"
        "        raise ValueError('cannot handle refunds\\nsecond line of detail')\n"
        "    return []\n"
        "\n"
        "rules = [explodes]\n",
    )
    activate(plugin_dir, monkeypatch)
    first = tmp_path / "a-refund.txt"
    first.write_text("Hi Sam,\n\nlol, your refund is on its way per the SLA.\n\nThanks,\nAlex\n", encoding="utf-8")
    second = tmp_path / "b-other.txt"
    second.write_text(DRAFT, encoding="utf-8")

    result = run("check", "--format", "json", str(first), str(second))

    assert result.exit_code == 2, result.stdout + result.stderr
    report = json.loads(result.stdout)
    by_path = {Path(f["path"]).name: f for f in report["files"]}
    assert set(by_path) == {"a-refund.txt", "b-other.txt"}
    crashed = by_path["a-refund.txt"]
    assert crashed["error"] is None
    errors = [d for d in crashed["diagnostics"] if d["rule"] == "rule-error"]
    assert len(errors) == 1
    assert "'flaky-explodes'" in errors[0]["message"]
    assert "ValueError: cannot handle refunds" in errors[0]["message"]
    assert "\n" not in errors[0]["message"]
    assert errors[0]["severity"] == "error"
    # the other rules still ran on that file ...
    assert {"jargon-acronym", PLUGIN_RULE} <= {d["rule"] for d in crashed["diagnostics"]}
    # ... and the run went on to the next file
    other = by_path["b-other.txt"]
    assert other["error"] is None
    assert "rule-error" not in {d["rule"] for d in other["diagnostics"]}
    assert {"jargon-acronym", PLUGIN_RULE} <= {d["rule"] for d in other["diagnostics"]}


def test_fake_plugins_are_gone_after_the_test(example_version: str) -> None:
    """The dist-info folders above live only on a temporary sys.path entry."""
    names = {ep.name for ep in importlib.metadata.entry_points(group="replylint.rules")}
    assert "example" in names
    assert not names & {"broken", "flaky"}
