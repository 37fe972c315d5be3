"""Baselines: record today's findings so that only new ones are reported.

A finding is identified by its file (a path relative to the baseline file's
folder, forward slashes) and a fingerprint: a hash of the rule id, the template
name (in a library of templates) and the matched text (whitespace collapsed)
with a few normalised words either side of it on its own line(s). The line
number is not part of it, so a finding keeps matching when lines above it move or text is inserted
elsewhere. The same fingerprint twice in one file is counted: a baseline that
holds it twice covers two findings, and a third is new.

The baseline file is JSON (version 1), pretty-printed with a stable order, so it
diffs well in git:

    {"version": 1, "tool": "replylint",
     "files": {"macros/a.txt": [{"rule": "...", "match": "...", "fingerprint": "...", "count": 1}]}}

The matched text is stored as "match", not "text": a baseline file is JSON and
must not look like a library of templates (whose body fields include "text").

Pure apart from `load` and `save` (the file itself), path resolution, and the
default `exists` of `Matcher.outcome`; the CLI decides when to call them.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from replylint.diagnostics import Diagnostic, FileResult
from replylint.document import lone_cr_as_lf

VERSION = 1
CONTEXT_WORDS = 3  # words of the same line kept on each side of the match
LONG_MATCH = 8  # a match of more words is fingerprinted by its own first and last words
_WINDOW = 160  # characters looked at on each side, so very long lines cost little
_TEXT_MAX = 80  # matched text longer than this is shortened in the file (it is only for people)
_NEVER = frozenset({"rule-error"})  # a crashing rule is an error, never a finding to accept
_STDIN = "<stdin>"


class BaselineError(Exception):
    """A baseline file that cannot be used; str(error) is the one-line message naming it."""


@dataclass(frozen=True)
class Entry:
    """One fingerprint in one file, seen `count` times. `rule`, `template` and `text` (the match) are for people."""

    path: str
    rule: str
    template: str | None
    text: str
    fingerprint: str
    count: int = 1


@dataclass(frozen=True)
class Baseline:
    entries: tuple[Entry, ...] = ()

    @property
    def findings(self) -> int:
        return sum(e.count for e in self.entries)

    def counts(self) -> dict[str, Counter[str]]:
        """path -> fingerprint -> count."""
        out: dict[str, Counter[str]] = {}
        for e in self.entries:
            out.setdefault(e.path, Counter())[e.fingerprint] += e.count
        return out

    def rerooted(self, old_root: Path, new_root: Path) -> Baseline:
        """The same entries with paths relative to `new_root` instead of `old_root` (both resolved)."""
        if old_root == new_root:
            return self
        return _normalised(
            e if e.path == _STDIN else replace(e, path=_relative(old_root / e.path, new_root)) for e in self.entries
        )


# --------------------------------------------------------------------------- fingerprints


def neighbourhood(diagnostic: Diagnostic, source: str) -> str:
    """The matched text (whitespace collapsed) between up to CONTEXT_WORDS words either side on its own line(s).

    The words are normalised: lower case, punctuation dropped. A long match (a
    sentence or a whole reply that a metric rule reports) is its own context: its
    first and last CONTEXT_WORDS words, so an edit inside it does not make it new.
    """
    import re

    words = re.compile(r"\w+").findall
    start, end = diagnostic.span
    matched = source[start:end].split()
    if len(matched) > LONG_MATCH:
        inside = words(source[start:end].casefold())
        return " ".join(["[", *inside[:CONTEXT_WORDS], "...", *inside[-CONTEXT_WORDS:], "]"])
    line_start = source.rfind("\n", 0, start) + 1
    line_end = source.find("\n", end)
    if line_end == -1:
        line_end = len(source)
    before = words(source[max(line_start, start - _WINDOW) : start].casefold())[-CONTEXT_WORDS:]
    after = words(source[end : min(line_end, end + _WINDOW)].casefold())[:CONTEXT_WORDS]
    return " ".join([*before, "[", *matched, "]", *after])


def fingerprint(diagnostic: Diagnostic, source: str) -> str:
    """A hash of the rule id, the template name and the neighbourhood (not the line, not the path)."""
    import hashlib

    key = "\0".join((diagnostic.rule, diagnostic.template or "", neighbourhood(diagnostic, source)))
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def fingerprints(diagnostics: Sequence[Diagnostic], source: str) -> tuple[str, ...]:
    """One fingerprint per diagnostic, in order (what the runner stores in FileResult.fingerprints)."""
    source = lone_cr_as_lf(source)  # a neighbourhood stops at the end of its line, a lone CR's too
    return tuple(fingerprint(d, source) for d in diagnostics)


def relative_path(display: str, root: Path, stdin_name: str | None = None) -> str:
    """A result's path relative to `root` (resolved), with forward slashes; stdin is its --stdin-filename."""
    return _Paths(root, stdin_name)(display)


