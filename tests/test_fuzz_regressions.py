"""Inputs the fuzzer (fuzz/) found breaking replylint, replayed through the same target functions.

Each file in tests/data/fuzz is `<target>-<name>.<ending>`: the target (parse, lint,
fix, decode, config, packs) and, for the draft targets, the file ending that says
its format. fuzz/targets.py holds the targets and their invariants and does not
need atheris, so these run in the normal test run. The other tests here check
that the invariants catch what they are meant to.
"""

from __future__ import annotations

import codecs
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from replylint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from replylint.document import Position, Span
from replylint.registry import Registry

REPO = Path(__file__).resolve().parent.parent
SAVED = sorted((Path(__file__).parent / "data" / "fuzz").glob("*"))


def _load_targets() -> ModuleType:
    name = "replylint_fuzz_targets"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO / "fuzz" / "targets.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


targets = _load_targets()


@pytest.mark.parametrize("path", SAVED, ids=[p.name for p in SAVED])
def test_saved_input_passes_its_target(path: Path, tmp_path: Path) -> None:
    targets.replay(path, tmp_path)


def test_saved_inputs_are_named_for_a_target_and_a_format() -> None:
    assert SAVED, "tests/data/fuzz holds the fuzzer's regressions"
    for path in SAVED:
        target = path.name.split("-", 1)[0]
        assert target in targets.TARGETS, path.name
        if target in ("parse", "lint", "fix"):
            assert path.suffix.lower() in targets.ENDINGS, path.name


@pytest.mark.parametrize("name", ["parse", "lint", "fix", "decode", "config", "packs"])
def test_every_target_accepts_a_good_input(name: str, tmp_path: Path) -> None:
    inputs = {
        "parse": (REPO / "examples" / "outage-update-bad.md", ".md"),
        "lint": (REPO / "examples" / "macros" / "zendesk-macros.json", ".json"),
        "fix": (REPO / "examples" / "refund-delay-bad.txt", ".txt"),
        "decode": (REPO / "examples" / "refund-delay-bad.txt", ""),
        "config": (REPO / "pyproject.toml", ".toml"),
        "packs": (REPO / "rules" / "tone.yaml", ".yaml"),
    }
    source, ending = inputs[name]
    saved = tmp_path / f"{name}-good{ending}"
    saved.write_bytes(source.read_bytes())
    targets.replay(saved, tmp_path)


def test_framing_picks_the_ending_and_unsafe_fixes() -> None:
    framed = targets.frame(targets.unframe(targets.choice_for(".md", unsafe=True), "Hi é".encode()))
    assert (framed.ending, framed.text, bool(framed.choice & targets.UNSAFE)) == (".md", "Hi é", True)
    assert targets.frame(b"").text == ""
    assert targets.frame(b"\x00\xff").text == "\ufffd"


def _diagnostic(rule: str, span: Span, text: str, fix: Fix | None = None) -> Diagnostic:
    from replylint.document import LineIndex

    lines = LineIndex(text)
    return Diagnostic(
        rule,
        "x",
        Severity.WARNING,
        "message",
        span,
        lines.position(span.start),
        lines.position(span.end),
        text[span.start : span.end],
        fix=fix,
    )


def test_a_rule_error_is_a_finding() -> None:
    text = "Hello there"
    with pytest.raises(targets.Broken, match="rule 'x' failed"):
        targets.check_diagnostics(
            text, [_diagnostic("rule-error", Span(0, 0), text)._replace(message="rule 'x' failed")]
        )


def test_spans_and_positions_are_checked() -> None:
    text = "ab\ncd"
    good = _diagnostic("r", Span(3, 5), text)
    targets.check_diagnostics(text, [good])
    with pytest.raises(targets.Broken, match="outside the text"):
        targets.check_diagnostics(text, [good._replace(span=Span(3, 9))])
    with pytest.raises(targets.Broken, match="positions"):
        targets.check_diagnostics(text, [good._replace(start=Position(1, 4, 3))])
    with pytest.raises(targets.Broken, match="not one line"):
        targets.check_diagnostics(text, [good._replace(message="two\nlines")])
    bad_fix = Fix((Edit(Span(4, 7), "x"),), Applicability.SAFE)
    with pytest.raises(targets.Broken, match="fix edit"):
        targets.check_diagnostics(text, [good._replace(fix=bad_fix)])


def test_an_edit_inside_protected_text_is_a_finding() -> None:
    text = "Hi {{ name }}, per the SLA."
    protected = [Span(3, 13)]
    fixed, moved = targets._apply(text, [Edit(Span(19, 26), "as promised")], protected)
    assert fixed[moved[0].start : moved[0].end] == "{{ name }}"
    fixed, moved = targets._apply(text, [Edit(Span(0, 2), "Hello")], protected)
    assert (fixed, fixed[moved[0].start : moved[0].end]) == ("Hello {{ name }}, per the SLA.", "{{ name }}")
    with pytest.raises(targets.Broken, match="protected text"):
        targets._apply(text, [Edit(Span(6, 10), "nom")], protected)
    with pytest.raises(targets.Broken, match="protected text"):
        targets._apply(text, [Edit(Span(5, 5), "x")], protected)


