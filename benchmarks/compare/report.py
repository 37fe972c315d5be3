"""The results as Markdown: one row per tool and input, the machine's facts, and notes on failed runs.

`write_readme` puts the block between the two marker comments of
`benchmarks/compare/README.md`, replacing what was there.
"""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import NamedTuple

from measure import Sample

START = "<!-- compare:results:start -->"
END = "<!-- compare:results:end -->"
HEADER = (
    "| tool | version | input | runs | median wall s | files/s | peak RSS MB (tree) | largest process MB"
    " | ratio to replylint | findings lines |"
)


class Cell(NamedTuple):
    """Everything measured for one tool on one input."""

    tool: str
    files: int
    label: str  # "1 draft (965 B)", "1,000 files"
    warmup: Sample | None
    samples: tuple[Sample, ...]  # the timed runs
    failure: str  # "" when every run worked; else why a run does not count ("killed", "exit 2: ...")
    cap_seconds: float

    @property
    def median(self) -> float | None:
        if self.failure or not self.samples:
            return None
        return statistics.median(s.seconds for s in self.samples)


def failure_of(sample: Sample, ok_codes: frozenset[int]) -> str:
    """Why a run does not count as a run of the tool that did its work ("" if it does)."""
    if sample.killed:
        return "killed"
    if sample.exit_code not in ok_codes or (sample.exit_code != 0 and sample.findings == 0):
        error = f": {sample.first_error}" if sample.first_error else ""
        return f"exit {sample.exit_code}{error}"
    return ""


def _mb(kb: int) -> str:
    return f"{kb / 1024:,.1f}"


def _findings(cell: Cell) -> str:
    if cell.failure == "killed":
        return "-"
    counts = sorted({s.findings for s in cell.samples or ([cell.warmup] if cell.warmup else [])})
    if not counts:
        return "-"
    return f"{counts[0]:,}" if len(counts) == 1 else f"{counts[0]:,}-{counts[-1]:,}"


def row(cell: Cell, version: str, base: Cell | None) -> str:
    runs = [s for s in cell.samples] or ([cell.warmup] if cell.warmup else [])
    tree = _mb(max(s.tree_kb for s in runs)) if runs else "-"
    largest = _mb(max(s.largest_kb for s in runs)) if runs else "-"
    median = cell.median
    base_median = base.median if base is not None else None
    if median is not None:
        wall, rate = f"{median:.3f}", f"{cell.files / median:,.1f}"
        ratio = f"{median / base_median:,.1f}x" if base_median else "-"
    elif cell.failure == "killed":
        cap = cell.cap_seconds
        wall, rate = f"> {cap:g} s (killed)", f"< {cell.files / cap:,.1f}"
        ratio = f"> {cap / base_median:,.0f}x" if base_median else "-"
        tree, largest = f">= {tree}", f">= {largest}"
    else:
        wall, rate, ratio = f"failed ({cell.failure.split(':')[0]})", "-", "-"
    return (
        f"| {cell.tool} | {version} | {cell.label} | {len(cell.samples)} | {wall} | {rate} | {tree} | {largest}"
        f" | {ratio} | {_findings(cell)} |"
    )


def table(cells: list[Cell], versions: dict[str, str]) -> str:
    base = {cell.label: cell for cell in cells if cell.tool == "replylint"}
    lines = [HEADER, "|" + "---|" * HEADER.count(" | ") + "---|"]
    lines += [row(cell, versions.get(cell.tool, "?"), base.get(cell.label)) for cell in cells]
    return "\n".join(lines)


def notes(cells: list[Cell]) -> list[str]:
    out = []
    for cell in cells:
        if cell.failure and cell.failure != "killed":
            out.append(f"- {cell.tool} on {cell.label}: a run failed ({cell.failure}); it is not timed.")
        elif cell.failure == "killed":
            out.append(f"- {cell.tool} on {cell.label}: killed after {cell.cap_seconds:g} s (`--max-seconds`).")
        elif cell.samples and all(s.findings == 0 for s in cell.samples):
            out.append(f"- {cell.tool} on {cell.label}: no findings (exit 0).")
    return out


def block(cells: list[Cell], versions: dict[str, str], facts: list[str]) -> str:
    parts = [*facts, "", table(cells, versions)]
    remarks = notes(cells)
    if remarks:
        parts += ["", *remarks]
    return "\n".join(parts) + "\n"


def write_readme(readme: Path, text: str) -> None:
    """Replace what is between the markers of `readme` with `text`."""
    current = readme.read_text(encoding="utf-8")
    start, end = current.find(START), current.find(END)
    if start < 0 or end < start:
        raise ValueError(f"{readme}: no {START} ... {END} markers")
    updated = current[: start + len(START)] + "\n" + text + current[end:]
    readme.write_text(updated, encoding="utf-8")
