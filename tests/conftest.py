"""Shared fixtures: every test runs isolated from the developer's machine.

- $HOME and the XDG base directories point at fresh temporary folders, so no
  user-level config or cache can leak in;
- the working directory is a fresh, empty temporary folder, so no
  `.replylint.toml` or `pyproject.toml` of the checkout is discovered;
- outgoing network connections fail loudly (replylint must work offline);
- NO_COLOR is unset, so colour tests start from a known state.

Temporary folders come from `tmp_path_factory`, not `tmp_path`, so a test's own
`tmp_path` stays empty for it to fill.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from replylint.registry import Registry, build_registry


class NetworkBlocked(RuntimeError):
    pass


def _no_network(self: socket.socket, *args: object, **kwargs: object) -> None:
    raise NetworkBlocked(f"network access is blocked in tests (tried to connect to {args[0] if args else '?'})")


@pytest.fixture(autouse=True)
def _isolate(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("home")
    for name, sub in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        folder = home / sub
        folder.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(folder))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    monkeypatch.delenv("XDG_CONFIG_DIRS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    monkeypatch.setattr(socket.socket, "connect_ex", _no_network)
    cwd = tmp_path_factory.mktemp("cwd")
    monkeypatch.chdir(cwd)
    return cwd


_REGISTRY: Registry | None = None


def shared_registry() -> Registry:
    """The default registry (first-party rules and installed plugins), built once per session."""
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = build_registry()
    return _REGISTRY


@pytest.fixture(scope="session")
def registry() -> Registry:
    return shared_registry()


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in tmp_path (resolved), so paths in the output are short and relative."""
    monkeypatch.chdir(tmp_path)
    return tmp_path.resolve()
