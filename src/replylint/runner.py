"""Run a lint over paths: find files, settle config per file, read, lint.

This is the edge between the pure engine and the file system; it returns
results and never prints.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from replylint.config import ConfigError, Settings, check_rule_names, check_rule_options, find_config, load_settings
from replylint.diagnostics import Diagnostic, FileResult, Severity
from replylint.engine import ActiveRule, LintOptions
from replylint.files import (
    BLOCK_BYTES,
    DEFAULT_MAX_BYTES,
    InputError,
    TextFile,
    decode,
    encode,
    read_blocks,
    read_bounded,
    read_text,
    reason,
    stamp_of,
    write_atomic,
)
from replylint.formats import EXTENSIONS, LIBRARY_FORMATS, ending, format_for
from replylint.packs import PackError
from replylint.registry import Registry, RegistryError, build_registry
from replylint.sections import SECTIONED, fix_draft, lint_blocks, lint_draft

if TYPE_CHECKING:
    from replylint.fixer import FixResult

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
    fingerprints: bool = False  # --baseline/--write-baseline: fill FileResult.fingerprints
    force_exclude: bool = False  # apply `exclude` to files named on the command line too


@dataclass
class Session:
    """Caches for one run: config per folder, registry per pack set, rules per settings."""

    overrides: Overrides = field(default_factory=Overrides)
    _config_for_dir: dict[Path, Path | None] = field(default_factory=dict)
    _config_for_parent: dict[Path | None, Path | None] = field(default_factory=dict)  # as given, unresolved
    _active: dict[tuple[Path | None, tuple[str, ...]], list[ActiveRule]] = field(default_factory=dict)
    _settings: dict[Path | None, Settings] = field(default_factory=dict)
    _registries: dict[tuple, Registry] = field(default_factory=dict)
    _checked: set[Path | None] = field(default_factory=set)

    def settings_for(self, path: Path) -> Settings:
        if self.overrides.config is not None:
            config: Path | None = self.overrides.config
        else:
            parent = path.parent if path.name else None
            if parent not in self._config_for_parent:  # resolve each folder once, not once per file
                folder = parent.resolve() if parent is not None else Path.cwd()
                if folder not in self._config_for_dir:
                    self._config_for_dir[folder] = find_config(folder)
                self._config_for_parent[parent] = self._config_for_dir[folder]
            config = self._config_for_parent[parent]
        if config not in self._settings:
            try:
                settings = load_settings(config) if config is not None else Settings()
            except ConfigError as exc:
                raise SetupError(str(exc)) from None
            except RecursionError:  # tomllib recurses into nested arrays and tables
                raise SetupError(f"{config}: invalid TOML: nested too deeply") from None
            self._settings[config] = settings
        return self._settings[config]

    def registry_for(self, settings: Settings) -> Registry:
        key = (settings.packs, settings.ban)
        if key not in self._registries:
            try:
                self._registries[key] = build_registry(settings.packs, dict(settings.ban))
            except (PackError, RegistryError) as exc:
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

    def problems(self) -> list[str]:
        """Plugins that could not be loaded by the registries built so far: one line each."""
        return sorted({p for registry in self._registries.values() for p in registry.problems})

    def fail_on(self, settings: Settings) -> Severity:
        return self.overrides.fail_on or settings.fail_on or Severity.WARNING

    def active_rules(self, settings: Settings, registry: Registry, path: Path) -> list[ActiveRule]:
        """The rules for one file: --select/--ignore replace the config's, per-file ignores add to them."""
        extra = settings.ignored_for(path) if settings.per_file_ignores else ()
        key = (settings.path, extra)  # one selection per config and per-file-ignores outcome, not per file
        if key not in self._active:
            select = self.overrides.select if self.overrides.select is not None else settings.select
            ignore = self.overrides.ignore if self.overrides.ignore is not None else settings.ignore
            self._active[key] = registry.select(select, ignore + extra, dict(settings.severity), settings.options_for())
        return self._active[key]

    def _prepare(self, path: Path, display: str, stream: bool = False) -> _Prepared:
        """Read the file and settle its rules; on failure, the FileResult that says why.

        With `stream`, a large plain-text or Markdown file is not read here: `_Prepared.streamed`
        reads and lints it a block at a time (see sections.lint_blocks).
        """
        fmt = format_for((self.overrides.stdin_filename or display) if display == "<stdin>" else path)
        try:
            settings = self.settings_for(path)
            registry = self.registry_for(settings)
        except SetupError as exc:
            return _Prepared(fmt, FileResult(display, fmt, error=str(exc)))
        if stream and self._streams(path, display, fmt):
            rules = self.active_rules(settings, registry, path)
            options = LintOptions(allowed_terms=settings.allow, is_known=registry.is_known)

            def streamed() -> list[Diagnostic]:
                return lint_blocks(read_blocks(path, self.overrides.max_bytes), fmt, display, rules, options)

            return _Prepared(fmt, None, streamed=streamed)
        try:
            if display == "<stdin>":
                import sys

                file = decode(read_bounded(sys.stdin.buffer, self.overrides.max_bytes))
            else:
                file = read_text(path, self.overrides.max_bytes)
        except InputError as exc:
            return _Prepared(fmt, FileResult(display, fmt, error=f"{display}: {exc}"))
        rules = self.active_rules(settings, registry, path)
        options = LintOptions(allowed_terms=settings.allow, is_known=registry.is_known)
        if fmt in LIBRARY_FORMATS:  # a YAML, JSON or CSV file of templates: see replylint.library
            from replylint.formats.library import LibraryError
            from replylint.library import LibraryLinter

            try:
                linter = LibraryLinter(file.text, fmt, display, settings.templates_for(path), rules, options)
            except LibraryError as exc:
                return _Prepared(fmt, FileResult(display, fmt, error=f"{display}:{exc}"))
            return _Prepared(fmt, None, linter.lint, file, linter.fix)

        def lint_text(text: str) -> list[Diagnostic]:
            return lint_draft(text, fmt, display, rules, options)  # a very large draft in sections

        def fix_text(text: str, unsafe: bool) -> tuple[FixResult, str | None]:
            return fix_draft(text, fmt, display, rules, options, unsafe), None

        return _Prepared(fmt, None, lint_text, file, fix_text)

    def _streams(self, path: Path, display: str, fmt: str) -> bool:
        """Whether to lint a file as it is read: a plain-text or Markdown file over a block, unless a
        baseline needs the whole text for its fingerprints."""
        if display == "<stdin>" or fmt not in SECTIONED or self.overrides.fingerprints:
            return False
        try:
            return path.stat().st_size > BLOCK_BYTES
        except OSError:
            return False  # read as usual, which says why it cannot be

    def lint_file(self, path: Path, display: str) -> FileResult:
        prepared = self._prepare(path, display, stream=True)
        if prepared.streamed is not None:
            try:
                return FileResult(display, prepared.format, tuple(prepared.streamed()))
            except InputError as exc:
                return FileResult(display, prepared.format, error=f"{display}: {exc}")
        if prepared.failed is not None or prepared.file is None:
            return prepared.failed or FileResult(display, prepared.format)
        result = FileResult(display, prepared.format, tuple(prepared.lint(prepared.file.text)))
        return self._fingerprinted(result, prepared.file.text)

    def _fingerprinted(self, result: FileResult, text: str) -> FileResult:
        """With a baseline in use, `result` with a fingerprint per diagnostic (`text` is what they point into)."""
        if not self.overrides.fingerprints or not result.diagnostics:
            return result
        from replylint.baseline import fingerprints

        return result._replace(fingerprints=fingerprints(result.diagnostics, text))

    def fix_file(self, path: Path, display: str, unsafe: bool, write: bool) -> tuple[FileResult, str | None, int]:
        """Fix one file: the result after fixing, a unified diff (None if unchanged, or when written:
        only --diff shows it), and the edits applied.

        With `write`, the fixed text replaces the file atomically, in its own encoding, BOM and newlines.
        """
        prepared = self._prepare(path, display)
        fmt, file = prepared.format, prepared.file
        if prepared.failed is not None or file is None or prepared.fix is None:
            return prepared.failed or FileResult(display, fmt), None, 0
        # (a library of templates fixes itself and checks the file it makes)
        result, problem = prepared.fix(file.text, unsafe)
        if problem is not None:
            return FileResult(display, fmt, result.diagnostics, error=f"{display}: {problem}"), None, 0
        if not result.settled:
            message = f"{display}: fixes did not settle after several passes; file left unchanged"
            return FileResult(display, fmt, result.diagnostics, error=message), None, 0
        if result.text == file.text:
            return self._fingerprinted(FileResult(display, fmt, result.diagnostics), file.text), None, 0
        if write and display != "<stdin>":
            try:
                # A file without write permission is left alone, even for root.
                info = path.stat()
                if not os.access(path, os.W_OK) or not info.st_mode & 0o222:
                    raise PermissionError
                if file.stamp is not None and stamp_of(info) != file.stamp:
                    raise _Changed  # written by someone else since it was read: their text wins
                write_atomic(path, encode(file, result.text))
            except (OSError, _Changed) as exc:
                why = "it changed after it was read" if isinstance(exc, _Changed) else reason(exc)
                message = f"{display}: cannot write fixes ({why}); file left unchanged"
                return FileResult(display, fmt, tuple(prepared.lint(file.text)), error=message), None, 0
        return (
            self._fingerprinted(FileResult(display, fmt, result.diagnostics), result.text),
            None if write else _unified_diff(file.text, result.text, display),
            result.applied,
        )


