"""Adversarial drafts: does linting time grow with the size of the draft, or with its square?

    python benchmarks/worstcase.py                        # every case, 50 K and 200 K characters
    python benchmarks/worstcase.py --sizes 20000 80000 --cases bang caps --ending .md

Each case is a draft made of one small piece repeated (a run of "!", capitals with no
full stop, one sentence over and over, unclosed markup, ...), the kind of input that
makes a backtracking pattern or a per-match rescan cost the square of the text. Each
is written to a temporary folder at two sizes, linted once with `replylint --jobs 1`
(wall time, and CPU from `wait4`), and reported with the growth of the cost per
character from the small size to the large one (start-up, an empty draft's run, taken
off): about 1 is linear, about the ratio of the sizes is quadratic. Drafts up to `sections.LARGE_DRAFT` (256 K characters) are
linted whole, so the default sizes stay below it. A benchmark: it never fails a build.
Standard library only; Linux or macOS (`os.wait4`).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# name -> the piece repeated to the size asked for, or (piece, what follows the repeats)
CASES: dict[str, str | tuple[str, str]] = {
    "bang": "!",
    "dots": ". ",
    "ellipsis": "…",
    "caps": "PLEASE READ THIS NOW ",
    "caps-arrow": "SETTINGS > HELP > ",
    "caps-nospace": "A",
    "sorry": "Sorry! ",
    "sentence": "We will get back to you soon. ",
    "one-long-sentence": "we will look into it and ",
    "hyphens": "word-",
    "dotted": "a.",
    "apostrophes": "'",
    "digits": "1234 5678 9012 3456 ",
    "digits-dotted": "1.",
    "at-signs": "a@",
    "url": "https://example.com/a/b?c=d ",
    "url-nospace": "http://a",
    "email": "mail john.doe@example.com now. ",
    "placeholders": "Hi {{ name }}, [NAME] {first_name} ",
    "open-braces": "{",
    "open-brackets": "[",
    "open-parens": "(",
    "angle": "<",
    "html-comment-open": "<!-- ",
    "liquid-open": "{% if ",
    "backticks": "`",
    "asterisks": "*",
    "underscores": "_",
    "hashes": "#",
    "quote-markers": "> ",
    "quote-lines": "> quoted line\n",
    "list-items": "- item one\n",
    "numbered": "1. ",
    "blank-lines": "\n",
    "crlf": "text\r\n",
    "tabs": "\t",
    "spaces": " ",
    "emoji": "😀",
    "mixed": "Ça va? 😀 — “quoted” naïve café ",
    "signature": "--\nJane\n",
    "header-like": "Subject: x\n",
    "nested-tags": "<div>",
    "entities": "&amp;",
    "links-open": "[a](",
    "links": "[see](https://x.y/z) ",
    "emphasis": "*a_",
    "table-rows": "| a | b |\n",
    "line-breaks": "<br>",
    "letters-then-email": ("a", " mail x@y.com"),
    "dotted-then-email": ("a.", " mail x@y.com"),
    "digits-then-email": ("1", " mail x@y.com"),
    "braces-then-closer": ("{{ ", "}}"),
    "tags-then-closer": ("{% if ", "%}"),
    "comments-then-closer": ("{# ", "#}"),
    "disable-comments": ("<!-- replylint-disable-next-line -->\nSORRY FOR THAT!\n", ""),
    "template-comments": ("{# replylint-disable-next-line #}\nSORRY FOR THAT!\n", ""),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs=2, default=[50_000, 200_000], help="small and large, in characters")
    parser.add_argument("--cases", nargs="+", default=list(CASES), help=f"from {', '.join(CASES)}")
    parser.add_argument("--ending", default=".txt", help="file ending, so the format: .txt or .md")
    parser.add_argument("--timeout", type=float, default=120, help="seconds before a run is stopped")
    parser.add_argument("--replylint", default=str(Path(sys.executable).with_name("replylint")))
    args = parser.parse_args(argv)
    small, large = args.sizes
    print(f"{args.replylint}; {args.ending}; {small:,} and {large:,} characters; growth of CPU per character")
    print(f"{'case':22} {'small s':>8} {'large s':>8} {'CPU s/100K':>11} {'growth':>7}")
    slow = []
    with tempfile.TemporaryDirectory(prefix="replylint-worst-") as folder:
        empty = Path(folder) / f"empty{args.ending}"
        empty.write_text("", encoding="utf-8")
        base = min(_run(args.replylint, empty, args.timeout) or 0.0 for _ in range(3))
        print(f"start-up (an empty draft): {base:.2f} s CPU, taken off the figures below")
        for name in args.cases:
            piece, tail = CASES[name] if isinstance(CASES[name], tuple) else (CASES[name], "")
            cpu = []
            for size in (small, large):
                path = Path(folder) / f"{name}-{size}{args.ending}"
                path.write_text(piece * (size // len(piece) + 1) + tail, encoding="utf-8")
                used = _run(args.replylint, path, args.timeout)
                cpu.append(None if used is None else max(used - base, 0.001))
            if cpu[0] is None or cpu[1] is None:
                print(f"{name:22} {'-':>8} {'-':>8} {'-':>11}  timed out after {args.timeout:g} s")
                slow.append(name)
                continue
            growth = (cpu[1] / large) / max(cpu[0] / small, 1e-9)
            print(f"{name:22} {cpu[0]:8.2f} {cpu[1]:8.2f} {100_000 * cpu[1] / large:11.2f} {growth:7.2f}")
            if growth > 1.5 and cpu[1] >= 0.2:  # below that, start-up noise decides the ratio
                slow.append(name)
    print("grows faster than the text: " + (", ".join(slow) if slow else "none"))
    return 0


def _run(replylint: str, path: Path, timeout: float) -> float | None:
    """CPU seconds of one run, or None if it was stopped."""
    env = dict(os.environ)
    process = subprocess.Popen([replylint, "--jobs", "1", str(path)], stdout=subprocess.DEVNULL, env=env)
    start = time.monotonic()
    while True:
        pid, _status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            return usage.ru_utime + usage.ru_stime
        if time.monotonic() - start > timeout:
            process.kill()
            os.wait4(process.pid, 0)
            return None
        time.sleep(0.01)


if __name__ == "__main__":
    sys.exit(main())