def test_decoding_must_round_trip(monkeypatch: pytest.MonkeyPatch) -> None:
    targets.check_decode(codecs.BOM_UTF16_LE + "Hi\r\nthere".encode("utf-16-le"))
    targets.check_decode(b"caf\xc3")  # refused with an InputError: fine
    import replylint.files

    monkeypatch.setattr(replylint.files, "encode", lambda file, text: text.encode("utf-8"))
    with pytest.raises(targets.Broken, match="does not encode back"):
        targets.check_decode(codecs.BOM_UTF8 + b"Hi")


def test_an_empty_placeholder_holding_other_white_space_is_reported_once(registry: Registry) -> None:
    # Found with lint-placeholder-line-breaks.txt: '{{\r}}' was also a placeholder-leftover.
    from replylint.api import lint_text

    found = lint_text("Hi {{\r}} and %{\x0c}.", select=["placeholder-empty", "placeholder-leftover"], registry=registry)
    assert [(d.rule, d.span.start, d.message.split("'")[1]) for d in found] == [
        ("placeholder-empty", 3, "{{ }}"),
        ("placeholder-empty", 13, "%{ }"),
    ]


def test_a_pack_name_too_long_for_the_system_is_a_config_error(here: Path) -> None:
    # Found as config-pack-name-too-long.toml: Path.exists() raised OSError (ENAMETOOLONG), a traceback.
    from helpers import run, write

    name = "x" * 300 + ".yaml"
    write(here / ".replylint.toml", f'packs = ["{name}"]\n')
    write(here / "draft.txt", "Hello there.\n")
    result = run("draft.txt")
    assert result.exit_code == 2
    assert result.stderr == f"{here}/.replylint.toml:1: packs: rule pack '{name}' cannot be read (File name too long)\n"


def test_a_banned_term_over_a_line_break_is_reported_on_one_line() -> None:
    # Found as config-vocabulary-term-over-line-break.toml: the message quoted the term with its line break.
    from replylint.builtin.vocabulary import vocabulary_rule
    from replylint.engine import ActiveRule, lint
    from replylint.formats import parse

    rule = vocabulary_rule({"Project Falcon": "the new dashboard"})
    found = lint(parse("The new Project\nFalcon is live."), [ActiveRule(rule, Severity.WARNING)])
    assert [(d.span, d.message, d.fix.edits[0].replacement if d.fix else None) for d in found] == [
        (Span(8, 22), "'Project Falcon' is on your team's banned list", "the new dashboard")
    ]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            '[vocabulary]\nban = { "  " = "x" }\n',
            "2: vocabulary.ban: a term must hold a word: an empty one would match everywhere",
        ),
        (
            '[vocabulary]\nallow = [""]\n',
            "2: vocabulary.allow: a term must hold a word: an empty one would match everywhere",
        ),
        ('"a\\rb" = 1\n', " a\\rb: unknown key;"),
    ],
    ids=["blank-ban", "empty-allow", "key-with-a-line-break"],
)
def test_config_errors_found_by_the_fuzzer(here: Path, config: str, message: str) -> None:
    from helpers import run, write

    write(here / ".replylint.toml", config)
    write(here / "draft.txt", "Hello there.\n")
    result = run("draft.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{here}/.replylint.toml:{message}")
    assert result.stderr.count("\n") == 1


def test_a_run_of_stars_in_a_glob_matches_as_one_star() -> None:
    # Found as config-exclude-run-of-stars.toml: 57 stars made 57 quantifiers in a row, 4 s per name.
    from replylint.config import glob_matches

    assert [glob_matches("*" * 57 + "x", name) for name in ("draft.txt", "box", "a/box", "x")] == [
        False,
        True,
        True,
        True,
    ]
    assert [glob_matches("a/***/b", name) for name in ("a/b", "a/c/b", "a/c/d/b")] == [False, True, True]


def test_globs_with_many_stars_match_as_the_plain_translation_does() -> None:
    """Segments with two or more stars are written with atomic groups (no runaway backtracking):
    on every glob and path of up to five characters they match exactly what the plain form does."""
    import itertools
    import re

    from replylint.config import _glob_regex, _plain_glob

    def words(alphabet: str, most: int) -> list[str]:
        return ["".join(w) for n in range(most + 1) for w in itertools.product(alphabet, repeat=n)]

    paths = words("ab/", 5)
    changed = 0
    for glob in words("a*/?", 5):
        ours, plain = _glob_regex(glob), re.compile(_plain_glob(glob.strip("/")))
        changed += ours.pattern != plain.pattern
        for path in paths:
            assert bool(ours.fullmatch(path)) == bool(plain.fullmatch(path)), (glob, path)
    assert changed > 50


def test_a_glob_with_stars_between_letters_does_not_backtrack_through_a_long_name() -> None:
    # Found by the config fuzz target after 8de08ef: "*a*a*a*...*b" on a 40-letter name took 1.4 s.
    from replylint.config import glob_matches

    glob = "*a" * 12 + "*b"
    assert glob_matches(glob, "a" * 40) is False
    assert glob_matches(glob, "x" + "a" * 40 + "yb") is True
    assert glob_matches("drafts/*a*a*a*b/*.txt", "drafts/" + "a" * 40 + "/x.txt") is False
    assert glob_matches("drafts/*a*a*a*b/*.txt", "drafts/aaab/x.txt") is True
