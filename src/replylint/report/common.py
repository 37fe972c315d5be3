"""Pieces several reporters share: a finding's words, report paths and stable fingerprints."""

from __future__ import annotations

import posixpath
import re
from collections import Counter

from replylint.diagnostics import Diagnostic, FileResult

STDIN = "<stdin>"


def detail(d: Diagnostic) -> str:
    """The message with its replacement (`: "x" -> "y"`) or advice (` (try: ...)`), on one line."""
    text = d.message
    if d.replacements:
        text += ': "' + " ".join(d.matched.split()) + '" -> ' + " | ".join(f'"{r}"' for r in d.replacements)
    elif d.suggestion:
        text += f" (try: {d.suggestion})"
    return text


def with_template(text: str, d: Diagnostic) -> str:
    """`text`, then ` [template: NAME]` when the finding lies in a template of a library."""
    return text if d.template is None else f"{text} [template: {d.template}]"


def printable(text: str) -> str:
    """`text` with each lone surrogate as U+FFFD: how Python reads a file name that is not UTF-8
    (`r\\udce9ply.txt` for the bytes `r\\xe9ply.txt`), which no UTF-8 output can hold."""
    if text.isascii() or _surrogates().search(text) is None:
        return text
    return _surrogates().sub("\ufffd", text)


def json_text(value: object, **options: object) -> str:
    """json.dumps without ASCII escapes that is always UTF-8: a lone surrogate (a file name that is
    not UTF-8) is written as its `\\u` escape, which reads back as the same name."""
    import json

    text = json.dumps(value, ensure_ascii=False, **options)  # type: ignore[arg-type]
    if text.isascii() or _surrogates().search(text) is None:
        return text
    return _surrogates().sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _surrogates() -> re.Pattern[str]:
    return re.compile("[\ud800-\udfff]")  # re caches it


def one_line(text: str) -> str:
    return " ".join(text.splitlines())


def report_path(path: str, cwd: str = "") -> str:
    """A result's path as reports show it: forward slashes, relative to `cwd` when it lies below it."""
    shown = path.replace("\\", "/")
    if cwd and (posixpath.isabs(shown) or shown[1:3] == ":/"):  # /x or a Windows drive, C:/x
        root = cwd.replace("\\", "/").rstrip("/") + "/"
        if shown.startswith(root):
            shown = shown[len(root) :]
    while shown.startswith("./"):
        shown = shown[2:]
    return shown


def fingerprints(result: FileResult, path: str) -> list[str]:
    """A stable id per finding: a hash of the rule, the path and the matched words with their neighbourhood.

    The neighbourhood comes from `FileResult.fingerprints` (the runner fills them from the
    source text when asked; without them only the matched text is used). Line numbers are
    left out, so an id survives lines moving above it; findings that would share an id get
    an occurrence number (0, 1, 2, ...) in the order of the file.
    """
    import hashlib

    if len(result.fingerprints) == len(result.diagnostics):
        local = list(result.fingerprints)
    else:
        local = ["\0".join((d.rule, d.template or "", " ".join(d.matched.split()))) for d in result.diagnostics]
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for d, key in zip(result.diagnostics, local, strict=True):
        n = seen[(d.rule, key)]
        seen[(d.rule, key)] += 1
        text = "\0".join(("replylint", d.rule, path, key, str(n)))
        out.append(hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32])
    return out


def error_fingerprint(path: str, message: str) -> str:
    import hashlib

    text = "\0".join(("replylint", "file-error", path, message))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