@dataclass
class _Paths:
    """relative_path for many files, resolving each folder once."""

    root: Path
    stdin_name: str | None = None
    _folders: dict[str, str] = field(default_factory=dict)

    def __call__(self, display: str) -> str:
        if display == _STDIN:
            if not self.stdin_name:
                return _STDIN
            display = self.stdin_name
        folder, name = os.path.split(display)
        if folder not in self._folders:
            self._folders[folder] = _relative(Path(os.path.abspath(folder or ".")), self.root, folder=True)
        relative = self._folders[folder]
        return name if relative == "." else f"{relative}/{name}"


def _relative(path: Path, root: Path, folder: bool = False) -> str:
    """`path` (its folders resolved; a linked file keeps its own name) relative to `root`, with forward slashes."""
    try:
        path = path.resolve() if folder else path.parent.resolve() / path.name
    except (OSError, RuntimeError):
        pass
    try:
        return os.path.relpath(path, root).replace(os.sep, "/")
    except ValueError:  # another drive
        return path.as_posix()


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _TEXT_MAX else text[: _TEXT_MAX - 3] + "..."


def _fingerprinted(result: FileResult) -> bool:
    return result.error is None and len(result.fingerprints) == len(result.diagnostics)


# --------------------------------------------------------------------------- building and matching


def from_results(results: Iterable[FileResult], root: Path, stdin_name: str | None = None) -> Baseline:
    """Every finding of the results that were linted (and fingerprinted), paths relative to `root`."""
    entries = []
    relative = _Paths(root, stdin_name)
    for result in results:
        if not _fingerprinted(result):
            continue
        path = relative(result.path)
        for d, fp in zip(result.diagnostics, result.fingerprints, strict=True):
            if d.rule not in _NEVER:
                entries.append(Entry(path, d.rule, d.template, _shown(d.matched), fp))
    return _normalised(entries)


def _normalised(entries: Iterable[Entry]) -> Baseline:
    """One entry per (path, fingerprint), counts summed, in a stable order."""
    merged: dict[tuple[str, str], Entry] = {}
    for e in entries:
        key = (e.path, e.fingerprint)
        old = merged.get(key)
        merged[key] = e if old is None else replace(old, count=old.count + e.count)
    return Baseline(tuple(sorted(merged.values(), key=_order)))


def _order(e: Entry) -> tuple[str, str, str, str, str]:
    return (e.path, e.rule, e.template or "", e.text, e.fingerprint)


@dataclass
class Matcher:
    """Drops the findings a baseline covers, one file at a time, and remembers what matched.

    Each file is compared with the whole baseline on its own, so linting a file
    twice in one run gives the same answer twice.
    """

    baseline: Baseline
    root: Path
    stdin_name: str | None = None
    _counts: dict[str, Counter[str]] = field(init=False)
    _paths: _Paths = field(init=False)
    _matched: dict[str, Counter[str]] = field(init=False, default_factory=dict)
    _display: dict[str, str] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._counts = self.baseline.counts()
        self._paths = _Paths(self.root, self.stdin_name)

    def new_findings(self, result: FileResult) -> FileResult:
        """`result` with only the findings the baseline does not cover (a file that failed is kept as it is)."""
        if not _fingerprinted(result):
            return result
        path = self._paths(result.path)
        known = self._counts.get(path, Counter())
        seen: Counter[str] = Counter()
        keep: list[int] = []
        for i, (d, fp) in enumerate(zip(result.diagnostics, result.fingerprints, strict=True)):
            if d.rule in _NEVER:
                keep.append(i)
                continue
            seen[fp] += 1
            if seen[fp] > known[fp]:
                keep.append(i)
        self._matched[path] = Counter({fp: min(n, known[fp]) for fp, n in seen.items() if known[fp]})
        self._display[path] = result.path
        if len(keep) == len(result.diagnostics):
            return result
        return result._replace(
            diagnostics=tuple(result.diagnostics[i] for i in keep),
            fingerprints=tuple(result.fingerprints[i] for i in keep),
        )

    def _exists(self, path: str) -> bool:
        """Whether a baselined file is still there (one that cannot be looked at counts as there)."""
        try:
            return (self.root / path).exists()
        except OSError:
            return True

    def outcome(
        self,
        exists: Callable[[str], bool] | None = None,
        checked: Callable[[str, str], bool] | None = None,
    ) -> tuple[Baseline, int]:
        """The baseline shrunk to what still matches, and how many baselined findings no longer match.

        Only files linted in this run are judged; an entry for a file that was not
        linted is kept, unless `exists(path)` says the file is gone. `checked(display,
        rule)` says whether a rule ran on a linted file (with --select/--ignore on the
        command line some did not): entries for rules that did not run are kept.
        """
        exists = exists or self._exists
        kept: list[Entry] = []
        fixed = 0
        for e in self.baseline.entries:
            matched = self._matched.get(e.path)
            if matched is None:
                if e.path != _STDIN and exists(e.path):
                    kept.append(e)
                else:
                    fixed += e.count
            elif checked is not None and not checked(self._display[e.path], e.rule):
                kept.append(e)
            else:
                still = min(e.count, matched[e.fingerprint])
                fixed += e.count - still
                if still:
                    kept.append(replace(e, count=still))
        return Baseline(tuple(kept)), fixed


