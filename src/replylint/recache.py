"""A cache of compiled regular-expression programs, kept between runs.

(The file is written with `marshal`, the fastest reader for plain lists, tuples,
dicts and strings; it is read only from this cache folder, never from input.)

Python compiles a regular expression in pure Python (about 0.1 ms for one rule
token), and the rule packs hold hundreds of tokens: on a one-draft run that is
most of the time spent. The compiled program is a list of integers that only
depends on the pattern, its flags and the Python build, so it can be kept on
disk and handed straight to the C engine next time (about 1 microsecond).

- Where: `$REPLYLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/replylint`, else
  `~/.cache/replylint`; one file per Python build and `_sre.MAGIC`, and per
  replylint code (see _code_tag). `REPLYLINT_CACHE_DIR=""` (empty) turns the cache off.
- Safety: entries are keyed by the exact pattern text and flags, so a rule
  change can never reuse a stale program; what replylint's own code adds (start
  sets, the wrapping, gates and needs of phrase tokens) is keyed by the code that
  made it: an upgrade, or an edited module, starts a new file. A file that cannot
  be read or does not fit this Python is ignored; writes are atomic (temporary
  file, rename), so concurrent runs (pre-commit, --jobs) at worst redo some work.
  Cache files of other code or Python builds, unused for STALE_DAYS, are removed.
- Anything unexpected falls back to `re.compile`.

This uses CPython's private `re._parser`, `re._compiler` and `_sre.compile`
(stable from 3.11 to 3.13); any error there also falls back to `re.compile`.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

MAX_ENTRIES = 20_000  # the first-party rules need about 4,000 (programs and memos)
STALE_DAYS = 30  # days unused after which another build's cache file is removed
# The modules whose results the cache keeps, besides what re's compiler makes: start sets,
# phrase wrapping and gates, needs.
_CODE = ("recache.py", "startset.py", "tokens.py", "analysis.py")
_Key = tuple[str, Any]  # (pattern, flags) for programs, (text, kind) for memo()


class _Cache:
    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[_Key, Any] | None = None
        self.added = 0
        self.used: set[_Key] = set()

    def load(self) -> dict[_Key, Any]:
        if self.entries is None:
            self.entries = {}
            if self.path is not None:
                try:
                    import marshal

                    data = marshal.loads(self.path.read_bytes())  # load(file) reads in small pieces: 10x slower
                    if isinstance(data, dict):
                        self.entries = data
                except Exception:  # noqa: BLE001 - a bad cache file is only a missed shortcut
                    self.entries = {}
        return self.entries

    def save(self) -> None:
        if self.path is None or self.entries is None:
            return
        # Entries no run uses any more (after an upgrade, or a rule edit) only slow the load
        # (about 2 ms for the first-party rules' full set). A one-draft run uses a small part of
        # what a library run compiled, so pruning to one run's entries would make the two undo
        # each other's work: prune only when the file has grown well past the rules' full set.
        stale = len(self.entries) > MAX_ENTRIES and len(self.entries) > 2 * len(self.used)
        if stale:
            self.entries = {k: v for k, v in self.entries.items() if k in self.used}
        if not self.added and not stale:
            return
        tmp = ""
        try:
            import marshal
            import tempfile

            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".re-", suffix=".tmp")
            new = not self.path.exists()
            with os.fdopen(fd, "wb") as handle:
                handle.write(marshal.dumps(self.entries))
            os.replace(tmp, self.path)
            if new:
                _remove_stale(self.path)
        except Exception:  # noqa: BLE001 - never fail a lint run over a cache
            if tmp:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass


def _remove_stale(path: Path) -> None:
    """Remove the cache files beside `path` that no run has written for STALE_DAYS (other replylint
    code or Python builds: after upgrades they would pile up). Only when a new file is made."""
    import time

    cutoff = time.time() - STALE_DAYS * 86400
    for other in path.parent.glob("re*.marshal"):
        try:
            if other != path and other.stat().st_mtime < cutoff:
                other.unlink()
        except OSError:
            pass


def _cache_path() -> Path | None:
    configured = os.environ.get("REPLYLINT_CACHE_DIR")
    if configured == "":
        return None
    if configured:
        folder = Path(configured)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = Path(base) / "replylint"
    try:
        import _sre

        magic = _sre.MAGIC
    except (ImportError, AttributeError):
        return None
    tag = f"{sys.implementation.cache_tag}-{magic}-{sys.version_info.releaselevel}{sys.version_info.micro}"
    return folder / f"re4-{tag}-{_code_tag()}.marshal"  # re4: programs stored packed, with start sets


def _code_tag() -> str:
    """Which replylint code fills the cache: its version, and the size and time of each module in
    _CODE, as Python checks a module's compiled file. A stale start set or gate would change
    findings, not just speed, so a change in any of them starts a new cache."""
    import zlib

    from replylint import __version__

    here = os.path.dirname(os.path.abspath(__file__))
    stamps = [__version__]
    for name in _CODE:
        try:
            info = os.stat(os.path.join(here, name))
            stamps.append(f"{name}:{info.st_size}:{info.st_mtime_ns}")
        except OSError:  # not installed as files (a zip): the version alone
            stamps.append(name)
    return format(zlib.crc32("|".join(stamps).encode()), "08x")


_state: dict[str, _Cache] = {}  # the one cache of this process, made on first use


def _cache() -> _Cache:
    cache = _state.get("cache")
    if cache is None:
        cache = _state["cache"] = _Cache(_cache_path())
        if cache.path is not None:
            import atexit

            atexit.register(cache.save)
    return cache


def flush() -> None:
    """Save what this process added now (a worker process exits without running atexit)."""
    cache = _state.get("cache")
    if cache is not None:
        cache.save()
        cache.added = 0


def memo(kind: str, text: str, compute: Callable[[str], Any]) -> Any:
    """`compute(text)`, remembered between runs with the compiled patterns (for pure, costly text functions)."""
    cache = _cache()
    if cache.path is None:
        return compute(text)
    entries = cache.load()
    key = (text, kind)
    cache.used.add(key)
    if key in entries:
        return entries[key]
    value = entries[key] = compute(text)
    cache.added += 1
    return value


def compile(source: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - mirrors re.compile
    """Like `re.compile`, with the compiled program cached between runs (and a start set, see startset.py)."""
    flags = int(flags)  # as re.compile does: the compiler tests flags thousands of times, and enum flags are slow
    cache = _cache()
    entries = cache.load()  # in memory only when the cache is off
    key = (source, flags)
    cache.used.add(key)
    args = entries.get(key)
    try:
        import _sre

        if args is None:
            from re import _compiler, _parser

            from replylint.startset import with_start_set

            parsed = _parser.parse(source, flags)
            code = with_start_set(_compiler._code(parsed, flags), parsed, flags)
            groupindex = parsed.state.groupdict
            indexgroup = [None] * parsed.state.groups
            for name, index in groupindex.items():
                indexgroup[index] = name
            code_list = [int(c) for c in code]  # opcodes are int subclasses
            args = (
                flags | parsed.state.flags,
                _packed(code_list),
                parsed.state.groups - 1,
                dict(groupindex),
                tuple(indexgroup),
            )
            pattern = _sre.compile(source, args[0], code_list, *args[2:])
            entries[key] = args
            cache.added += 1
            return pattern
        return _sre.compile(source, args[0], _unpacked(args[1]), *args[2:])
    except Exception:  # noqa: BLE001 - private API changed: behave exactly like re.compile
        entries.pop(key, None)
        return re.compile(source, flags)


# The program is kept as packed 32-bit words, not a list of ints: marshal reads a
# bytes object in one copy, and a whole cache of int lists took 10 ms to load.
def _packed(code: list[int]) -> bytes:
    import array

    return array.array("I", code).tobytes()


def _unpacked(code: bytes | list[int]) -> list[int]:
    if isinstance(code, list):
        return code
    import array

    words = array.array("I")
    words.frombytes(code)
    return words.tolist()
