"""The command line: wiring, output streams and exit codes; no lint logic.

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it;
2 usage, config, pack, plugin or input errors (the other files are still linted).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from replylint import __version__
from replylint.report import FORMATS

if TYPE_CHECKING:
    from replylint.baseline import Baseline, Matcher
    from replylint.diagnostics import FileResult
    from replylint.rule import Rule
    from replylint.runner import Session

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a program Ctrl-C stopped
SEVERITIES = ("info", "warning", "error")


class DefaultGroup(click.Group):
    """`replylint PATH...` means `replylint check PATH...`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        """Ctrl-C ends the run with EXIT_INTERRUPTED, not click's 1, which means "findings" here."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("\nreplylint: interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)


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
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Report format (see README 'Output formats').",
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Count the findings per rule and category instead of listing them (text, concise or json).",
)
@click.option(
    "--output-file",
    type=click.Path(path_type=Path),  # a folder is refused below, in one line
    metavar="PATH",
    help="Write the report to PATH; the terminal gets the one-line summary.",
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
    type=click.Path(path_type=Path),  # a folder is refused below, in one line
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
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Lint in N processes [default: one per core; 1: in this process]. Small runs always use one.",
)
@click.option(
    "--force-exclude", is_flag=True, help="Apply the config's exclude globs to files named on the command line too."
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Report only findings not recorded in this baseline file.",
)
@click.option(
    "--write-baseline",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Record the findings in FILE instead of reporting them (exit 0); with --baseline, only drop "
    "entries that no longer match.",
)
def check(
    paths: tuple[str, ...],
    output_format: str,
    statistics: bool,
    output_file: Path | None,
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
    baseline_path: Path | None,
    write_baseline: Path | None,
    jobs: int | None,
    force_exclude: bool,
) -> None:
    """Lint drafts: files, folders (walked for known extensions) or - for stdin."""
    from replylint.diagnostics import Severity
    from replylint.parallel import Job, default_jobs, run
    from replylint.report import NEEDS_FINGERPRINTS, STATISTICS_FORMATS
    from replylint.runner import Overrides, Session, expand

    if not paths:
        raise click.UsageError("no paths given; pass files, folders, or - for stdin")
    if statistics and output_format not in STATISTICS_FORMATS:
        raise click.UsageError(f"--statistics works with --format {', '.join(STATISTICS_FORMATS)}, not {output_format}")
    # (Path.is_file and is_dir raise for a name too long, or a folder on the way that cannot be searched)
    try:
        if config_path is not None and not config_path.is_file():
            reason = "is a directory, not a config file" if config_path.is_dir() else "config file not found"
            _fail(f"{config_path}: {reason}")
    except OSError as exc:
        _fail(f"{config_path}: cannot read config file ({exc.strerror or exc})")
    try:
        if output_file is not None and output_file.is_dir():
            _fail(f"{output_file}: cannot write the report (is a directory)")
    except OSError as exc:
        _fail(f"{output_file}: cannot write the report ({exc.strerror or exc})")
    overrides = Overrides(
        config=config_path,
        select=_split(select),
        ignore=_split(ignore),
        fail_on=Severity.parse(fail_on) if fail_on else None,
        max_bytes=max_file_size * 1024 * 1024,
        stdin_filename=stdin_filename,
        force_exclude=force_exclude,
        fingerprints=baseline_path is not None or write_baseline is not None or output_format in NEEDS_FINGERPRINTS,
    )
    if write_baseline is not None and diff:
        raise click.UsageError("--write-baseline cannot be combined with --diff")
    matcher = _open_baseline(baseline_path, stdin_filename) if baseline_path is not None else None
    session = Session(overrides)
    results = []
    errors: list[str] = []
    exit_code = EXIT_CLEAN
    fixed = 0
    items = list(expand(paths, session))
    own = {f.resolve() for f in (output_file, baseline_path, write_baseline) if f is not None}
    if own:  # this run's own report and baseline are never linted when a folder walk reaches them
        items = [item for item in items if item[0] is None or item[0].resolve() not in own]
    outcomes = run(items, session, Job(fix or diff, unsafe_fixes, fix and not diff), jobs or default_jobs())
    if not diff and sys.stderr.isatty():  # a progress line for long runs; never in a report, a pipe or CI
        from replylint.progress import with_progress

        outcomes = with_progress(outcomes, len(items), sys.stderr)
    for path, display, outcome in outcomes:
        if path is None or outcome is None:
            errors.append(display)
            continue
        result, patch, applied = outcome
        if fix or diff:
            fixed += applied
            if diff and patch:
                click.echo(printable(patch), nl=False)
                exit_code = max(exit_code, EXIT_FINDINGS)
        if matcher is not None:
            result = matcher.new_findings(result)
        results.append(result)
        if result.error:
            errors.append(result.error)
            continue
        threshold = session.fail_on(session.settings_for(path))
        if not diff and any(d.severity >= threshold for d in result.diagnostics):  # --diff: 1 = a fix to show
            exit_code = max(exit_code, EXIT_FINDINGS)
        if any(d.rule == "rule-error" for d in result.diagnostics):
            exit_code = EXIT_ERROR
    errors = session.problems() + errors  # a plugin that failed to load: its rules were left out
    seen: set[str] = set()
    for message in errors:
        if message not in seen:
            seen.add(message)
            click.echo(printable(message), err=True)
    if errors:
        exit_code = EXIT_ERROR
    if diff:  # the diff is the report; exit 1 when there is something to fix
        sys.exit(exit_code)
    if write_baseline is not None and matcher is None:  # record the findings instead of reporting them
        _record_baseline(results, write_baseline, stdin_filename)
        sys.exit(EXIT_ERROR if exit_code == EXIT_ERROR else EXIT_CLEAN)
    if not _report(results, session, output_format, statistics, output_file, _use_colour(colour)):
        exit_code = EXIT_ERROR
    if fix and output_format == "text":
        click.echo(f"fixed {fixed} problem{'s' if fixed != 1 else ''}", err=True)
    if matcher is not None:
        _after_baseline(matcher, write_baseline, session)
    sys.exit(exit_code)


def printable(text: str) -> str:
    """`text` as UTF-8 output can hold it (a file name that is not UTF-8: see report.common.printable)."""
    if text.isascii():
        return text
    from replylint.report.common import printable as replaced

    return replaced(text)


def _fail(message: str) -> None:
    click.echo(printable(message), err=True)
    sys.exit(EXIT_ERROR)


def _report(
    results: Sequence[FileResult],
    session: Session,
    output_format: str,
    statistics: bool,
    output_file: Path | None,
    colour: bool,
) -> bool:
    """Render the report to stdout, or to --output-file with the summary line on stdout; False if it cannot write."""
    from replylint.report import NEEDS_RULES, ReportContext, reporter

    rules: tuple[Rule, ...] = ()
    if output_format in NEEDS_RULES and not statistics:
        from replylint.report.gather import rules_used

        rules = rules_used(session, results)
    context = ReportContext(colour and output_file is None, rules, __version__, os.getcwd())
    report = reporter(output_format, statistics)(results, context)
    if output_file is None:
        click.echo(printable(report), nl=False, color=colour)
        return True
    from replylint.files import write_atomic
    from replylint.report.text import summary

    try:
        write_atomic(output_file, printable(report).encode("utf-8"))
    except OSError as exc:
        click.echo(f"{output_file}: cannot write the report ({exc.strerror or exc})", err=True)
        return False
    click.echo(summary(results))
    return True


def _open_baseline(path: Path, stdin_filename: str | None) -> Matcher:
    from replylint.baseline import BaselineError, Matcher, load, root_of

    try:
        return Matcher(load(path), root_of(path), stdin_filename)
    except BaselineError as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits
    except RecursionError:  # the json module recurses into nested arrays and objects
        _fail(f"{path}: invalid JSON: nested too deeply")
        raise  # unreachable: _fail exits


def _record_baseline(results: Sequence[FileResult], path: Path, stdin_filename: str | None) -> None:
    """--write-baseline alone: every finding of this run."""
    from replylint.baseline import from_results, root_of

    _save_baseline(from_results(results, root_of(path), stdin_filename), path, 0)


def _after_baseline(matcher: Matcher, write_path: Path | None, session: Session) -> None:
    """After the report: how many baselined findings no longer match; with --write-baseline, drop them."""
    from replylint.baseline import root_of

    kept, gone = matcher.outcome(checked=_rules_checked(session))
    if write_path is not None:
        _save_baseline(kept.rerooted(matcher.root, root_of(write_path)), write_path, gone)
    elif gone:
        entries = "1 baseline entry no longer matches" if gone == 1 else f"{gone} baseline entries no longer match"
        click.echo(f"{entries} (fixed); run with --write-baseline to shrink the baseline", err=True)


def _save_baseline(known: Baseline, path: Path, gone: int) -> None:
    from replylint.baseline import BaselineError, save

    try:
        save(known, path)
    except BaselineError as exc:
        _fail(str(exc))
    n = known.findings
    dropped = f" ({gone} no longer matched)" if gone else ""
    click.echo(printable(f"wrote {n} finding{'s' if n != 1 else ''} to {path}{dropped}"), err=True)


def _rules_checked(session: Session) -> Callable[[str, str], bool] | None:
    """With --select/--ignore on the command line, whether a rule ran on a file (else its entries are kept)."""
    if session.overrides.select is None and session.overrides.ignore is None:
        return None
    from replylint.runner import SetupError

    stdin_name = session.overrides.stdin_filename

    def checked(display: str, rule: str) -> bool:
        path = Path(display) if display != "<stdin>" else Path(stdin_name or Path.cwd() / "<stdin>")
        try:
            settings = session.settings_for(path)
            active = session.active_rules(settings, session.registry_for(settings), path)
        except SetupError:
            return True
        return any(a.rule.id == rule for a in active)

    return checked


def _registry(config_path: Path | None):  # type: ignore[no-untyped-def]
    from replylint.runner import Overrides, Session, SetupError

    session = Session(Overrides(config=config_path))
    try:
        registry = session.registry_for(session.settings_for(Path.cwd() / "x"))
    except SetupError as exc:
        _fail(str(exc))
    if registry.problems:  # listing the rules without a plugin's would mislead
        for problem in registry.problems[:-1]:
            click.echo(printable(problem), err=True)
        _fail(registry.problems[-1])
    return registry


@main.command("rules")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="Include this config's packs.")
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
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="Include this config's packs.")
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