def filter(results: Sequence[FileResult], baseline: Baseline, root: Path) -> tuple[list[FileResult], int]:
    """The results with only new findings, and the number of baselined findings that no longer match."""
    matcher = Matcher(baseline, root)
    new = [matcher.new_findings(r) for r in results]
    return new, matcher.outcome()[1]


# --------------------------------------------------------------------------- the file


def dump(baseline: Baseline) -> str:
    files: dict[str, list[dict[str, Any]]] = {}
    for e in sorted(baseline.entries, key=_order):
        item: dict[str, Any] = {"rule": e.rule}
        if e.template is not None:
            item["template"] = e.template
        item.update(match=e.text, fingerprint=e.fingerprint, count=e.count)
        files.setdefault(e.path, []).append(item)
    document = {"version": VERSION, "tool": "replylint", "files": files}
    from replylint.report.common import json_text

    return json_text(document, indent=2) + "\n"


def load(path: Path) -> Baseline:
    """Read and check a baseline file; BaselineError names the file (and line, or the entry) on failure."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found") from None
    except IsADirectoryError:
        raise BaselineError(f"{path}: cannot read baseline (is a directory)") from None
    except UnicodeDecodeError:
        raise BaselineError(f"{path}: cannot read baseline (not UTF-8 text)") from None
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline ({exc.strerror or exc})") from None
    return parse(text, str(path))


def parse(text: str, name: str) -> Baseline:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{name}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from None
    try:
        return _decode(data)
    except _Invalid as exc:
        raise BaselineError(f"{name}: not a valid replylint baseline: {exc}") from None


class _Invalid(Exception):
    pass


_TOP_KEYS = frozenset({"version", "tool", "files"})
_ENTRY_KEYS = frozenset({"rule", "template", "match", "fingerprint", "count"})


def _decode(data: object) -> Baseline:
    if not isinstance(data, dict):
        raise _Invalid(f"expected a JSON object, found {_kind(data)}")
    _no_unknown(data, _TOP_KEYS, "")
    version = data.get("version")
    if "version" not in data:
        raise _Invalid("missing 'version'")
    if version != VERSION or isinstance(version, bool):
        raise _Invalid(f"unsupported version {json.dumps(version)} (this replylint reads version {VERSION})")
    files = data.get("files")
    if not isinstance(files, dict):
        raise _Invalid(f"'files' must be an object of paths, found {_kind(files)}")
    entries: list[Entry] = []
    for path, items in files.items():
        where = f"files[{json.dumps(path, ensure_ascii=False)}]"
        if not isinstance(items, list):
            raise _Invalid(f"{where} must be a list, found {_kind(items)}")
        for i, item in enumerate(items):
            entries.append(_entry(path, item, f"{where}[{i}]"))
    return _normalised(entries)


def _entry(path: str, item: object, where: str) -> Entry:
    if not isinstance(item, dict):
        raise _Invalid(f"{where} must be an object, found {_kind(item)}")
    _no_unknown(item, _ENTRY_KEYS, where + ".")
    for key in ("rule", "fingerprint"):
        if not isinstance(item.get(key), str) or not item[key]:
            raise _Invalid(f"{where}.{key} must be a non-empty string")
    template, text, count = item.get("template"), item.get("match", ""), item.get("count", 1)
    if template is not None and not isinstance(template, str):
        raise _Invalid(f"{where}.template must be a string")
    if not isinstance(text, str):
        raise _Invalid(f"{where}.match must be a string")
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        raise _Invalid(f"{where}.count must be a whole number of at least 1")
    return Entry(path, item["rule"], template, text, item["fingerprint"], count)


def _no_unknown(data: Mapping[str, object], known: frozenset[str], prefix: str) -> None:
    for key in data:
        if key not in known:
            raise _Invalid(f"{prefix}{key}: unknown key")


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false", type(None): "null"}.get(
        type(value), "a number"
    )


def root_of(path: Path) -> Path:
    """The folder a baseline file's paths are relative to: its own (resolved)."""
    return Path(os.path.abspath(path)).parent.resolve()


def save(baseline: Baseline, path: Path) -> None:
    """Write the baseline file atomically; BaselineError names it when that fails."""
    from replylint.files import write_atomic

    try:
        write_atomic(path, dump(baseline).encode("utf-8"))
    except OSError as exc:
        reason = "is a directory" if isinstance(exc, IsADirectoryError) else (exc.strerror or str(exc)).lower()
        raise BaselineError(f"{path}: cannot write baseline ({reason})") from None
