"""The command line: click fills an options object, a ``run`` function does the work.

This is the only module that knows about click, and it imports click only when it needs
it: ``main`` recognises a plain ``lint`` invocation with a small parser of its own
(:func:`fast_lint_options`) and runs it without importing click at all (click costs
about 12 ms, a tenth of a pre-commit run). Anything that parser does not fully
understand (``--help``, an unknown or abbreviated option, a bad value, a value that looks
like an option, shell completion, Windows) goes to the click command, which stays the
source of truth; ``tests/test_lint_cli.py`` checks that both give the same
``LintOptions`` for a table of argument lists. Command modules are imported inside each
command so that a pre-commit ``lint`` pays only for what lint needs.
"""

from __future__ import annotations

import os
import sys

from spec_compiler import __version__

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any, NoReturn

    import click

    from spec_compiler.lint_cmd import LintOptions

FORMATS = ("text", "json", "sarif", "github", "junit")
KIND_CHOICES = ("auto", "spec", "conversation", "message")
#: the values the fast parser accepts for options with a choice
_CHOICES: dict[str, tuple[str, ...]] = {"format": FORMATS, "kind": KIND_CHOICES}

#: lint options the fast parser knows: flags (name -> field, value) ...
_FLAGS: dict[str, tuple[str, bool]] = {
    "--strict": ("strict", True),
    "--statistics": ("statistics", True),
    "--color": ("color", True),
    "--no-color": ("color", False),
    "--verbose": ("verbose", True),
    "-v": ("verbose", True),
    "--no-cache": ("cache", False),
}
#: ... and options with a value (name -> field)
_VALUES: dict[str, str] = {
    "--format": "format",
    "--output": "output",
    "-o": "output",
    "--config": "config",
    "--select": "select",
    "--ignore": "ignore",
    "--kind": "kind",
    "--jobs": "jobs",
    "-j": "jobs",
}


def fast_lint_options(args: list[str]) -> LintOptions | None:
    """``LintOptions`` for ``lint ARGS`` when every argument is plainly understood, else
    None (click parses it, reports errors and prints help)."""
    if not args or args[0] != "lint" or os.name == "nt":
        return None
    if "_SPEC_COMPILER_COMPLETE" in os.environ:
        return None
    from spec_compiler.lint_cmd import LintOptions

    fields: dict[str, Any] = {}
    select: list[str] = []
    ignore: list[str] = []
    paths: list[str] = []
    rest = iter(args[1:])
    for arg in rest:
        if arg == "--":
            paths.extend(rest)
            break
        if not arg.startswith("-"):
            paths.append(arg)
            continue
        if arg in _FLAGS:
            name, flag = _FLAGS[arg]
            fields[name] = flag
            continue
        name_, eq, value = arg.partition("=")
        if eq and name_.startswith("--") and name_ in _VALUES:
            name = _VALUES[name_]
        elif arg in _VALUES:
            name, value = _VALUES[arg], next(rest, "")
        else:
            return None
        if not value or value.startswith("-"):
            return None
        if name == "select":
            select.append(value)
        elif name == "ignore":
            ignore.append(value)
        elif name == "jobs":
            try:
                fields["jobs"] = int(value)
            except ValueError:
                return None
        elif name in ("output", "config") or value in _CHOICES.get(name, ()):
            fields[name] = value
        else:
            return None
    if any(not p for p in paths) or "-" in paths:
        return None
    return LintOptions(paths=tuple(paths) or (".",), select=tuple(select),
                       ignore=tuple(ignore), **fields)


def _finish(code: int) -> NoReturn:
    sys.stdout.flush()
    raise SystemExit(code)


def _error(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def _ignore_further_interrupts() -> None:
    """Once interrupted, a second Ctrl-C (or the first, still pending when a worker's
    report of it came first) must not turn the orderly exit 130 into a traceback. Only in
    the console command: a program calling us in-process keeps its own handler."""
    if _CONSOLE:
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)


#: True when running as the ``spec-compiler`` command (``main``)
_CONSOLE = False


def _guard(fn: Any, *args: Any) -> int:
    """Run a command; our own bugs exit 2 with a short report instead of a traceback."""
    from spec_compiler.errors import UsageError

    try:
        return int(fn(*args))
    except UsageError as exc:
        _error(f"spec-compiler: error: {exc}")
        return 2
    except KeyboardInterrupt:
        _error("spec-compiler: interrupted")
        _ignore_further_interrupts()
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # report, never a traceback
        import traceback

        _error(f"spec-compiler: internal error: {type(exc).__name__}: {exc}")
        _error("please report this with the file that caused it")
        if os.environ.get("SPEC_COMPILER_DEBUG"):
            traceback.print_exc()
        return 2


