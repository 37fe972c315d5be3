"""The inputs every tool gets: one ~1 KB draft, and folders of reply files built from the corpus at run time.

The corpus (`replies.jsonl`: one JSON record per line with `id` and `text`) holds
real replies whose licence allows evaluation only, so nothing from it is ever
written into the repository: the files are written under the scratch folder
and removed at the end of a run.

A reply file joins consecutive corpus replies (a blank line between them, cycling
through the corpus) until it is about `mean_bytes` long. Replies are never cut;
the running total is steered so that the mean size of the files is `mean_bytes`
to within a few bytes (each file aims at what keeps the total on course, held
between half and one and a half times the mean).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

MEAN_BYTES = 780


class Folder(NamedTuple):
    path: Path
    names: tuple[str, ...]  # the file names in it, sorted (what the shell's `*.txt` gives)
    total_bytes: int

    @property
    def mean_bytes(self) -> float:
        return self.total_bytes / len(self.names)


def corpus_texts(corpus: Path) -> list[str]:
    """The non-empty reply texts, in corpus order (blank lines and records without text are skipped)."""
    texts = []
    with corpus.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line.strip())
            except ValueError as error:
                raise ValueError(f"{corpus}:{number}: not a JSON record ({error})") from None
            text = record.get("text") if isinstance(record, dict) else None
            if isinstance(text, str) and text.strip():
                texts.append(text.strip())
    if not texts:
        raise ValueError(f"{corpus}: no records with text")
    return texts


def _cycle(texts: list[str]) -> Iterator[str]:
    while True:
        yield from texts


def reply_bodies(texts: list[str], count: int, mean_bytes: int = MEAN_BYTES) -> Iterator[bytes]:
    """`count` file bodies (UTF-8, ending in a newline) whose mean size is about `mean_bytes`."""
    replies = _cycle(texts)
    pending: str | None = None
    written = 0
    for n in range(count):
        aim = min(max((n + 1) * mean_bytes - written, mean_bytes // 2), mean_bytes * 3 // 2)
        parts: list[str] = []
        size = 1  # the final newline
        while True:
            text = pending if pending is not None else next(replies)
            pending = None
            grown = size + len(text.encode("utf-8")) + (2 if parts else 0)
            if parts and grown - aim > aim - size:  # closer to the aim without it: keep it for the next file
                pending = text
                break
            parts.append(text)
            size = grown
            if size >= aim:
                break
        body = ("\n\n".join(parts) + "\n").encode("utf-8")
        written += len(body)
        yield body


def write_replies(folder: Path, corpus: Path, count: int, mean_bytes: int = MEAN_BYTES) -> Folder:
    """A fresh `folder` of `count` files `reply-00001.txt`... built from the corpus."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    width = max(5, len(str(count)))
    names, total = [], 0
    for n, body in enumerate(reply_bodies(corpus_texts(corpus), count, mean_bytes), start=1):
        name = f"reply-{n:0{width}d}.txt"
        (folder / name).write_bytes(body)
        names.append(name)
        total += len(body)
    return Folder(folder, tuple(names), total)


def write_draft(folder: Path, draft: Path) -> Folder:
    """A fresh `folder` holding a copy of the one-draft input (the repository's own text, not the corpus)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    body = draft.read_bytes()
    (folder / draft.name).write_bytes(body)
    return Folder(folder, (draft.name,), len(body))
