"""A one-line progress display on stderr for long runs, only when stderr is a terminal.

It never goes to stdout or a report, and never appears when stderr is a file or a
pipe (CI, tests, `2>log`). A run is long when it has more than LONG_FILES files, or
once it has taken LONG_SECONDS; the line is wiped when the run ends.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import TextIO, TypeVar

T = TypeVar("T")
LONG_FILES = 200
LONG_SECONDS = 1.0
REFRESH_SECONDS = 0.1


def with_progress(items: Iterator[T], total: int, stream: TextIO) -> Iterator[T]:
    """Yield `items` (one per file) unchanged, showing 'linted N/TOTAL files' on `stream` as they pass."""
    if not _is_terminal(stream):
        yield from items
        return
    start = time.monotonic()
    shown = 0.0  # when the line was last drawn; 0: not drawn yet
    done = 0
    try:
        for item in items:
            done += 1
            now = time.monotonic()
            if (total > LONG_FILES or now - start > LONG_SECONDS) and now - shown >= REFRESH_SECONDS:
                percent = 100 * done // max(total, 1)
                stream.write(f"\rreplylint: linted {done}/{total} files ({percent}%)")
                stream.flush()
                shown = now
            yield item
    finally:
        if shown:
            stream.write("\r\033[K")  # wipe the line
            stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
