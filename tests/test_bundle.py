"""The pre-read first-party pack bundle must match rules/*.yaml."""

from __future__ import annotations

import json

from replylint.packs import bundle
from replylint.packs.bundle import BUNDLE, checksum, load_first_party, pack_files, render
from replylint.packs.loader import load_packs
from replylint.registry import first_party_packs


def test_bundle_is_current() -> None:
    expected = render(first_party_packs())
    assert BUNDLE.read_text(encoding="utf-8") == expected, (
        "src/replylint/packs/first_party.json is stale: run `python -m replylint.packs.bundle`"
    )


def test_bundle_and_yaml_give_the_same_rules() -> None:
    from_bundle = load_first_party(first_party_packs())
    from_yaml = load_packs(pack_files(first_party_packs()), trusted=True)
    assert [(r.id, r.category, r.severity, r.summary, r.bad, r.good) for r in from_bundle] == [
        (r.id, r.category, r.severity, r.summary, r.bad, r.good) for r in from_yaml
    ]


def test_a_stale_bundle_is_ignored(tmp_path, monkeypatch) -> None:
    packs = tmp_path / "rules"
    packs.mkdir()
    for file in pack_files(first_party_packs()):
        (packs / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    (packs / "jargon.yaml").write_text(
        (packs / "jargon.yaml").read_text(encoding="utf-8").replace("jargon-acronym", "jargon-acronyms"),
        encoding="utf-8",
    )
    assert json.loads(BUNDLE.read_text(encoding="utf-8"))["checksum"] != checksum(pack_files(packs))
    ids = {r.id for r in load_first_party(packs)}
    assert "jargon-acronyms" in ids and "jargon-acronym" not in ids
    # and a missing bundle falls back to the YAML as well
    monkeypatch.setattr(bundle, "BUNDLE", tmp_path / "missing.json")
    assert "jargon-acronyms" in {r.id for r in load_first_party(packs)}
