"""Read a pack file, validate every key, and compile its rules."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from replylint.diagnostics import Applicability, Severity
from replylint.packs import kinds
from replylint.packs.yamlsource import LineDict, YamlError, load_yaml
from replylint.rule import RULE_ID_PATTERN, Example, Option, Rule

COMMON_KEYS = {
    "id", "kind", "category", "severity", "summary", "rationale", "message",
    "suggestion", "ignorecase", "fix", "exceptions", "unless", "unless-reply", "examples",
}  # fmt: skip
KIND_KEYS = {
    "existence": {"tokens"},
    "substitution": {"swap"},
    "occurrence": {"token", "max", "min", "scope"},
    "required": {"trigger", "require"},
    "metric": {"metric", "max", "min", "scope", "min-words"},
}
REQUIRED_KEYS = {"id", "kind", "category", "severity", "summary", "rationale", "message", "examples"}
_ID = re.compile(RULE_ID_PATTERN)


class PackError(Exception):
    """A pack that cannot be loaded; the message names the file and line."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


class _Where:
    def __init__(self, path: str, rule_id: str | None, mapping: LineDict) -> None:
        self.path, self.rule_id, self.mapping = path, rule_id, mapping

    def error(self, key: str | None, message: str) -> PackError:
        line = self.mapping.line_of(key) if key else self.mapping.line
        who = f"rule {self.rule_id!r}: " if self.rule_id else ""
        return PackError(f"{self.path}:{line}: {who}{message}")


def load_packs(paths: Iterable[Path], trusted: bool = False) -> list[Rule]:
    """Load pack files and directories of them (*.yaml, *.yml), in name order.

    `trusted` is for the first-party packs only: their patterns skip the time limit.
    """
    rules: list[Rule] = []
    for path in paths:
        files = sorted([*path.glob("*.yaml"), *path.glob("*.yml")]) if path.is_dir() else [path]
        for file in files:
            rules.extend(load_pack(file, trusted))
    return rules


def load_pack(path: Path, trusted: bool = False) -> list[Rule]:
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PackError(f"{name}: rule pack not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{name}: cannot read rule pack ({exc})") from None
    return parse_pack(text, name, trusted)


def parse_pack(text: str, name: str, trusted: bool = False) -> list[Rule]:
    try:
        data = load_yaml(text)
    except YamlError as exc:  # one line: PyYAML adds "in <unicode string>, position N" on a line of its own
        line = exc.line or _bad_character_line(text)
        raise PackError(f"{name}:{line}: {exc.message.splitlines()[0]}") from None
    except RecursionError:
        raise PackError(f"{name}:1: invalid YAML: nested too deeply") from None
    except (ValueError, OverflowError) as exc:  # a value PyYAML cannot build, such as the date 2024-13-45
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PackError(f"{name}: invalid YAML: {detail}") from None
    return rules_from_data(data, name, trusted)


def _bad_character_line(text: str) -> int:
    """The line of the first character YAML does not allow (PyYAML reports only its offset), else 1."""
    import yaml

    try:
        yaml.reader.Reader(text)
    except yaml.reader.ReaderError as exc:
        return text.count("\n", 0, exc.position) + 1
    return 1


def rules_from_data(data: object, name: str, trusted: bool = False) -> list[Rule]:
    """Validate and compile a pack already read into Python values."""
    if not isinstance(data, LineDict) or set(data) != {"rules"} or not isinstance(data["rules"], list):
        line = data.line if isinstance(data, LineDict) else 1
        extra = sorted(set(data) - {"rules"}) if isinstance(data, LineDict) else []
        hint = f"; unknown key {extra[0]!r}{did_you_mean(extra[0], ['rules'])}" if extra else ""
        raise PackError(f"{name}:{line}: a rule pack is a mapping with one key, 'rules', holding a list of rules{hint}")
    rules, seen = [], {}
    for item in data["rules"]:
        if not isinstance(item, LineDict):
            raise PackError(f"{name}:{data.line_of('rules')}: each entry under 'rules' must be a mapping")
        rule = _build(item, name, trusted)
        if rule.id in seen:
            raise PackError(f"{name}:{item.line}: duplicate rule id {rule.id!r} (first on line {seen[rule.id]})")
        seen[rule.id] = item.line
        rules.append(rule)
    return rules


