"""The compiled-pattern cache: same behaviour as re.compile, across runs, and never a failure."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from replylint import recache

PATTERNS = [
    (r"(?<![\w-])(?:you\s+should(?:n't|\s+not)?\s+have)(?![\w-])", re.IGNORECASE),
    (r"(?P<amount>\d+(?:\.\d\d)?)\s*(?:USD|EUR)", 0),
    (r"^[ \t]*>.*$", re.MULTILINE),
]
TEXT = "You shouldn't have waited.\n> 12.50 EUR quoted\nNo, you should have asked. 7 USD"


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("REPLYLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(recache, "_state", {})
    return tmp_path / "cache"


def _same(a: re.Pattern[str], b: re.Pattern[str]) -> None:
    assert [m.span() for m in a.finditer(TEXT)] == [m.span() for m in b.finditer(TEXT)]
    assert a.groupindex == b.groupindex and a.flags == b.flags and a.pattern == b.pattern


def test_cached_programs_behave_like_re_compile(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for source, flags in PATTERNS:
        _same(recache.compile(source, flags), re.compile(source, flags))
    recache._state["cache"].save()
    [stored] = list(fresh.iterdir())
    # a second process: programs come from the file, not from the compiler
    monkeypatch.setattr(recache, "_state", {})
    monkeypatch.setattr(re._compiler, "_code", lambda *a: pytest.fail("recompiled a cached pattern"))
    for source, flags in PATTERNS:
        _same(recache.compile(source, flags), re.compile(source, flags))
    assert stored.exists()


def test_a_corrupt_cache_file_is_ignored(fresh: Path) -> None:
    recache.compile(*PATTERNS[0])
    recache._state["cache"].save()
    [stored] = list(fresh.iterdir())
    stored.write_bytes(b"not a cache file")
    recache._state.clear()
    _same(recache.compile(*PATTERNS[1]), re.compile(*PATTERNS[1]))


def test_empty_setting_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("REPLYLINT_CACHE_DIR", "")
    monkeypatch.setattr(recache, "_state", {})
    _same(recache.compile(*PATTERNS[0]), re.compile(*PATTERNS[0]))
    assert recache._state["cache"].path is None


def test_bad_patterns_raise_like_re(fresh: Path) -> None:
    with pytest.raises(re.error):
        recache.compile("acme [pad")


def test_memo_is_remembered(fresh: Path) -> None:
    calls = []
    assert recache.memo("upper", "abc", lambda t: calls.append(t) or t.upper()) == "ABC"
    assert recache.memo("upper", "abc", lambda t: calls.append(t) or t.upper()) == "ABC"
    assert calls == ["abc"]


def test_stale_entries_are_pruned(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = recache._cache()
    cache.entries = {(f"old{i}", 0): ("x",) for i in range(recache.MAX_ENTRIES + 1)}
    recache.compile(*PATTERNS[0])
    cache.save()
    monkeypatch.setattr(recache, "_state", {})
    assert list(recache._cache().load()) == [(PATTERNS[0][0], PATTERNS[0][1])]


def test_a_small_run_keeps_what_a_large_run_compiled(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = recache._cache()
    cache.entries = {(f"other{i}", 0): ("x",) for i in range(3000)}  # a library run's patterns
    recache.compile(*PATTERNS[0])
    cache.save()
    monkeypatch.setattr(recache, "_state", {})
    assert len(recache._cache().load()) == 3001


def test_memos_of_other_replylint_code_are_not_used(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What replylint's own code worked out (start sets, phrase gates, needs) must not outlive that code:
    a stale start set or gate changes findings. An upgrade or an edited module starts a new file."""
    assert recache.memo("upper", "abc", str.upper) == "ABC"
    recache._state["cache"].save()
    first = recache._cache_path()

    import replylint

    monkeypatch.setattr(replylint, "__version__", "99.0")  # an upgrade
    monkeypatch.setattr(recache, "_state", {})
    assert recache._cache_path() != first
    assert recache.memo("upper", "abc", str.lower) == "abc"  # worked out again, not read back

    monkeypatch.undo()
    monkeypatch.setenv("REPLYLINT_CACHE_DIR", str(fresh))
    real_stat = recache.os.stat

    class Edited:  # tokens.py edited: same size, one nanosecond later
        def __init__(self, path: str) -> None:
            info = real_stat(path)
            self.st_size, self.st_mtime_ns = info.st_size, info.st_mtime_ns + (path.endswith("tokens.py"))

    monkeypatch.setattr(recache.os, "stat", lambda path: Edited(path))
    assert recache._cache_path() not in (first, None)


def test_cache_files_unused_for_a_month_are_removed(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import time

    fresh.mkdir()
    old, recent = fresh / "re3-cpython-311-old.marshal", fresh / "re4-cpython-311-final7-deadbeef.marshal"
    for path in (old, recent):
        path.write_bytes(b"")
    month_ago = time.time() - (recache.STALE_DAYS + 1) * 86400
    os.utime(old, (month_ago, month_ago))
    recache.compile(*PATTERNS[0])
    recache._state["cache"].save()  # a new file: the stale one goes, the recent one stays
    assert sorted(p.name for p in fresh.iterdir()) == sorted([recent.name, recache._cache_path().name])
