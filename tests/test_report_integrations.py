"""The CI integrations shipped at the repository root: the GitHub Action and the pre-commit hooks."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent

# The keys pre-commit accepts in a hook manifest entry (pre_commit/clientlib.py, MANIFEST_HOOK_DICT).
HOOK_KEYS = {
    "id",
    "name",
    "entry",
    "language",
    "alias",
    "files",
    "exclude",
    "types",
    "types_or",
    "exclude_types",
    "additional_dependencies",
    "args",
    "always_run",
    "fail_fast",
    "pass_filenames",
    "description",
    "language_version",
    "log_file",
    "minimum_pre_commit_version",
    "require_serial",
    "stages",
    "verbose",
}
REQUIRED_HOOK_KEYS = {"id", "name", "entry", "language"}


def _action() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def _hooks() -> list[dict[str, Any]]:
    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def test_action_is_a_composite_action_with_its_inputs() -> None:
    action = _action()
    assert action["name"] == "replylint"
    assert action["description"]
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) == {"paths", "args", "version"}
    assert action["inputs"]["paths"]["default"] == "."
    for spec in action["inputs"].values():
        assert spec["description"] and spec["required"] is False


def test_action_runs_replylint_with_github_annotations() -> None:
    steps = _action()["runs"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert all(step.get("shell") == "bash" for step in steps)  # composite run steps must name a shell
    (lint,) = [script for script in runs if "replylint" in script and "--format" in script]
    assert re.search(r'"\$REPLYLINT_BIN/replylint" --format github \$INPUT_ARGS \$INPUT_PATHS\s*$', lint)


def test_action_installs_only_replylint_from_its_checkout_or_a_version() -> None:
    steps = _action()["runs"]["steps"]
    assert not [step for step in steps if "uses" in step]  # sets up nothing else (no setup-python)
    install = steps[0]["run"]
    assert 'spec="replylint==$REPLYLINT_VERSION"' in install
    assert 'spec="$ACTION_PATH"' in install
    assert steps[0]["env"] == {"REPLYLINT_VERSION": "${{ inputs.version }}", "ACTION_PATH": "${{ github.action_path }}"}


def test_action_never_substitutes_inputs_inside_a_script() -> None:
    for step in _action()["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step["name"]


def test_pre_commit_hooks_have_valid_keys() -> None:
    hooks = _hooks()
    assert [h["id"] for h in hooks] == ["replylint", "replylint-fix"]
    for hook in hooks:
        assert REQUIRED_HOOK_KEYS <= set(hook), hook["id"]
        assert set(hook) <= HOOK_KEYS, set(hook) - HOOK_KEYS
        assert hook["language"] == "python"
        re.compile(hook["files"])


def test_the_fix_hook_fixes_the_same_files() -> None:
    lint, fix = _hooks()
    assert lint["entry"] == "replylint --force-exclude"
    assert fix["entry"] == "replylint --force-exclude --fix"
    assert fix["files"] == lint["files"]
    assert fix["types"] == lint["types"]
    files = re.compile(fix["files"])
    assert files.search("macros/refund.MD") and files.search("replies/a.txt")
    assert not files.search("src/app.py")


def test_the_repositorys_own_dogfood_hook_installs_every_runtime_dependency() -> None:
    """The local hook that lints examples/ imports replylint from src/, so it lists the runtime
    dependencies itself: they must be those of pyproject.toml (a missing one fails only once
    enough files are linted to need it, as pyahocorasick after 16 drafts)."""
    import tomllib

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for repo in config["repos"] for h in repo["hooks"] if h["id"] == "replylint-examples"]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert sorted(hook["additional_dependencies"]) == sorted(project["dependencies"])