def _build() -> click.Group:
    """The click commands (built on first use: importing click costs ~12 ms)."""
    from pathlib import Path

    import click

    _PATH = click.Path(path_type=Path)
    #: lint keeps paths as given (strings: the lint path does not import pathlib)
    _STR = click.Path(path_type=str)

    @click.group(context_settings={"help_option_names": ["-h", "--help"]})
    @click.version_option(__version__, "--version", prog_name="spec-compiler")
    def cli() -> None:
        """Lint, compile and document Web1on1 outbound message specs."""

    @cli.command()
    @click.argument("paths", nargs=-1, type=_STR)
    @click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
                  help="Output format (default: text; github on GitHub Actions).")
    @click.option("--output", "-o", type=_STR, help="Write the report to FILE.")
    @click.option("--config", type=_STR, help="Configuration file (else found upward).")
    @click.option("--select", multiple=True, help="Codes or prefixes to enable (repeatable).")
    @click.option("--ignore", multiple=True, help="Codes or prefixes to disable (repeatable).")
    @click.option("--strict", is_flag=True, help="Warnings fail the run too.")
    @click.option("--statistics", is_flag=True, help="Count findings per code.")
    @click.option("--kind", type=click.Choice(KIND_CHOICES), default="auto",
                  help="Override document kind detection.")
    @click.option("--color/--no-color", default=None, help="Colour (default: on a terminal).")
    @click.option("--jobs", "-j", type=int, default=0, help="Processes (0: automatic).")
    @click.option("--verbose", "-v", is_flag=True, help="Show every schema error, not the best.")
    @click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
    def lint(paths: tuple[str, ...], fmt: str | None, output: str | None, config: str | None,
             select: tuple[str, ...], ignore: tuple[str, ...], strict: bool, statistics: bool,
             kind: str, color: bool | None, jobs: int, verbose: bool, no_cache: bool) -> None:
        """Lint spec and payload files (directories are walked).

        Findings of unchanged files come from a cache (.spec-compiler-cache in the
        project root; the cache-dir setting or SPEC_COMPILER_CACHE_DIR move it).
        """
        from spec_compiler.lint_cmd import LintOptions, run

        opts = LintOptions(paths=paths or (".",), format=fmt, output=output, config=config,
                           select=select, ignore=ignore, strict=strict, statistics=statistics,
                           kind=kind, color=color, jobs=jobs, verbose=verbose,
                           cache=not no_cache)
        _finish(_guard(run, opts, sys.stdout, sys.stderr))

    @cli.command(name="compile")
    @click.argument("specs", nargs=-1, required=True, type=_PATH)
    @click.option("--var", multiple=True, metavar="NAME=VALUE", help="A variable (repeatable).")
    @click.option("--vars", "vars_file", type=_PATH, help="Variables from a YAML/JSON file.")
    @click.option("--rows", type=_PATH, help="One compilation per row (CSV, JSONL, JSON, YAML).")
    @click.option("--rejects", type=_PATH, help="Where rows that fail go (with reasons).")
    @click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "body", "curl", "http"]),
                  default="json", show_default=True)
    @click.option("--output", "-o", type=_PATH, help="Write to FILE.")
    @click.option("--out-dir", type=_PATH, help="One file per spec in DIR.")
    @click.option("--check", is_flag=True, help="Write nothing; exit 1 if an output is stale.")
    @click.option("--batch", is_flag=True, help="One request with an array body (kind: messages).")
    @click.option("--config", type=_PATH, help="Configuration file.")
    @click.option("--progress/--no-progress", default=None, help="Progress bar (default: tty).")
    def compile_(specs: tuple[Path, ...], var: tuple[str, ...], vars_file: Path | None,
                 rows: Path | None, rejects: Path | None, fmt: str, output: Path | None,
                 out_dir: Path | None, check: bool, batch: bool, config: Path | None,
                 progress: bool | None) -> None:
        """Compile specs into ready-to-POST requests."""
        from spec_compiler.compile_cmd import CompileOptions, run

        opts = CompileOptions(specs=specs, var=var, vars_file=vars_file, rows=rows, rejects=rejects,
                              format=fmt, output=output, out_dir=out_dir,  # type: ignore[arg-type]
                              check=check, batch=batch, config=config, progress=progress)
        _finish(_guard(run, opts, sys.stdout, sys.stderr))

    @cli.command()
    @click.argument("spec", type=_PATH)
    @click.option("--var", multiple=True, metavar="NAME=VALUE")
    @click.option("--vars", "vars_file", type=_PATH)
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
    def timeline(spec: Path, var: tuple[str, ...], vars_file: Path | None, fmt: str) -> None:
        """When each typing indicator starts and each message appears."""
        from spec_compiler.timeline_cmd import TimelineOptions, run

        opts = TimelineOptions(spec=spec, var=var, vars_file=vars_file,
                               format=fmt)  # type: ignore[arg-type]
        _finish(_guard(run, opts, sys.stdout, sys.stderr))

    @cli.group()
    def schema() -> None:
        """The JSON Schemas (list, show, export)."""

    @schema.command(name="list")
    def schema_list() -> None:
        """List the bundled schemas."""
        from spec_compiler.schema_cmd import list_schemas

        for name, title in list_schemas():
            click.echo(f"{name:<14} {title}")

    @schema.command(name="show")
    @click.argument("name")
    def schema_show(name: str) -> None:
        """Print one schema (self-contained)."""
        from spec_compiler import schema_cmd

        try:
            click.echo(schema_cmd.show(name), nl=False)
        except schema_cmd.UnknownSchemaError as exc:
            click.echo(f"spec-compiler: error: {exc}", err=True)
            _finish(2)

    @schema.command(name="export")
    @click.argument("directory", type=_PATH)
    def schema_export(directory: Path) -> None:
        """Write every schema, self-contained, to DIRECTORY."""
        from spec_compiler.schema_cmd import export

        try:
            written = export(directory)
        except OSError as exc:
            click.echo(f"spec-compiler: error: cannot write to '{directory}': {exc.strerror}",
                       err=True)
            _finish(2)
        for path in written:
            click.echo(str(path))

    @cli.command()
    @click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]),
                  default="text")
    def rules(fmt: str) -> None:
        """List every rule: code, name, default severity."""
        from spec_compiler.rules_cmd import list_rules

        _finish(_guard(list_rules, fmt, sys.stdout))

    @cli.command()
    @click.argument("code")
    def explain(code: str) -> None:
        """Show the documentation of one rule."""
        from spec_compiler.rules_cmd import explain as explain_

        _finish(_guard(explain_, code, sys.stdout))

    @cli.command()
    @click.argument("specs", nargs=-1, required=True, type=_PATH)
    @click.option("--out-dir", type=_PATH, required=True, help="Where the site goes.")
    @click.option("--format", "fmt", type=click.Choice(["html", "markdown"]), default="html")
    @click.option("--vars", "vars_file", type=_PATH, help="Example values for variables.")
    @click.option("--config", type=_PATH, help="Configuration file.")
    def docs(specs: tuple[Path, ...], out_dir: Path, fmt: str, vars_file: Path | None,
             config: Path | None) -> None:
        """Write a static catalog of specs with chat previews, plus references."""
        from spec_compiler.docs_cmd import DocsOptions, run

        opts = DocsOptions(specs=specs, out_dir=out_dir, format=fmt,  # type: ignore[arg-type]
                           vars_file=vars_file, config=config)
        _finish(_guard(run, opts, sys.stdout, sys.stderr))

    return cli


