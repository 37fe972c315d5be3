"""Configuration: discovery, parsing and strict validation into frozen Settings.

Config lives in `.replylint.toml` (top-level keys) or in `pyproject.toml` under
`[tool.replylint]`, found by walking up from each linted file; `--config`
names one file for the whole run. Every mistake is an error that names the
file, the line where it can be found, the key, and a close match.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from replylint.diagnostics import Severity

if TYPE_CHECKING:
    from replylint.formats.library.fields import TemplateSpec

CONFIG_NAMES = (".replylint.toml", "pyproject.toml")

KEYS = {
    "select": "a list of rule ids, id prefixes or categories to check (default: all)",
    "ignore": "a list of rule ids, id prefixes or categories to skip",
    "severity": 'a table of rule id = "info" | "warning" | "error"',
    "per-file-ignores": "a table of glob = [rules to skip in matching files]",
    "packs": "a list of extra rule pack files or folders, relative to the config file",
    "vocabulary": "a table with 'allow' (terms never flagged) and 'ban' (terms always flagged)",
    "fail-on": "the lowest severity that makes the exit code 1: info, warning or error",
    "exclude": "a list of globs of files and folders to skip when walking directories",
    "include": "a list of globs of files to lint when walking directories (default: the known file endings)",
    "options": "a table per rule id of that rule's options, e.g. [options.readability-grade] max = 8",
    "templates": 'a table of glob = { fields = ["macros[*].actions[*].value"], name = "title" } for YAML/JSON/CSV files',
}
VOCABULARY_KEYS = ("allow", "ban")


class ConfigError(Exception):
    """A mistake in a config file. The message is one line: a line break inside a key or value it
    quotes (a TOML key may hold one, "a\\nb") is shown escaped."""

    def __init__(self, message: str) -> None:
        super().__init__(message.translate(_LINE_BREAKS))


# Every character str.splitlines() breaks at, as its escape.
_LINE_BREAKS = {ord(c): repr(c)[1:-1] for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}


@dataclass(frozen=True)
class Settings:
    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    packs: tuple[Path, ...] = ()
    allow: tuple[str, ...] = ()
    ban: tuple[tuple[str, str], ...] = ()
    fail_on: Severity | None = None
    exclude: tuple[str, ...] = ()
    options: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    include: tuple[str, ...] = ()  # empty: every file with a known ending
    templates: tuple[TemplateSpec, ...] = ()  # which fields of YAML/JSON/CSV files are templates, per glob

    def options_for(self) -> dict[str, dict[str, Any]]:
        return {rule_id: dict(values) for rule_id, values in self.options}

    def ignored_for(self, path: Path) -> tuple[str, ...]:
        """Rules the per-file-ignores switch off for `path`."""
        try:
            relative = path.resolve().relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):  # outside the root, or a symlink loop
            relative = path.as_posix()
        out: list[str] = []
        for glob, names in self.per_file_ignores:
            if glob_matches(glob, relative):
                out.extend(names)
        return tuple(out)

    def is_excluded(self, path: Path) -> bool:
        try:
            relative = path.resolve().relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):
            return False
        return any(glob_matches(g, relative) for g in self.exclude)

    def templates_for(self, path: Path) -> TemplateSpec | None:
        """The first `templates` entry whose glob matches `path` (None: find the templates by their shape)."""
        if not self.templates:
            return None
        try:
            relative = path.resolve().relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):
            relative = path.as_posix()
        return next((spec for spec in self.templates if glob_matches(spec.glob, relative)), None)

    def is_included(self, path: Path) -> bool:
        """Whether walking a folder picks `path`, by the `include` globs (relative to the config's folder)."""
        try:
            relative = path.resolve().relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):  # outside the root: only name-only globs can match
            relative = path.name
        return any(glob_matches(g, relative) for g in self.include)


def glob_matches(glob: str, relative: str) -> bool:
    """gitignore-like: '*' stays within a folder, '**' crosses folders; a glob without '/' matches any name."""
    pattern = _glob_regex(glob)
    if "/" not in glob.rstrip("/"):
        return any(pattern.fullmatch(part) for part in relative.split("/"))
    return bool(pattern.fullmatch(relative)) or any(
        pattern.fullmatch("/".join(relative.split("/")[:i])) for i in range(1, relative.count("/") + 1)
    )


def _glob_regex(glob: str) -> re.Pattern[str]:
    """The glob as a regular expression for `fullmatch`.

    A folder's part of the glob ("segment") with two or more single stars is written as
    fnmatch writes a pattern, each star but the last an atomic lazy group ("*a*b" ->
    `(?>[^/]*?a)[^/]*b`): the plain form tries every way of placing the stars on a name that
    does not match (seconds for "*a*a*a*a*a*b" on a long one). Within one segment every star matches the same
    characters (anything but "/"), where taking the first place each piece fits never loses
    a match. Other segments keep the plain form, "**" included.
    """
    segments = glob.strip("/").split("/")
    parts = []
    for i, segment in enumerate(segments):
        tail = "/" if i < len(segments) - 1 else ""
        if "**" not in segment and segment.count("*") >= 2:
            pieces = [_plain_glob(piece) for piece in segment.split("*")]
            middle = "".join(f"(?>[^/]*?{piece})" for piece in pieces[1:-1])
            parts.append(f"{pieces[0]}{middle}[^/]*{pieces[-1]}{tail}")
        else:
            parts.append(_plain_glob(segment + tail))
    return re.compile("".join(parts))


