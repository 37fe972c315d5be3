"""The tools compared, their pinned versions, and the command line each one is run with.

Every tool runs in the input folder, the way a user runs it there:

- replylint: `replylint DRAFT` for one draft, `replylint --jobs 2 .` for a folder;
- proselint: `proselint check FILES`;
- write-good: `write-good --parse FILES` (`--parse` prints one line per finding and
  exits 255 with findings; without it the exit code is the number of findings
  modulo 256, which can be 0);
- alex: `alex FILES`;
- textlint: `textlint --config TEXTLINTRC FILES` with `{"rules": {"write-good": true}}`
  (the `textlint-rule-write-good` rule; textlint checks nothing without a rule).

FILES is what the shell's `*.txt` gives in the folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

PYTHON_PEERS = {"proselint": "0.16.0"}
NODE_PEERS = {"write-good": "1.0.8", "alex": "11.0.1", "textlint": "15.8.0", "textlint-rule-write-good": "2.0.0"}
TEXTLINT_RULE = "textlint-rule-write-good"
TEXTLINTRC = '{"rules": {"write-good": true}}\n'


class Tool(NamedTuple):
    name: str
    runtime: str  # "python" (the scratch venv) or "node" (the scratch node_modules)
    ok_codes: frozenset[int]  # exit codes of a run that worked (with or without findings)


TOOLS = (
    Tool("replylint", "python", frozenset({0, 1})),
    Tool("proselint", "python", frozenset({0, 1})),
    Tool("write-good", "node", frozenset({0, 255})),
    Tool("alex", "node", frozenset({0, 1})),
    Tool("textlint", "node", frozenset({0, 1})),
)
BY_NAME = {tool.name: tool for tool in TOOLS}


class Bins(NamedTuple):
    venv_bin: Path
    node_bin: Path
    textlintrc: Path


def command(tool: str, bins: Bins, names: tuple[str, ...], jobs: int) -> list[str]:
    """The command line for `tool` on the files `names` of the folder it runs in."""
    files = list(names)
    if tool == "replylint":
        return [str(bins.venv_bin / "replylint"), *(files if len(files) == 1 else ["--jobs", str(jobs), "."])]
    if tool == "proselint":
        return [str(bins.venv_bin / "proselint"), "check", *files]
    if tool == "write-good":
        return [str(bins.node_bin / "write-good"), "--parse", *files]
    if tool == "alex":
        return [str(bins.node_bin / "alex"), *files]
    if tool == "textlint":
        return [str(bins.node_bin / "textlint"), "--config", str(bins.textlintrc), *files]
    raise ValueError(f"unknown tool {tool!r}")
