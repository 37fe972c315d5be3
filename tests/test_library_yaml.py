"""YAML libraries of templates: every scalar style, exact positions, names, fixes that keep the YAML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import STABLE, run, write
from helpers import library_findings as findings

from replylint.diagnostics import Edit
from replylint.document import Span
from replylint.formats.library import LibraryError, read_library
from replylint.formats.library.yamlcodecs import YamlBlock, YamlPlain, YamlQuoted

STYLES = """\
# Canned responses, one per scalar style.
---
- title: Literal
  body: |
    Hello,
    per the SLA we will kindly revert.
- title: Folded
  body: >-
    Thanks for waiting. We will kindly
    revert today.
- title: Indented
  body: |2+
      Two more spaces here.
    You should have asked.

- title: Plain
  body: Thanks for writing. We will kindly
    revert soon.
- title: Single
  body: 'It''s late; we''ll kindly revert.'
- title: Double
  body: "Caf\\u00e9 \\"orders\\": per the SLA\\
    \\ we kindly revert.\\n"
- title: Not a template
  body: 42
"""


def test_positions_in_every_scalar_style(here: Path) -> None:
    path = write(here / "replies.yaml", STYLES)
    assert findings(path) == [
        ("jargon-acronym", 6, 5, "per the SLA", "Literal"),
        ("jargon-corporate", 6, 25, "kindly revert", "Literal"),
        # folded: the match runs over the line break, which reads as a space
        ("jargon-corporate", 9, 33, "kindly\n    revert", "Folded"),
        # |2+: the indentation comes from the indicator, not from the first line
        ("blame-accusatory", 14, 5, "You should have", "Indented"),
        ("jargon-corporate", 17, 37, "kindly\n    revert", "Plain"),
        # 'It''s' and 'we''ll': each '' is one quote
        ("jargon-corporate", 20, 29, "kindly revert", "Single"),
        # \u00e9 and \" before the words; an escaped line break inside the scalar
        ("jargon-acronym", 22, 32, "per the SLA", "Double"),
        ("jargon-corporate", 23, 10, "kindly revert", "Double"),
    ]


def test_decoded_values_are_pyyamls() -> None:
    library = read_library(STYLES, "yaml")
    expected = [entry["body"] for entry in yaml.safe_load(STYLES) if isinstance(entry["body"], str)]
    assert [t.scalar.value for t in library.templates] == expected
    assert all(t.scalar.codec is not None for t in library.templates)  # read exactly, not approximated


def test_fixes_keep_every_style_and_the_rest_of_the_file(here: Path) -> None:
    path = write(here / "replies.yaml", STYLES)
    result = run("--fix", "--unsafe-fixes", "--select", STABLE, str(path))
    assert result.stderr == "fixed 7 problems\n"
    after: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    expected = yaml.safe_load(STYLES)
    fixed = {
        "Literal": "Hello,\nWithin the time we promised we will please reply.\n",
        "Folded": "Thanks for waiting. We will please reply today.",
        "Plain": "Thanks for writing. We will please reply soon.",
        "Single": "It's late; we'll please reply.",
        "Double": 'Café "orders": Within the time we promised we please reply.\n',
    }
    for entry in expected:
        entry["body"] = fixed.get(entry["title"], entry["body"])
    assert after == expected
    text = path.read_text(encoding="utf-8")
    assert "  body: >-\n    Thanks for waiting. We will please reply today.\n" in text
    assert "'It''s late; we''ll please reply.'" in text
    assert "  body: |2+\n      Two more spaces here.\n    You should have asked.\n" in text  # no fix: untouched


def test_crlf_and_anchors(here: Path) -> None:
    text = (
        "replies:\r\n  - title: One\r\n    body: &shared |\r\n      Hi,\r\n      we will kindly revert.\r\n"
        "  - title: Two\r\n    body: *shared\r\n    text: Per the SLA (not linted, body comes first)\r\n"
    )
    path = here / "crlf.yaml"
    path.write_bytes(text.encode("utf-8"))
    # the shared text is linted once, where it is written
    assert findings(path) == [("jargon-corporate", 5, 15, "kindly revert", "One")]
    run("--fix", "--select", STABLE, str(path))
    assert path.read_bytes() == text.replace("kindly revert", "please reply").encode("utf-8")
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["replies"][1]["body"] == "Hi,\nwe will please reply.\n"


def test_lone_cr_line_endings(here: Path) -> None:
    text = "replies:\r  - title: One\r    body: |\r      Hi,\r      we will kindly revert.\r"
    path = here / "mac.yaml"
    path.write_bytes(text.encode("utf-8"))
    assert findings(path) == [("jargon-corporate", 5, 15, "kindly revert", "One")]
    run("--fix", "--select", STABLE, str(path))
    assert path.read_bytes() == text.replace("kindly revert", "please reply").encode("utf-8")


def test_several_documents_and_tags(here: Path) -> None:
    path = write(
        here / "docs.yaml",
        "title: First\nbody: !!str We will kindly revert.\n---\n- name: Second\n  reply: We will kindly revert.\n",
    )
    assert findings(path) == [
        ("jargon-corporate", 2, 21, "kindly revert", "document 1: First"),
        ("jargon-corporate", 5, 18, "kindly revert", "document 2: Second"),
    ]


def test_osticket_email_template_is_one_template(here: Path) -> None:
    path = write(
        here / "ticket.reply.yaml",
        "---\nnotes: |\n    Per the SLA, internal.\nsubject: |\n    Re: %{ticket.subject}\n"
        "body: |\n    <h3>Dear %{recipient.name.first},</h3>\n    <p>Per the SLA we will reply.</p>\n",
    )
    assert findings(path) == [("jargon-acronym", 8, 8, "Per the SLA", "body")]


def test_yaml_without_templates_says_nothing(here: Path) -> None:
    write(here / "docker-compose.yml", "services:\n  web:\n    image: nginx\n    ports: ['80:80']\n")
    write(here / "empty.yaml", "# nothing\n")
    result = run("docker-compose.yml", "empty.yaml")
    assert (result.exit_code, result.stdout) == (0, "no problems in 2 files\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "body: |\n  hello\n bad: [\n",
            "3:2: invalid YAML: expected <block end>, but found '<block mapping start>' "
            "(while parsing a block mapping)",
        ),
        (
            "a:\n\t- b\n",
            "2:1: invalid YAML: found character '\\t' that cannot start any token (while scanning for the next token)",
        ),
        (
            'body: "\\q"\n',
            "1:9: invalid YAML: found unknown escape character 'q' (while scanning a double-quoted scalar)",
        ),
        ("x: \x01\n", "1:4: invalid YAML: unacceptable character #x0001: special characters are not allowed"),
        ('body: "\\U00110000"\n', "1:10: invalid YAML: chr() arg not in range(0x110000)"),
        ("body: Hi.\nx: " + "[" * 3000 + "]" * 3000 + "\n", "1:1: invalid YAML: nested too deeply"),
    ],
)
def test_malformed_yaml(text: str, message: str) -> None:
    with pytest.raises(LibraryError) as caught:
        read_library(text, "yaml")
    assert str(caught.value) == message


def test_malformed_yaml_on_the_command_line(here: Path) -> None:
    write(here / "bad.yaml", "body: 'open\n")
    write(here / "good.yaml", "- body: We will kindly revert.\n")
    result = run("bad.yaml", "good.yaml")
    assert result.exit_code == 2
    assert (
        result.stderr == "bad.yaml:2:1: invalid YAML: found unexpected end of stream (while scanning a quoted scalar)\n"
    )
    assert "good.yaml:1:17: warning jargon-corporate 'kindly revert'" in result.stdout


def _scalar(text: str, index: int = 0):  # type: ignore[no-untyped-def]
    return read_library(text, "yaml").templates[index].scalar


def test_a_replacement_a_style_cannot_hold_is_not_offered() -> None:
    text = "- body: We will check it\n"
    plain = _scalar(text)
    assert isinstance(plain.codec, YamlPlain)
    where = Span(8, 12)  # "will"
    assert plain.source_edits(text, [Edit(where, "do")]) == (Edit(Span(16, 20), "do"),)
    assert plain.source_edits(text, [Edit(where, "do: this")]) is None  # ': ' would start a mapping
    assert plain.source_edits(text, [Edit(where, "do # this")]) is None  # ' #' would start a comment
    assert plain.source_edits(text, [Edit(where, "line\nbreak")]) is None
    assert plain.source_edits(text, [Edit(Span(0, len(plain.value)), "true")]) is None  # would read as a boolean
    block = _scalar("- body: |\n    We will check it\n")
    assert isinstance(block.codec, YamlBlock)
    assert block.source_edits("- body: |\n    We will check it\n", [Edit(where, "a\nb")]) is None
    single = "- body: 'We will check it'\n"
    assert _scalar(single).source_edits(single, [Edit(where, "won't")]) == (Edit(Span(17, 21), "won''t"),)
    double = '- body: "We will check it"\n'
    scalar = _scalar(double)
    assert scalar.codec == YamlQuoted(double=True)
    assert scalar.source_edits(double, [Edit(where, 'say "hi"\n')]) == (Edit(Span(17, 21), 'say \\"hi\\"\\n'),)


def test_unreadable_scalar_falls_back_to_approximate_positions_without_fixes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(YamlBlock, "decode", lambda self, text, begin, end: None)
    text = "- title: T\n  body: |\n    We will kindly revert.\n"
    (template,) = read_library(text, "yaml").templates
    assert template.scalar.codec is None
    assert template.scalar.value == "We will kindly revert.\n"
    start = template.scalar.span(8, 21).start
    assert text[start : start + 13] == "kindly revert"
