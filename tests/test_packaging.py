"""The wheel carries the first-party rule packs and works outside the source tree.

Builds the wheel, installs it into a fresh virtual environment in tmp_path
(dependencies come from the package index) and runs that environment's
`replylint` from a folder outside the repository, so nothing can be picked up
from the checkout's src/ or rules/.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from replylint import __version__

ROOT = Path(__file__).resolve().parent.parent

BAD_DRAFT = """\
Hi Sam,

We will respond per the SLA. I have escalated this to our L2 team.

Thanks,
Alex
"""


def _env() -> dict[str, str]:
    """The caller's environment minus anything that would leak the checkout or this venv in."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")}
    env["PYTHONNOUSERSITE"] = "1"
    env["NO_COLOR"] = "1"
    return env


def _run(args: list[str | Path], cwd: Path, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=_env(), capture_output=True, text=True, timeout=timeout, check=False
    )


def _ok(proc: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert proc.returncode == 0, (
        f"{proc.args} exited {proc.returncode}\n--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}"
    )
    return proc


def build_wheel(outdir: Path) -> Path:
    if importlib.util.find_spec("build") is not None:
        _ok(_run([sys.executable, "-m", "build", "--wheel", "--outdir", outdir, ROOT], cwd=ROOT))
    else:  # `build` is in the test extra; pip can build the wheel too
        _ok(_run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", outdir, ROOT], cwd=ROOT))
    wheels = sorted(outdir.glob("replylint-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def make_venv(where: Path) -> Path:
    """A fresh virtual environment; the only reason this test skips is that it cannot make one."""
    try:
        proc = _run([sys.executable, "-m", "venv", where], cwd=where.parent, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"cannot create a virtual environment: {exc}")
    python = where / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if proc.returncode != 0 or not python.exists():
        pytest.skip(
            f"cannot create a virtual environment (python -m venv exited {proc.returncode}): {proc.stderr.strip()}"
        )
    return python


def test_wheel_ships_rule_packs_and_runs_outside_the_checkout(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path / "dist")

    # 1. the wheel carries every first-party pack under replylint/rules/
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    shipped = {
        n.removeprefix("replylint/rules/") for n in names if n.startswith("replylint/rules/") and n.endswith(".yaml")
    }
    in_repo = {p.name for p in (ROOT / "rules").glob("*.yaml")}
    assert in_repo, "no rule packs in the repository's rules/"
    assert shipped == in_repo
    assert "replylint/cli.py" in names
    assert not any(n.startswith(("src/", "rules/", "tests/")) for n in names)

    # 2. a fresh environment outside the repository, with only the wheel installed
    python = make_venv(tmp_path / "venv")
    _ok(_run([python, "-m", "pip", "install", "--no-input", wheel], cwd=tmp_path))
    bindir = python.parent
    replylint = bindir / ("replylint.exe" if os.name == "nt" else "replylint")
    assert replylint.exists(), f"no console script at {replylint}"

    work = tmp_path / "work"
    work.mkdir()
    assert ROOT not in work.resolve().parents

    where = _ok(_run([python, "-c", "import replylint, sys; print(replylint.__file__)"], cwd=work)).stdout.strip()
    assert Path(where).resolve().is_relative_to((tmp_path / "venv").resolve()), where

    # 3. --version
    version = _ok(_run([python, "-m", "replylint", "--version"], cwd=work))
    assert __version__ in version.stdout

    # 4. the pack rules find problems in a bad draft
    draft = work / "bad-reply.txt"
    draft.write_text(BAD_DRAFT, encoding="utf-8")
    text = _run([replylint, draft.name], cwd=work)
    assert text.returncode == 1, f"exit {text.returncode}\n{text.stdout}\n{text.stderr}"
    assert "jargon-acronym" in text.stdout
    assert "per the SLA" in text.stdout
    assert text.stderr == ""

    report = _run([replylint, "--format", "json", draft.name], cwd=work)
    assert report.returncode == 1, report.stderr
    [file] = json.loads(report.stdout)["files"]
    assert file["error"] is None
    found = [d for d in file["diagnostics"] if d["rule"] == "jargon-acronym"]
    assert "per the SLA" in {d["text"] for d in found}

    # 5. every pack rule is listed, each from a file inside the installed package
    rules = json.loads(_ok(_run([replylint, "rules", "--format", "json"], cwd=work)).stdout)
    [origin] = [r["origin"] for r in rules if r["id"] == "jargon-acronym"]
    assert origin.endswith("jargon.yaml"), origin
    packs = Path(origin).resolve().parent
    assert packs.name == "rules" and packs.parent.name == "replylint", origin
    assert packs.is_relative_to((tmp_path / "venv").resolve()), origin
    assert not any(str(ROOT) in r["origin"] for r in rules)
