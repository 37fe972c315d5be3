"""Run a lint over paths: find files, settle config per file, read, lint.

This is the edge between the pure engine and the file system; it returns
results and never prints.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from replylint.config import ConfigError, Settings, check_rule_names, check_rule_options, find_config, load_settings
from replylint.diagnostics import Diagnostic, FileResult, Severity
from replylint.engine import ActiveRule, LintOptions, lint
from replylint.files import DEFAULT_MAX_BYTES, InputError, TextFile, decode, encode, read_text, write_atomic
from replylint.formats import EXTENSIONS, format_for, parse
from replylint.packs import PackError
from replylint.plugins import PluginError
from replylint.registry import Registry, RegistryError, build_registry

STDIN = "-"
SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        "__pycache__",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        "build",
        "dist",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
    }
)


class SetupError(Exception):
    """Config, pack or plugin trouble: the message names the file or package."""


class Overrides(NamedTuple):
    """What the command line says; None means 'as the config says'."""

    config: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    fail_on: Severity | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    stdin_filename: str | None = None


@dataclass
class Session:
    """Caches for one run: config per folder, registry per pack set, rules per settings."""

    overrides: Overrides = field(default_factory=Overrides)
    _config_for_dir: dict[Path, Path | None] = field(default_factory=dict)
    _settings: dict[Path | None, Settings] = field(default_factory=dict)
    _registries: dict[tuple, Registry] = field(default_factory=dict)
    _checked: set[Path | None] = field(default_factory=set)

    def settings_for(self, path: Path) -> Settings:
        if self.overrides.config is not None:
            config: Path | None = self.overrides.config
        else:
            folder = path.parent.resolve() if path.name else Path.cwd()
            if folder not in self._config_for_dir:
                self._config_for_dir[folder] = find_config(folder)
            config = self._config_for_dir[folder]
        if config not in self._settings:
            try:
                settings = load_settings(config) if config is not None else Settings()
            except ConfigError as exc:
                raise SetupError(str(exc)) from None
            self._settings[config] = settings
        return self._settings[config]

    def registry_for(self, settings: Settings) -> Registry:
        key = (settings.packs, settings.ban)
        if key not in self._registries:
            try:
                self._registries[key] = build_registry(settings.packs, dict(settings.ban))
            except (PackError, PluginError, RegistryError) as exc:
                raise SetupError(str(exc)) from None
        registry = self._registries[key]
        if settings.path not in self._checked:
            try:
                check_rule_names(settings, registry.is_known, registry.suggest)
                check_rule_options(settings, registry.get, registry.suggest)
            except ConfigError as exc:
                raise SetupError(str(exc)) from None
            for name in (self.overrides.select or ()) + (self.overrides.ignore or ()):
                if name not in ("all", "ALL") and not registry.is_known(name):
                    raise SetupError(f"--select/--ignore: unknown rule or category {name!r}{registry.suggest(name)}")
            self._checked.add(settings.path)
        return registry

    def fail_on(self, settings: Settings) -> Severity:
        return self.overrides.fail_on or settings.fail_on or Severity.WARNING

    def active_rules(self, settings: Settings, registry: Registry, path: Path) -> list[ActiveRule]:
        """The rules for one file: --select/--ignore replace the config's, per-file ignores add to them."""
        select = self.overrides.select if self.overrides.select is not None else settings.select
        ignore = self.overrides.ignore if self.overrides.ignore is not None else settings.ignore
        return registry.select(
            select, ignore + settings.ignored_for(path), dict(settings.severity), settings.options_for()
        )

    def _prepare(self, path: Path, display: str) -> _Prepared:
        """Read the file and settle its rules; on failure, the FileResult that says why."""
        fmt = format_for((self.overrides.stdin_filename or display) if display == "<stdin>" else path)
        try:
            settings = self.settings_for(path)
            registry = self.registry_for(settings)
        except SetupError as exc:
            return _Prepared(fmt, FileResult(display, fmt, error=str(exc)))
        try:
            if display == "<stdin>":
                import sys

                file = decode(sys.stdin.buffer.read())
            else:
                file = read_text(path, self.overrides.max_bytes)
        except InputError as exc:
            return _Prepared(fmt, FileResult(display, fmt, error=f"{display}: {exc}"))
        rules = self.active_rules(settings, registry, path)
        options = LintOptions(allowed_terms=settings.allow, is_known=registry.is_known)

        def lint_text(text: str) -> list[Diagnostic]:
            return lint(parse(text, fmt, display), rules, options)

        return _Prepared(fmt, None, lint_text, file)

    def lint_file(self, path: Path, display: str) -> FileResult:
        prepared = self._prepare(path, display)
        if prepared.failed is not None or prepared.file is None:
            return prepared.failed or FileResult(display, prepared.format)
        return FileResult(display, prepared.format, tuple(prepared.lint(prepared.file.text)))

    def fix_file(self, path: Path, display: str, unsafe: bool, write: bool) -> tuple[FileResult, str | None, int]:
        """Fix one file: the result after fixing, a unified diff (None if unchanged), and the edits applied.

        With `write`, the fixed text replaces the file atomically, in its own encoding, BOM and newlines.
        """
        from replylint.fixer import fix_text

        prepared = self._prepare(path, display)
        fmt, file = prepared.format, prepared.file
        if prepared.failed is not None or file is None:
            return prepared.failed or FileResult(display, fmt), None, 0
        result = fix_text(file.text, prepared.lint, unsafe)
        if not result.settled:
            message = f"{display}: fixes did not settle after several passes; file left unchanged"
            return FileResult(display, fmt, result.diagnostics, error=message), None, 0
        if result.text == file.text:
            return FileResult(display, fmt, result.diagnostics), None, 0
        if write and display != "<stdin>":
            try:
                # A file without write permission is left alone, even for root.
                if not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222:
                    raise PermissionError
                write_atomic(path, encode(file, result.text))
            except OSError as exc:
                reason = "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
                message = f"{display}: cannot write fixes ({reason}); file left unchanged"
                return FileResult(display, fmt, tuple(prepared.lint(file.text)), error=message), None, 0
        return (
            FileResult(display, fmt, result.diagnostics),
            _unified_diff(file.text, result.text, display),
            result.applied,
        )


class _Prepared(NamedTuple):
    format: str
    failed: FileResult | None
    lint: Callable[[str], list[Diagnostic]] = lambda text: []
    file: TextFile | None = None


def _unified_diff(before: str, after: str, name: str) -> str:
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{name}", f"b/{name}"
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def expand(paths: Sequence[str], session: Session) -> Iterator[tuple[Path, str] | tuple[None, str]]:
    """Files to lint as (path, display name); (None, message) for a path that is not there."""
    for given in paths:
        if given == STDIN:
            name = session.overrides.stdin_filename
            yield (Path(name) if name else Path.cwd() / "<stdin>"), "<stdin>"
            continue
        path = Path(given)
        if path.is_dir():
            yield from ((p, str(p)) for p in walk(path, session))
        elif path.exists() or path.is_symlink():
            yield path, given
        else:
            yield None, f"{given}: no such file or directory"


def walk(root: Path, session: Session) -> Iterator[Path]:
    """Files with a known extension below `root`, sorted, not following directory links."""
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(
            d for d in dirs if d not in SKIP_DIRS and not d.startswith(".") and not (here / d).is_symlink()
        )
        for name in sorted(files):
            file = here / name
            if file.suffix.lower() in EXTENSIONS and not name.startswith("."):
                try:
                    settings = session.settings_for(file)
                except SetupError:
                    yield file  # the error is reported when the file is linted
                    continue
                if not settings.is_excluded(file):
                    yield file
