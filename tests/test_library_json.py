"""JSON libraries of templates: exact positions through escapes, template names, fixes, errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from helpers import STABLE, run, write
from helpers import library_findings as findings

from replylint.formats.library import LibraryError, read_library
from replylint.formats.library.jsonlib import JsonString, load


def report(path: Path, *args: str) -> dict[str, Any]:
    result = run("--format", "json", "--select", STABLE, *args, str(path))
    return json.loads(result.stdout)["files"][0]


MACROS = r"""{
  "macros": [
    {
      "id": 11,
      "title": "Caf\u00e9 order",
      "description": "per the SLA we kindly revert (not linted: metadata)",
      "actions": [
        {"field": "status", "value": "Per the SLA kindly revert"},
        {"field": "comment_value", "value": "Hi \"Sam\" \u00e9\ud83d\ude00 Per the SLA we will kindly\nrevert.\n\tYou should have waited."}
      ]
    },
    {"actions": [{"field": "comment_value_html", "value": "<p class=\"kindly revert\">We kindly revert today.</p>"}]}
  ]
}
"""


def test_positions_through_escapes(here: Path) -> None:
    path = write(here / "macros.json", MACROS)
    assert findings(path) == [
        # \" (2 characters each), \u00e9 (6) and a surrogate pair \ud83d\ude00 (12) come before the words
        ("jargon-acronym", 9, 76, "Per the SLA", "Café order"),
        # the match runs over an escaped line break: the text is as written in the file
        ("jargon-corporate", 9, 96, "kindly\\nrevert", "Café order"),
        ("blame-accusatory", 9, 115, "You should have", "Café order"),
        # the HTML comment: attributes are markup, the macro has no title so its path names it
        ("jargon-corporate", 12, 90, "kindly revert", "macros[1]"),
    ]


def test_offsets_point_at_the_words(here: Path) -> None:
    path = write(here / "macros.json", MACROS)
    text = path.read_text(encoding="utf-8")
    for d in report(path)["diagnostics"]:
        assert text[d["start"]["offset"] : d["end"]["offset"]] == d["text"]


def test_template_names(here: Path) -> None:
    path = write(
        here / "names.json",
        json.dumps(
            {
                "replies": [
                    {"title": "Refund late", "body": "We will kindly revert."},
                    {"id": 42, "text": "We will kindly revert."},
                    {"message": "We will kindly revert."},
                ],
                "by_key": {"Wrong size": {"content": "We will kindly revert."}},
            },
            indent=1,
        ),
    )
    assert [f[4] for f in findings(path)] == ["Refund late", "42", "replies[2]", "Wrong size"]


def test_mapping_of_texts_is_named_by_its_keys(here: Path) -> None:
    path = write(
        here / "saved.json",
        json.dumps(
            {"Refund late (chat)": "Sorry for the wait, we will kindly revert by Friday.", "Thanks": "Thank you!"}
        ),
    )
    assert findings(path) == [("jargon-corporate", 1, 53, "kindly revert", "Refund late (chat)")]


def test_a_root_body_is_named_by_its_key(here: Path) -> None:
    path = write(here / "one.json", '{"subject": "Per the SLA", "body": "We will kindly revert."}')
    assert findings(path) == [("jargon-corporate", 1, 45, "kindly revert", "body")]


def test_json_without_templates_says_nothing(here: Path) -> None:
    write(here / "package.json", json.dumps({"name": "x", "version": "1.0.0", "scripts": {"test": "pytest -q"}}))
    write(here / "numbers.json", "[1, 2, 3]")
    write(here / "empty.json", "  \n")
    result = run("package.json", "numbers.json", "empty.json")
    assert result.exit_code == 0
    assert result.stdout == "no problems in 3 files\n"


def test_malformed_json_is_one_line_and_other_files_are_linted(here: Path) -> None:
    write(here / "bad.json", '{"macros": [\n  {"title": "a", "body": "x"},\n  {"title": "b" "body": "y"}\n]}\n')
    write(here / "draft.txt", "We will kindly revert.\n")
    result = run("bad.json", "draft.txt")
    assert result.exit_code == 2
    assert result.stderr == "bad.json:3:17: invalid JSON: Expecting ',' delimiter\n"
    assert "\ndraft.txt:1:9: warning jargon-corporate 'kindly revert'" in result.stdout


def test_more_malformed_json() -> None:
    cases = {
        '{"body": "open': "1:10: invalid JSON: Unterminated string starting at",
        '{"body": "a\\x"}': "1:12: invalid JSON: Invalid \\escape",
        "[1 2]": "1:4: invalid JSON: Expecting ',' delimiter",
        '{"a": 1} {"b": 2}': "1:10: invalid JSON: Extra data",
        "[" * 100_000: "1:1: invalid JSON: nested too deeply",
    }
    for text, message in cases.items():
        try:
            read_library(text, "json")
        except LibraryError as exc:
            assert str(exc) == message
        else:
            raise AssertionError(f"{text[:20]!r} was read")


def test_fixes_stay_valid_json(here: Path) -> None:
    path = write(here / "macros.json", MACROS)
    result = run("--fix", "--unsafe-fixes", "--select", STABLE, str(path))
    assert result.stderr == "fixed 3 problems\n"
    data = json.loads(path.read_text(encoding="utf-8"))
    before = json.loads(MACROS)
    assert data["macros"][0]["actions"][1]["value"] == (
        'Hi "Sam" é😀 within the time we promised we will please reply.\n\tYou should have waited.'
    )
    assert data["macros"][1]["actions"][0]["value"] == '<p class="kindly revert">We please reply today.</p>'
    # nothing else changed: keys, metadata, the status action
    data["macros"][0]["actions"][1]["value"] = before["macros"][0]["actions"][1]["value"]
    data["macros"][1]["actions"][0]["value"] = before["macros"][1]["actions"][0]["value"]
    assert data == before
    # the escapes that were not touched are still written as they were
    assert r"\"Sam\" \u00e9\ud83d\ude00 " in path.read_text(encoding="utf-8")


def test_fix_diff_for_json(here: Path) -> None:
    path = write(here / "r.json", '[{"title": "t", "body": "Hi,\\nwe will kindly revert."}]\n')
    result = run("--diff", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-2:] == [
        '-[{"title": "t", "body": "Hi,\\nwe will kindly revert."}]',
        '+[{"title": "t", "body": "Hi,\\nwe will please reply."}]',
    ]


def test_json_string_encoding_follows_the_file() -> None:
    assert JsonString().encode('say "hi"\n\\ café') == 'say \\"hi\\"\\n\\\\ café'
    assert JsonString(ascii_only=True).encode("café ’") == "caf\\u00e9 \\u2019"
    text = '{"body": "We\\u2019re on it; we will kindly revert."}'
    (template,) = read_library(text, "json").templates
    assert template.scalar.codec == JsonString(ascii_only=True)


def test_parser_positions_and_values_agree_with_the_json_module() -> None:
    text = '{"a": [1, -2.5e3, true, null, {"b": "c\\u00e9"}], "d": "\\ud83d\\ude00", "e": {}}'
    (root,) = load(text)
    assert [k for k, _ in root.items] == ["a", "d", "e"]
    assert root.items[0][1].items[4].items[0][1].text == json.loads(text)["a"][4]["b"]
    assert text[root.items[1][1].ref] == '"'


def test_html_and_template_comments_both_suppress_inside_an_html_template(here: Path) -> None:
    body = (
        "<p>Hi,</p><!-- replylint-disable-next-line jargon-acronym -->\\n"
        "<p>Per the SLA we reply in a day.</p>\\n"
        "<p>{# replylint-disable-next-line jargon-acronym #}</p>\\n"
        "<p>Per the SLA we refund in a week.</p>\\n"
        "<p>Per the SLA we call you.</p>"
    )
    macros = '{"macros": [{"title": "SLA", "actions": [{"field": "comment_value_html", "value": "' + body + '"}]}]}'
    path = write(here / "macros.json", macros)
    assert findings(path) == [("jargon-acronym", 1, macros.index("Per the SLA we call") + 1, "Per the SLA", "SLA")]
