"""The command line: wiring, output streams and exit codes; no lint logic.

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it;
2 usage, config, pack, plugin or input errors (the other files are still linted).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from replylint import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SEVERITIES = ("info", "warning", "error")


class DefaultGroup(click.Group):
    """`replylint PATH...` means `replylint check PATH...`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="replylint")
def main() -> None:
    """Lint draft customer-support replies for jargon, blame, hollow apologies,
    unclear next steps and over-promising.

    Run `replylint PATH...` (same as `replylint check PATH...`); `-` reads stdin.
    """


def _split(values: tuple[str, ...]) -> tuple[str, ...] | None:
    if not values:
        return None
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _use_colour(choice: str) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if choice == "always":
        return True
    return choice == "auto" and sys.stdout.isatty()


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--select",
    multiple=True,
    metavar="RULES",
    help="Only these rule ids, id prefixes or categories (comma-separated; overrides config).",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="RULES",
    help="Skip these rule ids, id prefixes or categories (comma-separated; overrides config).",
)
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default=None,
    help="Lowest severity that makes the exit code 1 [default: warning].",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Use this config file for every input (no discovery).",
)
@click.option("--stdin-filename", metavar="NAME", help="Name for stdin input: picks its format and config.")
@click.option(
    "--color",
    "colour",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour text output (never when NO_COLOR is set).",
)
@click.option(
    "--max-file-size",
    type=click.IntRange(min=1),
    default=64,
    show_default=True,
    metavar="MB",
    help="Refuse files larger than this.",
)
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files (atomically), then report what is left.")
@click.option(
    "--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply fixes that may change the meaning."
)
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff and change nothing.")
def check(
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    config_path: Path | None,
    stdin_filename: str | None,
    colour: str,
    max_file_size: int,
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
) -> None:
    """Lint drafts: files, folders (walked for known extensions) or - for stdin."""
    from replylint.diagnostics import Severity
    from replylint.report import reporter
    from replylint.runner import Overrides, Session, expand

    if not paths:
        raise click.UsageError("no paths given; pass files, folders, or - for stdin")
    if config_path is not None and not config_path.is_file():
        _fail(f"{config_path}: config file not found")
    overrides = Overrides(
        config=config_path,
        select=_split(select),
        ignore=_split(ignore),
        fail_on=Severity.parse(fail_on) if fail_on else None,
        max_bytes=max_file_size * 1024 * 1024,
        stdin_filename=stdin_filename,
    )
    session = Session(overrides)
    results = []
    errors: list[str] = []
    exit_code = EXIT_CLEAN
    fixed = 0
    for path, display in expand(paths, session):
        if path is None:
            errors.append(display)
            continue
        if fix or diff:
            result, patch, applied = session.fix_file(path, display, unsafe_fixes, write=fix and not diff)
            fixed += applied
            if diff and patch:
                click.echo(patch, nl=False)
                exit_code = max(exit_code, EXIT_FINDINGS)
        else:
            result = session.lint_file(path, display)
        results.append(result)
        if result.error:
            errors.append(result.error)
            continue
        threshold = session.fail_on(session.settings_for(path))
        if any(d.severity >= threshold for d in result.diagnostics):
            exit_code = max(exit_code, EXIT_FINDINGS)
        if any(d.rule == "rule-error" for d in result.diagnostics):
            exit_code = EXIT_ERROR
    seen: set[str] = set()
    for message in errors:
        if message not in seen:
            seen.add(message)
            click.echo(message, err=True)
    if errors:
        exit_code = EXIT_ERROR
    if diff:  # the diff is the report; exit 1 when there is something to fix
        sys.exit(exit_code)
    use_colour = _use_colour(colour)
    click.echo(reporter(output_format)(results, use_colour), nl=False, color=use_colour)
    if fix and output_format == "text":
        click.echo(f"fixed {fixed} problem{'s' if fixed != 1 else ''}", err=True)
    sys.exit(exit_code)


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(EXIT_ERROR)


def _registry(config_path: Path | None):  # type: ignore[no-untyped-def]
    from replylint.runner import Overrides, Session, SetupError

    session = Session(Overrides(config=config_path))
    try:
        return session.registry_for(session.settings_for(Path.cwd() / "x"))
    except SetupError as exc:
        _fail(str(exc))


@main.command("rules")
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), help="Include this config's packs."
)
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True
)
def rules_command(config_path: Path | None, output_format: str) -> None:
    """List every rule: id, category, severity and summary (markdown: the full reference)."""
    registry = _registry(config_path)
    if output_format == "markdown":
        from replylint.reference import render

        click.echo(render(registry.rules), nl=False)
        return
    if output_format == "json":
        import json

        rows = [
            {
                "id": r.id,
                "category": r.category,
                "severity": r.severity.label,
                "summary": r.summary,
                "fix": r.fix.value if r.fix else None,
                "origin": r.origin,
            }
            for r in registry.rules
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    width = max(len(r.id) for r in registry.rules)
    cat_width = max(len(r.category) for r in registry.rules)
    for r in registry.rules:
        click.echo(f"{r.id:<{width}}  {r.category:<{cat_width}}  {r.severity.label:<7}  {r.summary}")


@main.command()
@click.argument("rule_id")
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), help="Include this config's packs."
)
def explain(rule_id: str, config_path: Path | None) -> None:
    """Explain a rule: what it flags, why it matters, bad and good examples."""
    import textwrap

    registry = _registry(config_path)
    rule = registry.get(rule_id)
    if rule is None:
        _fail(f"unknown rule {rule_id!r}{registry.suggest(rule_id)}; run 'replylint rules' for the list")
        return
    out = [f"{rule.id} ({rule.category}, {rule.severity.label})", "", rule.summary, ""]
    out += textwrap.wrap(" ".join(rule.rationale.split()), 88) + [""]
    if rule.fix:
        out += [f"Fix: {rule.fix.value}", ""]
    if rule.options:
        out += [f"Options ([tool.replylint.options.{rule.id}]):"]
        out += [f"  {o.name} ({o.kind}, default {o.default!r}): {o.help}" for o in rule.options] + [""]
    if rule.bad:
        out += ["Bad:"] + [f"  {e.text}" for e in rule.bad] + [""]
    if rule.good:
        out += ["Good:"] + [f"  {e.text}" for e in rule.good] + [""]
    out.append(f"Defined in: {rule.origin}")
    click.echo("\n".join(out))
