"""The scratch install: a venv with replylint (non-editable, from the checkout) and proselint, and a node folder.

Layout of the scratch folder (never inside the repository):

    venv/              python -m venv; `pip install <checkout>` and the pinned Python peers
    node/              package.json with the pinned npm peers; node_modules/; .textlintrc.json
    installed.json     what is installed: the Python build, the pins, a digest of replylint's source
    install.log        pip's and npm's output

A part is installed again only when what it should hold has changed (another
Python, other pins, replylint's source edited) or `--reinstall` is given, so a
second run starts at once.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from peers import NODE_PEERS, PYTHON_PEERS, TEXTLINT_RULE, TEXTLINTRC, Bins

MANIFEST = "installed.json"
SOURCE_PARTS = ("src", "rules", "pyproject.toml")  # what the installed replylint is built from


class InstallError(Exception):
    pass


def default_scratch() -> Path:
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "replylint-compare"


def source_digest(repo: Path) -> str:
    """A digest of every file replylint's wheel is built from (names and contents)."""
    digest = hashlib.sha256()
    for part in SOURCE_PARTS:
        root = repo / part
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(repo)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _step(argv: list[str], log: Path, what: str) -> None:
    print(f"installing: {what}", file=sys.stderr, flush=True)
    with log.open("ab") as handle:
        handle.write(f"\n$ {' '.join(argv)}\n".encode())
        handle.flush()
        done = subprocess.run(argv, stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        raise InstallError(f"{what} failed (exit {done.returncode}); see {log}")


def _load(path: Path) -> dict[str, object]:
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _save(path: Path, manifest: dict[str, object]) -> None:
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _python_part(scratch: Path, repo: Path, manifest: dict[str, object], reinstall: bool) -> None:
    venv, log, saved = scratch / "venv", scratch / "install.log", scratch / MANIFEST
    python = venv / "bin" / "python"
    build = f"{sys.version} {sys.executable}"
    if reinstall or not python.exists() or manifest.get("python") != build:
        for key in ("python", "python_peers", "replylint"):
            manifest.pop(key, None)
        _step([sys.executable, "-m", "venv", "--clear", str(venv)], log, f"a venv in {venv}")
        manifest["python"] = build
        _save(saved, manifest)
    if manifest.get("python_peers") != PYTHON_PEERS:
        pins = [f"{name}=={version}" for name, version in PYTHON_PEERS.items()]
        _step([str(python), "-m", "pip", "install", "--disable-pip-version-check", *pins], log, " ".join(pins))
        manifest["python_peers"] = dict(PYTHON_PEERS)
        _save(saved, manifest)
    digest = source_digest(repo)
    if manifest.get("replylint") != digest:
        pip = [str(python), "-m", "pip", "--disable-pip-version-check"]
        subprocess.run([*pip, "uninstall", "-y", "replylint"], capture_output=True, stdin=subprocess.DEVNULL)
        _step([*pip, "install", str(repo)], log, f"replylint from {repo} (non-editable)")
        manifest["replylint"] = digest
        _save(saved, manifest)


def _node_part(scratch: Path, manifest: dict[str, object], reinstall: bool) -> None:
    node, log, saved = scratch / "node", scratch / "install.log", scratch / MANIFEST
    if shutil.which("npm") is None or shutil.which("node") is None:
        raise InstallError("node and npm are needed for write-good, alex and textlint (or leave them out with --tools)")
    node.mkdir(parents=True, exist_ok=True)
    (node / ".textlintrc.json").write_text(TEXTLINTRC, encoding="utf-8")
    if reinstall or manifest.get("node_peers") != NODE_PEERS or not (node / "node_modules").is_dir():
        manifest.pop("node_peers", None)
        package = {"name": "replylint-compare-peers", "private": True, "dependencies": NODE_PEERS}
        (node / "package.json").write_text(json.dumps(package, indent=2) + "\n", encoding="utf-8")
        if reinstall:
            shutil.rmtree(node / "node_modules", ignore_errors=True)
        pins = " ".join(f"{name}@{version}" for name, version in NODE_PEERS.items())
        _step(["npm", "install", "--prefix", str(node), "--no-audit", "--no-fund"], log, pins)
        manifest["node_peers"] = dict(NODE_PEERS)
        _save(saved, manifest)


def prepare(scratch: Path, repo: Path, node_needed: bool, reinstall: bool) -> Bins:
    """Install (or re-use) what the run needs; the paths of the installed commands."""
    scratch.mkdir(parents=True, exist_ok=True)
    manifest = {} if reinstall else _load(scratch / MANIFEST)
    _python_part(scratch, repo, manifest, reinstall)
    if node_needed:
        _node_part(scratch, manifest, reinstall)
    node = scratch / "node"
    return Bins(scratch / "venv" / "bin", node / "node_modules" / ".bin", node / ".textlintrc.json")


def _output(argv: list[str], cwd: Path | None = None) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, cwd=cwd, stdin=subprocess.DEVNULL, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def _node_version(scratch: Path, package: str) -> str:
    meta = _load(scratch / "node" / "node_modules" / package / "package.json")
    return str(meta.get("version", "?"))


def _edited(repo: Path) -> bool:
    """Whether replylint's source differs from the commit (`git diff --quiet` exits 1)."""
    argv = ["git", "diff", "--quiet", "HEAD", "--", *SOURCE_PARTS]
    return subprocess.run(argv, cwd=repo, capture_output=True, stdin=subprocess.DEVNULL).returncode == 1


def versions(scratch: Path, repo: Path, bins: Bins) -> dict[str, str]:
    """The installed version of each tool, as shown in the table."""
    python = str(bins.venv_bin / "python")
    meta = "import importlib.metadata as m, sys; print(m.version(sys.argv[1]))"
    commit = _output(["git", "rev-parse", "--short", "HEAD"], cwd=repo)
    if commit and _edited(repo):
        commit += " + edits"
    replylint = _output([python, "-c", meta, "replylint"]) or "?"
    return {
        "replylint": f"{replylint} ({commit})" if commit else replylint,
        "proselint": _output([python, "-c", meta, "proselint"]) or "?",
        "write-good": _node_version(scratch, "write-good"),
        "alex": _node_version(scratch, "alex"),
        "textlint": f"{_node_version(scratch, 'textlint')} + {TEXTLINT_RULE} {_node_version(scratch, TEXTLINT_RULE)}",
    }


def runtimes(bins: Bins) -> dict[str, str]:
    return {
        "python": _output([str(bins.venv_bin / "python"), "-c", "import platform; print(platform.python_version())"]),
        "node": _output(["node", "--version"]),
        "npm": _output(["npm", "--version"]),
    }