def _build(item: LineDict, path: str, trusted: bool) -> Rule:
    rule_id = item.get("id") if isinstance(item.get("id"), str) else None
    where = _Where(path, rule_id, item)
    for key in sorted(REQUIRED_KEYS - set(item)):
        raise where.error(None, f"missing required key {key!r}")
    kind = _str(item, "kind", where)
    if kind not in KIND_KEYS:
        raise where.error(
            "kind", f"unknown kind {kind!r}{did_you_mean(kind, KIND_KEYS)}; expected one of {', '.join(KIND_KEYS)}"
        )
    allowed = COMMON_KEYS | KIND_KEYS[kind]
    for key in item:
        if key not in allowed:
            raise where.error(key, f"unknown key {key!r} for kind {kind!r}{did_you_mean(key, allowed)}")
    if not _ID.fullmatch(rule_id or ""):
        raise where.error("id", f"rule id {item['id']!r} must be lowercase words joined by '-', e.g. 'jargon-acronym'")
    category = _str(item, "category", where)
    if not _ID.fullmatch(category):
        raise where.error("category", f"category {category!r} must be lowercase words joined by '-'")
    try:
        severity = Severity.parse(_str(item, "severity", where))
    except ValueError as exc:
        raise where.error("severity", str(exc)) from None
    fix = None
    if "fix" in item:
        try:
            fix = Applicability(_str(item, "fix", where))
        except ValueError:
            raise where.error("fix", f"fix must be one of safe, unsafe, display, not {item['fix']!r}") from None
    ignorecase = item.get("ignorecase", True)
    if not isinstance(ignorecase, bool):
        raise where.error("ignorecase", "ignorecase must be true or false")
    message = _str(item, "message", where)
    try:
        common = kinds.Common(
            id=rule_id or "",
            message=message,
            suggestion=_str(item, "suggestion", where) if "suggestion" in item else None,
            ignorecase=ignorecase,
            fix=fix,
            trusted=trusted,
            exceptions=_optional_tokens(item, "exceptions", where, ignorecase, trusted),
            unless=_optional_tokens(item, "unless", where, ignorecase, trusted),
            unless_reply=_optional_tokens(item, "unless-reply", where, ignorecase, trusted),
        )
        kinds.check_template(message, "message", ("match", "replacement", "count", "limit", "value"))
        check, options, configure = _compile_kind(kind, item, common, where)
    except kinds.KindError as exc:
        raise where.error(exc.key, exc.message) from None
    bad, good = _examples(item, where)
    return Rule(
        id=rule_id or "",
        category=category,
        severity=severity,
        summary=_str(item, "summary", where),
        rationale=_str(item, "rationale", where),
        check=check,
        bad=bad,
        good=good,
        fix=fix,
        origin=f"{path}:{item.line}" if item.line else path,
        term_rule=kind in ("existence", "substitution") and category == "jargon",
        options=options,
        configure=configure,
    )


Compiled = tuple[kinds.Check, tuple[Option, ...], Callable[[Mapping[str, Any]], kinds.Check] | None]


def _compile_kind(kind: str, item: LineDict, common: kinds.Common, where: _Where) -> Compiled:
    """The check, and for occurrence and metric rules the `max`/`min` options a config may change."""
    if kind in ("existence", "substitution", "required"):
        return _compile_pattern_kind(kind, item, common, where), (), None
    scope = item.get("scope", "document")
    if scope not in ("document", "sentence"):
        raise where.error("scope", f"scope must be 'document' or 'sentence', not {scope!r}")
    maximum, minimum = _number(item, "max", where), _number(item, "min", where)
    if maximum is None and minimum is None:
        raise where.error(None, f"a {kind} rule needs 'max' or 'min'")
    number = "integer" if kind == "occurrence" else "number"
    if kind == "occurrence":
        maximum, minimum = _int(maximum, "max", where), _int(minimum, "min", where)
    options = (
        Option("max", number, maximum, "report above this (unset: no maximum)"),
        Option("min", number, minimum, "report below this (unset: no minimum)"),
    )
    if kind == "occurrence":
        tokens = _strs(item, "token", where)

        def configure(values: Mapping[str, Any]) -> kinds.Check:
            return kinds.occurrence(common, tokens, values["max"], values["min"], scope)

    else:
        name = _str(item, "metric", where)
        if name not in kinds.METRICS:
            raise where.error(
                "metric",
                f"unknown metric {name!r}{did_you_mean(name, kinds.METRICS)}; expected one of {', '.join(kinds.METRICS)}",
            )

        min_words = _int(_number(item, "min-words", where), "min-words", where) or 0
        options += (
            Option(
                "min-words", "integer", min_words, "measure only replies or sentences with at least this many words"
            ),
        )

        def configure(values: Mapping[str, Any]) -> kinds.Check:
            return kinds.metric(common, name, values["max"], values["min"], scope, values.get("min-words", 0) or 0)

    return configure({o.name: o.default for o in options}), options, configure


def _compile_pattern_kind(kind: str, item: LineDict, common: kinds.Common, where: _Where) -> kinds.Check:
    if kind == "existence":
        return kinds.existence(common, _strs(item, "tokens", where))
    if kind == "substitution":
        swap = item.get("swap")
        if not isinstance(swap, dict) or not swap or not all(isinstance(v, str) and v for v in swap.values()):
            raise where.error("swap", "swap must be a non-empty mapping of pattern: replacement (strings)")
        return kinds.substitution(common, dict(swap))
    return kinds.required(common, _strs(item, "trigger", where), _strs(item, "require", where))


def _optional_tokens(item: LineDict, key: str, where: _Where, ignorecase: bool, trusted: bool) -> kinds.TokenSet | None:
    if key not in item:
        return None
    return kinds.compile_tokens(_strs(item, key, where), ignorecase, key, trusted)


def _examples(item: LineDict, where: _Where) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    examples = item.get("examples")
    if not isinstance(examples, LineDict) or not set(examples) <= {"bad", "good"}:
        raise where.error("examples", "examples must be a mapping with lists 'bad' and 'good'")
    sub = _Where(where.path, where.rule_id, examples)
    bad = tuple(Example(t) for t in _strs(examples, "bad", sub))
    good = tuple(Example(t) for t in _strs(examples, "good", sub))
    return bad, good


def _str(item: LineDict, key: str, where: _Where) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise where.error(key, f"{key!r} must be a non-empty string")
    return value


def _strs(item: LineDict, key: str, where: _Where) -> list[str]:
    value = item.get(key)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise where.error(key, f"{key!r} must be a non-empty list of strings")
    return value


def _number(item: LineDict, key: str, where: _Where) -> float | None:
    value = item.get(key)
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise where.error(key, f"{key!r} must be a number")
    return value


def _int(value: float | None, key: str, where: _Where) -> int | None:
    if value is not None and value != int(value):
        raise where.error(key, f"{key!r} must be a whole number")
    return None if value is None else int(value)