class _Changed(Exception):
    """The file on disk is not the one the fixes were made for."""


class _Prepared(NamedTuple):
    format: str
    failed: FileResult | None
    lint: Callable[[str], list[Diagnostic]] = lambda text: []
    file: TextFile | None = None
    # (text, unsafe) -> (FixResult, why the file was left unchanged or None: a library that cannot take the fixes).
    fix: Callable[[str, bool], tuple[FixResult, str | None]] | None = None
    streamed: Callable[[], list[Diagnostic]] | None = None  # a large file's diagnostics, read as it is linted


def _unified_diff(before: str, after: str, name: str) -> str:
    import difflib

    lines = difflib.unified_diff(_lines(before), _lines(after), f"a/{name}", f"b/{name}")
    return "".join(_diff_line(line) for line in lines)


def _lines(text: str) -> list[str]:
    """The lines of `text` with their endings, split where replylint ends a line (LF, CRLF, a lone CR),
    not at the other breaks str.splitlines knows (a form feed or U+2028 inside a line stays)."""
    import re

    return re.findall(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+\Z", text)


def _diff_line(line: str) -> str:
    """A line of the diff as shown: ended by LF (a lone CR, an old Mac line ending, shows as LF so that
    lines do not overprint on a terminal), or marked as the file's unterminated last line."""
    if line.endswith("\n"):
        return line
    if line.endswith("\r"):
        return line[:-1] + "\n"
    return line + "\n\\ No newline at end of file\n"


def expand(paths: Sequence[str], session: Session) -> Iterator[tuple[Path, str] | tuple[None, str]]:
    """Files to lint as (path, display name); (None, message) for a path that is not there.

    Files named on the command line are linted whatever `include` and `exclude` say, unless
    --force-exclude (for pre-commit, which names every file) applies `exclude` to them too.
    """
    for given in paths:
        if given == STDIN:
            name = session.overrides.stdin_filename
            path = Path(name) if name else Path.cwd() / "<stdin>"
            if not (name and _force_excluded(path, session)):
                yield path, "<stdin>"
            continue
        path = Path(given)
        try:
            folder = path.is_dir()
            there = folder or path.exists() or path.is_symlink()
        except OSError as exc:  # a name too long, a folder on the way that cannot be searched
            yield None, f"{given}: cannot read file ({reason(exc)})"
            continue
        if folder:
            for found in walk(path, session):
                if isinstance(found, Unlisted):
                    yield None, f"{found.folder}: cannot read folder ({found.reason})"
                else:
                    yield found, str(found)
        elif there:
            if not _force_excluded(path, session):
                yield path, given
        else:
            yield None, f"{given}: no such file or directory"


def _force_excluded(path: Path, session: Session) -> bool:
    if not session.overrides.force_exclude:
        return False
    try:
        return session.settings_for(path).is_excluded(path)
    except SetupError:
        return False  # the error is reported when the file is linted


class Unlisted(NamedTuple):
    """A folder the walk could not list: its files are not linted, and the run says so."""

    folder: Path
    reason: str


def walk(root: Path, session: Session) -> Iterator[Path | Unlisted]:
    """Files to lint below `root`, in sorted order, each folder's files before its subfolders.

    A file is picked when it matches its config's `include` globs (default: a known ending)
    and no `exclude` glob. Hidden files and folders, `.git`, `node_modules`, virtual
    environments and build folders (SKIP_DIRS) are skipped, and links to folders are not
    followed, so a link loop cannot make the walk go round. A folder that cannot be listed
    comes out as `Unlisted` where its files would have been, and pipes, sockets and devices
    are never opened (reading one could wait for ever).
    """
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            yield Unlisted(folder, reason(exc))
            continue
        files: list[str] = []
        folders: list[Path] = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            kind = _kind(entry)
            if kind == "file":
                files.append(name)
            elif kind == "folder" and name not in SKIP_DIRS and not entry.is_symlink():
                folders.append(folder / name)
        if files:
            yield from _pick(folder, files, session)
        stack.extend(reversed(folders))


def _kind(entry: os.DirEntry[str]) -> str:
    """What a walk found: a "folder", a "file", or "other" (a pipe, socket or device: never opened, it could block).

    Links are followed, as os.walk does; a broken link or a link loop counts as a file and is
    reported when it is read. Only a link costs a system call: the folder listing tells the rest apart.
    """
    try:
        if entry.is_dir():
            return "folder"
        if entry.is_file():
            return "file"
        if not entry.is_symlink():
            return "other"
        entry.stat()  # a link to a pipe, socket or device; a broken link raises
    except OSError:
        return "file"
    return "other"


def _pick(folder: Path, names: list[str], session: Session) -> Iterator[Path]:
    """The files of one folder that the walk lints (they share one config)."""
    try:
        settings = session.settings_for(folder / names[0])
    except SetupError:  # the error is reported when the files are linted
        yield from (folder / n for n in names if _known_ending(n))
        return
    for name in names:
        file = folder / name
        if settings.include:
            if not settings.is_included(file):
                continue
        elif not _known_ending(name):
            continue
        if not settings.exclude or not settings.is_excluded(file):
            yield file


def _known_ending(name: str) -> bool:
    return ending(name) in EXTENSIONS
