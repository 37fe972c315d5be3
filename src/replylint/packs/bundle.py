"""The first-party packs, pre-read into JSON for start-up speed.

`rules/*.yaml` is the source of truth. Importing PyYAML and parsing the packs
costs about 10 ms on every run, a tenth of the start-up budget, so the packs
are also kept as `first_party.json` next to this module; a checksum of the
YAML texts tells when it is stale, and then the YAML is read instead. Both
paths go through the same validation (`rules_from_data`).

Regenerate after editing a pack: `python -m replylint.packs.bundle`
(a test fails while the bundle is stale).
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

from replylint.packs.loader import load_packs, rules_from_data
from replylint.packs.yamlsource import LineDict
from replylint.rule import Rule

BUNDLE = Path(__file__).with_name("first_party.json")


def pack_files(folder: Path) -> list[Path]:
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])


def checksum(files: list[Path]) -> int:
    crc = 0
    for file in files:
        crc = zlib.crc32(file.name.encode() + b"\0" + file.read_bytes(), crc)
    return crc


def render(folder: Path) -> str:
    from replylint.packs.yamlsource import load_yaml

    files = pack_files(folder)
    packs = {f.name: load_yaml(f.read_text(encoding="utf-8")) for f in files}
    load_packs(files, trusted=False)  # validate and compile every rule (as a user pack) before writing
    return json.dumps({"checksum": checksum(files), "packs": packs}, indent=1, ensure_ascii=False) + "\n"


def _line_dicts(value: Any) -> Any:
    if isinstance(value, dict):
        out = LineDict((k, _line_dicts(v)) for k, v in value.items())
        out.line, out.key_lines = 0, {}
        return out
    if isinstance(value, list):
        return [_line_dicts(v) for v in value]
    return value


def load_first_party(folder: Path) -> list[Rule]:
    """The first-party rules: from the bundle when it matches the YAML, else from the YAML."""
    files = pack_files(folder)
    try:
        bundle = json.loads(BUNDLE.read_text(encoding="utf-8"))
        current = bundle.get("checksum") == checksum(files) and sorted(bundle["packs"]) == [f.name for f in files]
    except (OSError, ValueError, KeyError, AttributeError):
        current = False
    if not current:
        return load_packs(files, trusted=True)
    rules: list[Rule] = []
    for file in files:
        rules += rules_from_data(_line_dicts(bundle["packs"][file.name]), str(file), trusted=True)
    return rules


def main() -> None:
    import sys

    from replylint.packs.loader import PackError
    from replylint.registry import first_party_packs

    try:
        text = render(first_party_packs())
    except PackError as exc:
        sys.exit(f"not written: {exc}")
    BUNDLE.write_text(text, encoding="utf-8")
    print(f"wrote {BUNDLE}")


if __name__ == "__main__":
    main()