def _plain_glob(glob: str) -> str:
    out: list[str] = []
    i = 0

    def star(piece: str) -> None:
        # A run of stars ("*****x") would be as many quantifiers in a row, which backtrack for ever on a
        # name that does not match: keep one, the widest (the same names match).
        last = out[-1] if out else ""
        if piece == last or (piece == "[^/]*" and last == ".*"):
            return
        if piece == ".*" and last == "[^/]*":
            out[-1] = piece
            return
        out.append(piece)

    while i < len(glob):
        if glob.startswith("**/", i):
            star("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            star(".*")
            i += 2
        elif glob[i] == "*":
            star("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return "".join(out)


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above `start` (a folder)."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if _is_file(candidate) and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _is_file(path: Path) -> bool:
    """Path.is_file, False where it raises (a name too long: a --stdin-filename can be anything)."""
    try:
        return path.is_file()
    except OSError:
        return False


def _has_tool_table(path: Path) -> bool:
    try:
        return "[tool.replylint" in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def load_settings(path: Path) -> Settings:
    import tomllib

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: config is not UTF-8 text") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column \d+\)$", str(exc))
        message = str(exc)[: where.start()].strip() if where else str(exc)
        raise ConfigError(f"{path}{':' + where.group(1) if where else ''}: invalid TOML: {message}") from None
    prefix = ""
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("replylint", {})
        prefix = "tool.replylint."
    return parse_settings(data, path, text, prefix)


def parse_settings(data: dict[str, Any], path: Path, text: str = "", prefix: str = "") -> Settings:
    def fail(key: str, message: str) -> ConfigError:
        table, _, rest = key.partition(".")
        line = _line_of(text, rest if table == "per-file-ignores" and rest else key.rsplit(".", 1)[-1])
        where = f"{path}:{line}" if line else str(path)
        return ConfigError(f"{where}: {prefix}{key}: {message}")

    for key in data:
        if key not in KEYS:
            raise fail(key, f"unknown key{did_you_mean(key, KEYS)}; known keys: {', '.join(KEYS)}")

    def str_list(key: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, f"expected a list of strings, got {type_name(value)}")
        return tuple(value)

    root = path.parent
    select = str_list("select", data["select"]) if "select" in data else ()
    ignore = str_list("ignore", data["ignore"]) if "ignore" in data else ()
    exclude = str_list("exclude", data["exclude"]) if "exclude" in data else ()
    include = str_list("include", data["include"]) if "include" in data else ()
    packs = tuple(root / p for p in str_list("packs", data["packs"])) if "packs" in data else ()
    for pack, given in zip(packs, data.get("packs", ()), strict=True):
        try:
            found = pack.exists()
        except OSError as exc:  # a name too long, a folder on the way that cannot be read...
            raise fail("packs", f"rule pack {given!r} cannot be read ({exc.strerror or exc})") from None
        if not found:
            raise fail("packs", f"rule pack {given!r} not found (looked for {pack})")

    severity: list[tuple[str, Severity]] = []
    table = data.get("severity", {})
    if not isinstance(table, dict):
        raise fail("severity", f"expected a table of rule = severity, got {type_name(table)}")
    for rule_id, level in table.items():
        if not isinstance(level, str):
            raise fail(f"severity.{rule_id}", f'expected "info", "warning" or "error", got {type_name(level)}')
        try:
            severity.append((rule_id, Severity.parse(level)))
        except ValueError:
            raise fail(
                f"severity.{rule_id}", f"unknown severity {level!r}{did_you_mean(level, ('info', 'warning', 'error'))}"
            ) from None

    per_file: list[tuple[str, tuple[str, ...]]] = []
    table = data.get("per-file-ignores", {})
    if not isinstance(table, dict):
        raise fail("per-file-ignores", f"expected a table of glob = [rules], got {type_name(table)}")
    for glob, names in table.items():
        per_file.append((glob, str_list(f"per-file-ignores.{glob}", names)))

    vocabulary = data.get("vocabulary", {})
    if not isinstance(vocabulary, dict):
        raise fail("vocabulary", f"expected a table with 'allow' and 'ban', got {type_name(vocabulary)}")
    for key in vocabulary:
        if key not in VOCABULARY_KEYS:
            raise fail(f"vocabulary.{key}", f"unknown key{did_you_mean(key, VOCABULARY_KEYS)}; known keys: allow, ban")
    allow = str_list("vocabulary.allow", vocabulary["allow"]) if "allow" in vocabulary else ()
    ban_value = vocabulary.get("ban", [])
    if isinstance(ban_value, dict):
        if not all(isinstance(v, str) for v in ban_value.values()):
            raise fail("vocabulary.ban", 'expected a table of term = "replacement" (strings)')
        ban = tuple(ban_value.items())
    else:
        ban = tuple((term, "") for term in str_list("vocabulary.ban", ban_value))
    for key, terms in (("vocabulary.allow", allow), ("vocabulary.ban", [term for term, _ in ban])):
        if any(not term.strip() for term in terms):
            raise fail(key, "a term must hold a word: an empty one would match everywhere")

    fail_on = None
    if "fail-on" in data:
        value = data["fail-on"]
        if not isinstance(value, str) or value not in ("info", "warning", "error"):
            raise fail("fail-on", f'expected "info", "warning" or "error", got {value!r}')
        fail_on = Severity.parse(value)

    options: list[tuple[str, tuple[tuple[str, Any], ...]]] = []
    table = data.get("options", {})
    if not isinstance(table, dict):
        raise fail("options", f"expected a table of rule id = {{ option = value }}, got {type_name(table)}")
    for rule_id, values in table.items():
        if not isinstance(values, dict):
            raise fail(f"options.{rule_id}", f"expected a table of option = value, got {type_name(values)}")
        options.append((rule_id, tuple(values.items())))

    return Settings(
        path,
        root,
        select,
        ignore,
        tuple(severity),
        tuple(per_file),
        packs,
        allow,
        ban,
        fail_on,
        exclude,
        tuple(options),
        include=include,
        templates=_templates(data, path, text, prefix),
    )


def _templates(data: dict[str, Any], path: Path, text: str, prefix: str) -> tuple[TemplateSpec, ...]:
    """The `templates` table, checked (see formats/library/fields.py)."""
    if "templates" not in data:
        return ()
    from replylint.formats import FORMATS
    from replylint.formats.library.fields import TemplateConfigError, line_of, parse_templates

    try:
        return parse_templates(data["templates"], FORMATS)
    except TemplateConfigError as exc:
        line = line_of(text, exc.glob, exc.subkey)
        raise ConfigError(f"{path}{':' + str(line) if line else ''}: {prefix}{exc.key}: {exc.message}") from None


def check_rule_options(settings: Settings, get: Callable[[str], Any], suggest: Callable[[str], str]) -> None:
    """Every `options.<rule-id>` must name a rule and only options that rule takes, with the right types."""
    path = settings.path or Path("<config>")
    prefix = "tool.replylint." if path.name == "pyproject.toml" else ""
    text = _read(path)
    for rule_id, values in settings.options:

        def fail(key: str, message: str, rule_id: str = rule_id) -> ConfigError:
            line = _line_of(text, key or rule_id) if text else 0
            return ConfigError(
                f"{path}{':' + str(line) if line else ''}: {prefix}options.{rule_id}{key and '.' + key}: {message}"
            )

        rule = get(rule_id)
        if rule is None:
            raise fail("", f"unknown rule {rule_id!r}{suggest(rule_id)}")
        declared = {o.name: o for o in rule.options}
        for key, value in values:
            if key not in declared:
                takes = f"; {rule_id} takes: {', '.join(declared)}" if declared else f"; {rule_id} takes no options"
                raise fail(key, f"unknown option{did_you_mean(key, declared)}{takes}")
            option = declared[key]
            if not option.accepts(value):
                expected = {
                    "number": "a number",
                    "integer": "a whole number",
                    "strings": "a list of strings",
                    "boolean": "true or false",
                }
                raise fail(key, f"expected {expected[option.kind]}, got {type_name(value)}")


def check_rule_names(settings: Settings, is_known: Callable[[str], bool], suggest: Callable[[str], str]) -> None:
    """Every rule or category the config names must exist."""
    named = [("select", n) for n in settings.select] + [("ignore", n) for n in settings.ignore]
    named += [(f"severity.{n}", n) for n, _ in settings.severity]
    named += [(f"per-file-ignores.{g}", n) for g, names in settings.per_file_ignores for n in names]
    for key, name in named:
        if name not in ("all", "ALL") and not is_known(name):
            path = settings.path or Path("<config>")
            prefix = "tool.replylint." if path.name == "pyproject.toml" else ""
            text = _read(path)
            line = _line_of(text, key.split(".", 1)[0]) if text else 0
            where = f"{path}:{line}" if line else str(path)
            raise ConfigError(f"{where}: {prefix}{key}: unknown rule or category {name!r}{suggest(name)}")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _line_of(text: str, key: str) -> int:
    """The first line that sets `key` (bare or quoted) or opens a table of that name."""
    pattern = re.compile(rf"""^\s*(?:["']?{re.escape(key)}["']?\s*=|\[[^\]]*\b{re.escape(key)}\])""", re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 0


def did_you_mean(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def type_name(value: Any) -> str:
    return {
        str: "a string",
        int: "a number",
        float: "a number",
        bool: "a boolean",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)
