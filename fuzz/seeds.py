"""Build the seed corpus for each fuzz target, at run time, into a scratch folder.

    python fuzz/seeds.py OUT [--corpus /work/shared/corpus]

Seeds come from the repository (examples/, the texts of tests/rules/cases, the
drafts of tests/devset and tests/heldout*, tests/data, the saved regressions in
tests/data/fuzz, the first-party packs in rules/) and from the template files
of the shared corpus (`<corpus>/templates`), which are read where they are and
written only to OUT, never into the repository. Each seed is framed as the
target reads it (fuzz/targets.py: a first byte that picks the file ending, then
the payload).
"""

from __future__ import annotations

import argparse
import codecs
import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CORPUS = Path("/work/shared/corpus")
TARGETS = ("parse", "lint", "fix", "decode", "config", "packs")
CASE_ENDINGS = {"plain": ".txt", "markdown": ".md", "template": ".liquid", "html": ".html"}

# Configs written for the fuzzer: every key, and a few mistakes.
CONFIGS = (
    'select = ["jargon", "blame"]\nignore = ["jargon-technical"]\nfail-on = "error"\n',
    '[severity]\njargon-acronym = "error"\n\n[per-file-ignores]\n"drafts/**/*.md" = ["tone"]\n',
    '[vocabulary]\nallow = ["SLA"]\nban = { "Project Falcon" = "the new dashboard", "synergy" = "" }\n',
    'exclude = ["build", "**/old/*.txt"]\ninclude = ["*.txt", "replies/**"]\n',
    "[options.readability-grade]\nmax = 8\n\n[options.placeholder-unknown]\nknown = ['first_name']\n",
    '[templates."macros/*.json"]\nfields = ["macros[*].actions[field=comment_value].value"]\nname = "title"\n'
    'format = "html"\n\n[templates."*.csv"]\nfields = ["Answer"]\nname = ["Question", "id"]\n',
    '[templates."*.yaml"]\nfields = ["replies[0].body", "\\"Saved replies\\"[*].text", "*.body"]\n',
    "[tool.replylint]\nselect = ['all']\n[tool.replylint.vocabulary]\nban = ['foo bar']\n",
    'select = ["jargn"]\n',
    "[severity\n",
    'packs = ["missing.yaml"]\n',
)


def _cases(path: Path) -> Iterator[tuple[str, str]]:
    """(ending, text) for each case of a rule-case file or each draft of a draft set."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    ending = CASE_ENDINGS.get(data.get("format", "plain"), ".txt") if isinstance(data, dict) else ".txt"
    for item in (data.get("cases") or data.get("drafts") or []) if isinstance(data, dict) else []:
        if isinstance(item, dict) and isinstance(item.get("text"), str):
            yield CASE_ENDINGS.get(item.get("format", ""), ending), item["text"]


def texts(corpus: Path) -> Iterator[tuple[str, bytes]]:
    """(ending, bytes) of every document the draft targets start from."""
    from replylint.formats import EXTENSIONS

    files = [p for p in sorted((REPO / "examples").rglob("*")) if p.is_file()]
    files += sorted((REPO / "tests" / "rules" / "cases").glob("*.yaml"))
    files += sorted((REPO / "tests" / "data").glob("*.json"))
    files += sorted((corpus / "templates").glob("*")) if (corpus / "templates").is_dir() else []
    for path in files:
        if path.suffix.lower() in EXTENSIONS:
            yield path.suffix.lower(), path.read_bytes()
    sets = sorted((REPO / "tests" / "rules" / "cases").glob("*.yaml"))
    sets += sorted((REPO / "tests").glob("devset/*.yaml")) + sorted((REPO / "tests").glob("heldout*/*.yaml"))
    for path in sets:
        for ending, text in _cases(path):
            yield ending, text.encode("utf-8")


def _regressions(target: str) -> Iterator[Path]:
    yield from sorted((REPO / "tests" / "data" / "fuzz").glob(f"{target}-*"))


def seeds(target: str, corpus: Path) -> Iterator[bytes]:
    """The framed seeds of one target."""
    sys.path.insert(0, str(HERE))
    from targets import ENDINGS, PYPROJECT, choice_for, unframe

    if target in ("parse", "lint", "fix"):
        for i, (ending, data) in enumerate(texts(corpus)):
            yield unframe(choice_for(ending, unsafe=target == "fix" and i % 2 == 1), data)
        for path in _regressions(target):
            if path.suffix.lower() in ENDINGS:
                yield unframe(choice_for(path.suffix.lower()), path.read_bytes())
    elif target == "decode":
        for i, (_, data) in enumerate(texts(corpus)):
            yield data
            if i % 8 == 0:  # the other encodings replylint reads
                text = data.decode("utf-8", "replace")
                yield codecs.BOM_UTF8 + data
                yield codecs.BOM_UTF16_LE + text.encode("utf-16-le")
                yield codecs.BOM_UTF16_BE + text.encode("utf-16-be")
                yield text.replace("\n", "\r\n").encode("utf-8")
        yield from (b"", b"\xff\xfe", b"caf\xc3", b"a\x00b", codecs.BOM_UTF16_LE + b"a")
        yield from (p.read_bytes() for p in _regressions(target))
    elif target == "config":
        for i, config in enumerate(CONFIGS):
            yield unframe(PYPROJECT if config.startswith("[tool.") else i * 2, config.encode("utf-8"))
        yield unframe(PYPROJECT, (REPO / "pyproject.toml").read_bytes())
        yield from (unframe(0, p.read_bytes()) for p in _regressions(target))
    elif target == "packs":
        # The first-party packs whole (libFuzzer keeps the first -max_len bytes of each), and each rule as
        # a pack of its own: short seeds that still hold every kind and key.
        yield from (unframe(0, p.read_bytes()) for p in sorted((REPO / "rules").glob("*.yaml")))
        yield from (unframe(0, data) for data in _one_rule_packs())
        yield from (unframe(0, p.read_bytes()) for p in _regressions(target))
    else:
        raise ValueError(f"unknown target {target!r}")


def _one_rule_packs() -> Iterator[bytes]:
    import yaml

    for path in sorted((REPO / "rules").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for rule in data.get("rules", []):
            yield yaml.safe_dump({"rules": [rule]}, allow_unicode=True, sort_keys=False).encode("utf-8")


def build(out: Path, targets: list[str], corpus: Path = DEFAULT_CORPUS) -> dict[str, int]:
    """Write each target's seeds into out/<target>/ (one file per seed, named by its hash)."""
    counts = {}
    for target in targets:
        folder = out / target
        folder.mkdir(parents=True, exist_ok=True)
        made = set()
        for data in seeds(target, corpus):
            name = hashlib.sha1(data).hexdigest()
            if name not in made:
                (folder / name).write_bytes(data)
                made.add(name)
        counts[target] = len(made)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--target", action="append", choices=TARGETS)
    args = parser.parse_args()
    for target, count in build(args.out, args.target or list(TARGETS), args.corpus).items():
        print(f"{target}: {count} seeds in {args.out / target}")


if __name__ == "__main__":
    main()
