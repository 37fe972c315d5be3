"""The labelled dev set (tests/devset/drafts.yaml) is well-formed, and replylint's
per-category precision and recall on it do not fall below the stored floors.

The floors in tests/devset/floors.yaml are the figures measured when they were
last set, rounded down to two decimals. If a change makes a category better,
raise its floors (python benchmarks/devset_score.py prints the figures); if a
change makes it worse, this test fails and `python benchmarks/devset_score.py
--misses` shows which drafts moved.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FLOORS = ROOT / "tests" / "devset" / "floors.yaml"


def _load_scorer():
    spec = importlib.util.spec_from_file_location("devset_score", ROOT / "benchmarks" / "devset_score.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules.setdefault("devset_score", module)  # dataclasses look the module up by name
    spec.loader.exec_module(module)
    return module


scorer = _load_scorer()


@pytest.fixture(scope="module")
def drafts():
    return scorer.load_drafts(scorer.DEVSET)


@pytest.fixture(scope="module")
def scored(drafts):
    results = scorer.lint_drafts(drafts)
    return scorer.compute(results), results


def test_devset_is_well_formed(drafts):
    assert scorer.validate(drafts, min_positives=25, min_negatives=25) == []


def test_devset_ids_unique_and_categories_known(drafts):
    ids = [d["id"] for d in drafts]
    assert len(ids) == len(set(ids))
    for d in drafts:
        assert set(d["expect"]) <= set(scorer.CATEGORIES), d["id"]


def test_devset_size_and_balance(drafts):
    assert len(drafts) >= 160
    for cat in scorer.CATEGORIES:
        positives = sum(1 for d in drafts if cat in d["expect"])
        assert positives >= 25, cat
        assert len(drafts) - positives >= 25, cat


def test_floors_cover_every_category():
    floors = yaml.safe_load(FLOORS.read_text(encoding="utf-8"))["floors"]
    assert set(floors) == set(scorer.CATEGORIES)
    for cat, f in floors.items():
        assert set(f) == {"precision", "recall"}, cat
        assert all(0.0 <= v <= 1.0 for v in f.values()), cat


@pytest.mark.parametrize("category", scorer.CATEGORIES)
def test_category_meets_floors(scored, category):
    figures, results = scored
    floors = yaml.safe_load(FLOORS.read_text(encoding="utf-8"))["floors"][category]
    got = figures["categories"][category]
    misses = [
        f"{r.id}: {'FP' if category in r.raised else 'FN'}"
        for r in results
        if (category in r.raised) != (category in r.expect)
    ]
    detail = f"{category}: {got} vs floors {floors}; misses: {', '.join(misses)}"
    assert got["precision"] >= floors["precision"], detail
    assert got["recall"] >= floors["recall"], detail
