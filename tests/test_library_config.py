"""Which fields are templates, as a config names them: the path syntax, names, formats, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import library_findings as findings
from helpers import run, write

from replylint.formats.library.fields import ANY, INDEX, KEY, WHERE, PathError, Step, parse_path


@pytest.mark.parametrize(
    ("text", "steps"),
    [
        ("body", (Step(KEY, "body"),)),
        (
            "macros[*].actions[*].value",
            (Step(KEY, "macros"), Step(ANY), Step(KEY, "actions"), Step(ANY), Step(KEY, "value")),
        ),
        (
            "macros[*].actions[field=comment_value].value",
            (
                Step(KEY, "macros"),
                Step(ANY),
                Step(KEY, "actions"),
                Step(WHERE, "field", "comment_value"),
                Step(KEY, "value"),
            ),
        ),
        ("*", (Step(ANY),)),
        ("templates.*.body", (Step(KEY, "templates"), Step(ANY), Step(KEY, "body"))),
        ("[2].text", (Step(INDEX, index=2), Step(KEY, "text"))),
        ('"Saved replies"[*]."a.b"', (Step(KEY, "Saved replies"), Step(ANY), Step(KEY, "a.b"))),
        ("Response text", (Step(KEY, "Response text"),)),
        ("items['kind'='reply'].text", (Step(KEY, "items"), Step(WHERE, "kind", "reply"), Step(KEY, "text"))),
    ],
)
def test_field_paths(text: str, steps: tuple[Step, ...]) -> None:
    assert parse_path(text).steps == steps


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty path"),
        ("macros[*.value", "expected ']' after '*' at character 9"),
        ("macros[x.value", "expected '*', a number or key=value inside [...] at the end"),
        ("macros[field=x.value", "expected ']' at the end"),
        ("a..b", "expected a key at character 3"),
        ("a]", "expected '.' or '[' at character 2"),
        ('"open', 'unterminated " at character 1'),
        ("a. b", "a key cannot start or end with a space (quote it) at character 3"),
    ],
)
def test_bad_field_paths(text: str, message: str) -> None:
    with pytest.raises(PathError) as caught:
        parse_path(text)
    assert str(caught.value) == message


ZENDESK = json.dumps(
    {
        "macros": [
            {
                "title": "Refund late",
                "actions": [
                    {"field": "subject", "value": "Per the SLA"},
                    {"field": "comment_value", "value": "We will kindly revert."},
                ],
            },
            {"actions": [{"field": "comment_value", "value": "You should have asked."}]},
        ]
    },
    indent=1,
)


def test_configured_fields_and_names(here: Path) -> None:
    write(
        here / ".replylint.toml",
        '[templates."macros/*.json"]\nfields = ["macros[*].actions[field=comment_value].value"]\nname = "title"\n',
    )
    path = write(here / "macros" / "z.json", ZENDESK)
    assert findings(path) == [
        ("jargon-corporate", 12, 24, "kindly revert", "Refund late"),
        ("blame-accusatory", 20, 16, "You should have", "macros[1].actions[0]"),
    ]
    # the same file elsewhere: found by its shape (Zendesk comment actions), with the same names
    other = write(here / "elsewhere" / "z.json", ZENDESK)
    assert [f[4] for f in findings(other)] == ["Refund late", "macros[1]"]


def test_every_value_and_the_first_matching_glob(here: Path) -> None:
    write(
        here / "pyproject.toml",
        '[tool.replylint.templates]\n"short.yaml" = { fields = ["*"] }\n"*.yaml" = { fields = ["nothing.here"] }\n',
    )
    # two short texts: not a library by its shape, but the config says every value is a template
    path = write(here / "short.yaml", "Ack: Per the SLA.\nBye: We will kindly revert.\n")
    assert findings(path) == [
        ("jargon-acronym", 1, 6, "Per the SLA", "Ack"),
        ("jargon-corporate", 2, 14, "kindly revert", "Bye"),
    ]
    # configured fields that match nothing: nothing is linted, and that is not an error
    other = write(here / "other.yaml", "- body: We will kindly revert.\n")
    assert findings(other) == []


def test_configured_csv_columns_and_format(here: Path) -> None:
    write(
        here / ".replylint.toml",
        '[templates."faq.csv"]\nfields = ["Answer"]\nname = ["Question"]\nformat = "html"\n',
    )
    path = write(
        here / "faq.csv",
        'Question,Answer,body\nRefund?,"<p title=""kindly revert"">We will kindly revert.</p>",Per the SLA\n',
    )
    # only the configured column, read as HTML (the attribute is markup)
    assert findings(path) == [("jargon-corporate", 2, 45, "kindly revert", "Refund?")]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            "templates = 3\n",
            '.replylint.toml:1: templates: expected a table of glob = { fields = ["..."] }, got a number',
        ),
        (
            '[templates."*.json"]\nfields = "body"\n',
            '.replylint.toml:2: templates."*.json".fields: expected a list of field paths (strings), got a string',
        ),
        (
            '[templates]\n"*.json" = { fields = [], name = "title" }\n',
            '.replylint.toml:2: templates."*.json".fields: expected a list of field paths (strings), got an empty list',
        ),
        (
            '[templates."*.json"]\nname = "title"\n',
            ".replylint.toml:1: templates.\"*.json\": missing 'fields' (a list of field paths such as "
            '"macros[*].actions[*].value")',
        ),
        (
            '[templates."*.json"]\nfields = ["body"]\nnmae = "title"\n',
            ".replylint.toml:3: templates.\"*.json\".nmae: unknown key (did you mean 'name'?); "
            "known keys: fields, name, format",
        ),
        (
            '[templates."*.json"]\nfields = ["macros[*.value"]\n',
            ".replylint.toml:2: templates.\"*.json\".fields[0]: bad field path 'macros[*.value': "
            "expected ']' after '*' at character 9",
        ),
        (
            '[templates."*.json"]\nfields = ["body"]\nname = 3\n',
            '.replylint.toml:3: templates."*.json".name: expected a key name or a list of key names, got a number',
        ),
        (
            '[templates."*.json"]\nfields = ["body"]\nformat = "htm"\n',
            ".replylint.toml:3: templates.\"*.json\".format: unknown format 'htm' (did you mean 'html'?); "
            "known formats: plain, markdown, template, html",
        ),
        (
            '[templates]\nmacros = "body"\n',
            ".replylint.toml:2: templates.macros: expected a table with 'fields' (and optional 'name', 'format'), "
            "got a string",
        ),
    ],
)
def test_config_errors(here: Path, config: str, message: str) -> None:
    write(here / ".replylint.toml", config)
    write(here / "a.json", '{"body": "Hi."}')
    result = run("a.json")
    assert result.exit_code == 2
    assert result.stderr == message.replace(".replylint.toml", str(here / ".replylint.toml"), 1) + "\n"


def test_config_errors_in_pyproject_name_the_table(here: Path) -> None:
    write(here / "pyproject.toml", '[tool.replylint.templates."*.json"]\nfields = ["a[b"]\n')
    write(here / "a.json", "{}")
    result = run("a.json")
    assert result.stderr == (
        f"{here / 'pyproject.toml'}:2: tool.replylint.templates.\"*.json\".fields[0]: bad field path 'a[b': "
        "expected '*', a number or key=value inside [...] at the end\n"
    )
