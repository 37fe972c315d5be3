"""Third-party rules, found through the `replylint.rules` entry-point group.

An entry point may name a `Rule`, a list of rules, or a function with no
arguments that returns either. A plugin that fails to load is left out, with a
one-line problem that names the plugin, its package and version; the other rules
still run.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, NamedTuple

from replylint.rule import Rule

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

GROUP = "replylint.rules"


class PluginError(Exception):
    pass


def _where(ep: EntryPoint) -> str:
    dist = ep.dist
    package = f"{dist.name} {dist.version}" if dist is not None else "unknown package"
    return f"plugin {ep.name!r} ({ep.value}) from {package}"


def any_declared() -> bool:
    """Does any installed distribution declare the group? A cheap scan of sys.path.

    importlib.metadata costs ~12 ms to import and more to scan; most runs have no
    plugins, so it is only used once an entry_points.txt names the group.
    """
    marker = f"[{GROUP}]"
    for folder in sys.path:
        try:
            entries = os.scandir(folder or ".")
        except OSError:
            continue
        with entries:
            for entry in entries:
                if entry.name.endswith((".dist-info", ".egg-info")):
                    try:
                        with open(os.path.join(entry.path, "entry_points.txt"), encoding="utf-8") as handle:
                            if marker in handle.read():
                                return True
                    except (OSError, UnicodeDecodeError):
                        continue
    return False


class Loaded(NamedTuple):
    rules: list[Rule]
    problems: list[str]  # one line per plugin that could not be loaded (its rules are left out)


def load_plugins() -> Loaded:
    """The rules of every installed plugin; a plugin that fails is left out and named in `problems`,
    so the other rules still run (the CLI reports it and exits 2)."""
    if not any_declared():
        return Loaded([], [])
    from importlib.metadata import entry_points

    loaded = Loaded([], [])
    for ep in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        try:
            loaded.rules.extend(_rules_of(ep))
        except PluginError as exc:
            loaded.problems.append(str(exc))
    return loaded


def _rules_of(ep: EntryPoint) -> list[Rule]:
    try:
        obj = ep.load()
        if callable(obj) and not isinstance(obj, Rule):
            obj = obj()
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - any failure in third-party code, even sys.exit()
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""  # errors are one line
        raise PluginError(
            f"{_where(ep)} failed to load: {type(exc).__name__}{': ' + detail if detail else ''}"
        ) from None
    items = [obj] if isinstance(obj, Rule) else obj
    try:
        items = list(items)
    except TypeError:
        items = [items]
    for item in items:
        if not isinstance(item, Rule):
            raise PluginError(f"{_where(ep)} gave {type(item).__name__}, not a replylint Rule")
    return [_stamp(item, _where(ep).removeprefix("plugin ")) for item in items]


def _stamp(rule: Rule, origin: str) -> Rule:
    from dataclasses import replace

    return replace(rule, origin=origin)