_CLI: click.Group | None = None


def get_cli() -> click.Group:
    """The click command group."""
    global _CLI
    if _CLI is None:
        _CLI = _build()
    return _CLI


def __getattr__(name: str) -> Any:
    # ``from spec_compiler.cli import cli`` still works (tests, docs), building it then
    if name == "cli":
        return get_cli()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """The command line: ``spec-compiler ARGS`` (exits with SystemExit)."""
    global _CONSOLE
    _CONSOLE = True
    options = fast_lint_options(sys.argv[1:])
    if options is None:
        get_cli()(prog_name="spec-compiler")
        return
    from spec_compiler.lint_cmd import run

    try:
        code = _guard(run, options, sys.stdout, sys.stderr)
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        # as click does: the reader went away; quiet the flush at exit, exit 1
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(1) from None
    if _LEAVE_AT_ONCE:
        # everything is written and flushed, the cache saved, the workers reaped:
        # tearing the interpreter down (modules, compiled validators) would only cost
        # time, ~17 ms after a 2000-file lint (as mypy does, leave without it)
        os._exit(code)
    raise SystemExit(code)


#: set by the console script and ``python -m``: a lint leaves without the interpreter's
#: teardown (tests that call ``main`` in-process and look around afterwards get SystemExit)
_LEAVE_AT_ONCE = False


#: the collector's thresholds for a run of the command: objects that survive are few and
#: mostly long-lived (modules, compiled validators, the file list), cycles are rare, and
#: the default first threshold (700) ran ~45 collections in a 2000-file lint for ~70
#: objects found (as mypy does, collect less often: ~3% of a large lint)
GC_THRESHOLDS = (100_000, 50, 100)


def console() -> None:
    """Console-script entry point (``spec-compiler``, ``python -m spec_compiler``)."""
    import gc

    global _LEAVE_AT_ONCE
    _LEAVE_AT_ONCE = True
    gc.set_threshold(*GC_THRESHOLDS)
    main()
