"""Lint configuration: which codes run, at what severity, with which options."""

from __future__ import annotations

import os
import sys
from collections import namedtuple
from collections.abc import Mapping, Sequence

from spec_compiler.errors import UsageError

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any, NamedTuple

    # not at run time: the loader imports PyYAML, and a lint run whose every file is
    # answered by the result cache must not pay for that
    from spec_compiler.diagnostics import Severity
    from spec_compiler.document import DocumentKind
    from spec_compiler.reading import Limits
    from spec_compiler.walker import PathArg


def _prefix_match(code: str, prefixes: tuple[str, ...]) -> int:
    """Length of the longest prefix of ``code`` in ``prefixes`` (-1 for none)."""
    best = -1
    for p in prefixes:
        if p == "ALL" or code.startswith(p):
            best = max(best, 0 if p == "ALL" else len(p))
    return best


#: the default of every mapping setting: one shared empty dict, typed read-only (a
#: ``MappingProxyType`` would not pickle, and a process pool pickles the config)
_NONE: Mapping[str, Any] = {}


if TYPE_CHECKING:
    class _Settings(NamedTuple):
        select: tuple[str, ...] = ("ALL",)
        ignore: tuple[str, ...] = ()
        extend_select: tuple[str, ...] = ()
        severity: Mapping[str, Severity] = _NONE
        per_file_ignores: Mapping[str, tuple[str, ...]] = _NONE
        include: tuple[str, ...] = ("*.yaml", "*.yml", "*.json")
        exclude: tuple[str, ...] = ()
        kinds: Mapping[str, DocumentKind] = _NONE
        rule_options: Mapping[str, Mapping[str, Any]] = _NONE
        #: ``[limits]`` as configured (snake_case names); the loader's defaults for the rest
        limit_values: Mapping[str, int] = _NONE
        #: where the configuration came from (for messages), None for defaults
        source: str | None = None
        #: folder of the configuration file; globs also match paths relative to it
        root: str | None = None
        #: ``cache-dir`` as configured, resolved against ``root`` (None: the default)
        cache_dir: str | None = None
else:
    _Settings = namedtuple(
        "_Settings",
        "select ignore extend_select severity per_file_ignores include exclude kinds "
        "rule_options limit_values source root cache_dir",
        defaults=(("ALL",), (), (), _NONE, _NONE, ("*.yaml", "*.yml", "*.json"), (), _NONE,
                  _NONE, _NONE, None, None, None))


class Config(_Settings):
    """Resolved configuration; the default instance is the tool's defaults."""

    __slots__ = ()

    @property
    def limits(self) -> Limits:
        """The loader's bounds (built on use: importing the loader imports PyYAML)."""
        from spec_compiler.reading import Limits

        return Limits(**self.limit_values)

    def fingerprint(self) -> str:
        """Every setting that can change a finding, as one string (the cache key).

        Output settings (``source``), the file set (``include``, ``exclude``) and the
        cache location are left out; ``root`` is in, since globs match paths from it.
        """
        import json

        return json.dumps(
            [
                self.select,
                self.ignore,
                self.extend_select,
                list(self.severity.items()),
                list(self.per_file_ignores.items()),
                list(self.kinds.items()),
                [(k, list(v.items())) for k, v in self.rule_options.items()],
                sorted(self.limit_values.items()),
                self.root,
            ],
            default=repr,
        )

    def is_enabled(self, code: str, path: str | None = None) -> bool:
        """Longest matching prefix wins between select and ignore (like flake8)."""
        sel = max(_prefix_match(code, self.select), _prefix_match(code, self.extend_select))
        ign = _prefix_match(code, self.ignore)
        if path is not None:
            ign = max(ign, _prefix_match(code, self.ignores_for(path)))
        return sel >= 0 and sel > ign

    def ignores_for(self, path: str) -> tuple[str, ...]:
        """Codes ignored for ``path`` by ``per-file-ignores``."""
        out: list[str] = []
        for pattern, codes in self.per_file_ignores.items():
            if self.matches(path, pattern):
                out.extend(codes)
        return tuple(out)

    def matches(self, path: str, pattern: str) -> bool:
        """Does ``pattern`` match the path as given, its name, or the path from ``root``?"""
        if pattern[:2] == "*." and pattern[2:].isalnum():
            # ``*.yaml`` (every include by default): the three matches below all come down
            # to the name's ending, without fnmatch (a third of a cached run's time)
            name = os.path.basename(path)
            if name not in ("", ".", ".."):
                return os.path.normcase(name).endswith(os.path.normcase(pattern[1:]))
        # here, not at the top: fnmatch (and the re it imports) is for a pattern past
        # the one above, and a large JSON lint's serial start has no other use for it
        import fnmatch

        path = path.replace(os.sep, "/")
        if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path.rsplit("/", 1)[-1], pattern):
            return True
        if self.root is None:
            return False
        try:
            rel = os.path.relpath(os.path.abspath(path), self.root).replace(os.sep, "/")
        except ValueError:
            return False
        return not rel.startswith("../") and fnmatch.fnmatch(rel, pattern)

    def severity_for(self, code: str, default: Severity) -> Severity:
        """A configured severity (by code or prefix, longest wins) or the rule's default."""
        best, result = -1, default
        for prefix, sev in self.severity.items():
            if code.startswith(prefix) and len(prefix) > best:
                best, result = len(prefix), sev
        return result

    def options_for(self, code: str, name: str) -> Mapping[str, Any]:
        """Options configured for a rule, by code or by name."""
        return {**self.rule_options.get(name, {}), **self.rule_options.get(code, {})}

    def kind_for(self, path: str) -> DocumentKind | None:
        """A kind forced for ``path`` by the per-glob ``kinds`` mapping."""
        for pattern, kind in self.kinds.items():
            if self.matches(path, pattern):
                return kind
        return None


DEFAULT_CONFIG = Config()


# ---------------------------------------------------------------- loading

CONFIG_FILE = "spec-compiler.toml"
PYPROJECT = "pyproject.toml"
SCHEMA_ID = "https://spec-compiler.dev/schemas/config.schema.json"

#: channel profile key -> (rule code, option); the option name is matched kebab or snake
PROFILES: dict[tuple[str, str], tuple[str, str]] = {
    ("sms", "max-segments"): ("SMS005", "max-segments"),
    ("whatsapp", "window"): ("WA007", "window"),
    ("links", "quick-reply-max-length"): ("ACT007", "max-length"),
}


def find_config(cwd: PathArg) -> str | None:
    """The nearest ``spec-compiler.toml``, or ``pyproject.toml`` with our table, upward."""
    folder = os.path.abspath(cwd)
    while True:
        candidate = os.path.join(folder, CONFIG_FILE)
        if os.path.isfile(candidate):
            return candidate
        candidate = os.path.join(folder, PYPROJECT)
        if os.path.isfile(candidate) and _has_tool_table(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _has_tool_table(path: str) -> bool:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
    except OSError:
        return False
    return "tool.spec-compiler" in text or '"spec-compiler"' in text


def load_config(explicit: PathArg | None = None, cwd: PathArg | None = None) -> Config:
    """The configuration: ``explicit``, else found upward from ``cwd``, else the defaults.

    A file that cannot be read, is not TOML or does not fit the schema raises
    :class:`UsageError` naming the file and the key.
    """
    cwd = os.fspath(cwd) if cwd is not None else os.getcwd()
    if explicit is not None:
        path = os.path.join(cwd, explicit)  # an absolute ``explicit`` stays itself
        if not os.path.isfile(path):
            raise UsageError(f"configuration file '{os.fspath(explicit)}' does not exist")
    else:
        found = find_config(cwd)
        if found is None:
            return DEFAULT_CONFIG
        path = found
    shown = _shown(path, cwd)
    table, prefix = _read_table(path, shown)
    if table is None:
        return DEFAULT_CONFIG._replace(source=shown)
    return parse_config(table, source=shown, root=os.path.dirname(os.path.abspath(path)),
                        prefix=prefix)


def _shown(path: str, cwd: str) -> str:
    try:
        return os.path.relpath(path, cwd)
    except ValueError:  # another drive
        return path


def _read_table(path: str, shown: str) -> tuple[Mapping[str, Any] | None, tuple[str, ...]]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise UsageError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{shown}: not valid TOML: {exc}") from None
    if os.path.basename(path) != PYPROJECT:
        return data, ()
    tool = data.get("tool", {})
    table = tool.get("spec-compiler") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise UsageError(f"{shown}: 'tool.spec-compiler' must be a table")
    return table, ("tool", "spec-compiler")


def _schema() -> Mapping[str, Any]:
    import json

    with open(os.path.join(os.path.dirname(__file__), "schemas", "config.schema.json"),
              encoding="utf-8") as fh:
        text = fh.read()
    schema: Mapping[str, Any] = json.loads(text)
    return schema


def parse_config(
    table: Mapping[str, Any],
    *,
    source: str = "<config>",
    root: str | None = None,
    prefix: tuple[str, ...] = (),
) -> Config:
    """Validate a configuration table (schema, codes, rule options) and build a Config."""
    from spec_compiler.config_schema import errors

    problems = list(errors(table, _schema(), path=prefix))
    if not problems:
        problems = _code_problems(table, prefix)
    options, option_problems = _rule_options(table, prefix)
    problems += option_problems if not problems else []
    if problems:
        raise UsageError("\n".join(f"{source}: {p}" for p in problems))
    t = table
    limits = t.get("limits", {})
    return Config(
        select=tuple(t.get("select", ("ALL",))),
        ignore=tuple(t.get("ignore", ())),
        extend_select=tuple(t.get("extend-select", ())),
        severity=dict(t.get("severity", {})),
        per_file_ignores={k: tuple(v) for k, v in t.get("per-file-ignores", {}).items()},
        include=tuple(t.get("include", DEFAULT_CONFIG.include)),
        exclude=tuple(t.get("exclude", ())),
        kinds=dict(t.get("kinds", {})),
        rule_options=options,
        limit_values={k.replace("-", "_"): v for k, v in limits.items()},
        source=source,
        root=root,
        cache_dir=_cache_dir(t.get("cache-dir"), root),
    )


def _cache_dir(value: str | None, root: str | None) -> str | None:
    if value is None:
        return None
    return os.path.join(root, value) if root is not None else value


def known_codes() -> tuple[str, ...]:
    """Every code a finding can have: rules and load stage."""
    from spec_compiler.load_codes import LOAD_CODES
    from spec_compiler.rules import REGISTRY

    return (*REGISTRY, *LOAD_CODES)


def code_problem(code: str, where: str) -> str | None:
    """Why ``code`` is neither ALL, a code nor a code prefix (None when it is one)."""
    codes = known_codes()
    if code == "ALL" or any(c.startswith(code) for c in codes):
        return None
    prefixes = sorted({c.rstrip("0123456789") for c in codes})
    return f"{where}: unknown code or prefix '{code}'{_suggest(code, [*prefixes, *codes])}"


def _suggest(word: str, choices: Any) -> str:
    from spec_compiler.config_schema import suggest

    return suggest(word, choices)


def _code_problems(table: Mapping[str, Any], prefix: tuple[str, ...]) -> list[str]:
    from spec_compiler.config_schema import key_path

    found: list[tuple[tuple[str | int, ...], str]] = []
    for key in ("select", "ignore", "extend-select"):
        found += [((*prefix, key, i), c) for i, c in enumerate(table.get(key, ()))]
    found += [((*prefix, "severity", c), c) for c in table.get("severity", {})]
    for glob, codes in table.get("per-file-ignores", {}).items():
        found += [((*prefix, "per-file-ignores", glob, i), c) for i, c in enumerate(codes)]
    out = (code_problem(code, f"'{key_path(path)}'") for path, code in found)
    return [p for p in out if p is not None]


def _rule_options(
    table: Mapping[str, Any], prefix: tuple[str, ...]
) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Profile and ``rules`` options, keyed by rule code, checked against each OPTIONS."""
    from spec_compiler.config_schema import errors, key_path

    raw: list[tuple[tuple[str | int, ...], str, str, Any]] = []
    for (section, key), (code, option) in PROFILES.items():
        profile = table.get(section)
        if isinstance(profile, Mapping) and key in profile:
            raw.append(((*prefix, section, key), code, option, profile[key]))
    problems: list[str] = []
    rules = table.get("rules", {})
    for ref, opts in rules.items() if isinstance(rules, Mapping) else ():
        found = _rule_code(ref)
        if found is None:
            where = key_path((*prefix, "rules", ref))
            problems.append(f"'{where}' is not a rule code or name{_suggest(ref, _rule_refs())}")
        elif isinstance(opts, Mapping):
            raw += [((*prefix, "rules", ref, k), found, k, v) for k, v in opts.items()]
    out: dict[str, dict[str, Any]] = {}
    for path, code, option, value in raw:
        declared = _options_of(code)
        name = _option_name(option, declared)
        if name is None:
            choices = [k.replace("_", "-") for k in declared]
            problems.append(
                f"'{key_path(path)}' is not an option of {code}"
                f"{_suggest(option.replace('_', '-'), choices)}"
            )
            continue
        problems += errors(value, declared[name], path=path)
        out.setdefault(code, {})[name] = value
    return out, problems


def _options_of(code: str) -> Mapping[str, Any]:
    from spec_compiler.rules import load_rule

    options: Mapping[str, Any] = getattr(load_rule(code), "OPTIONS", {})
    return options


def _option_name(option: str, declared: Mapping[str, Any]) -> str | None:
    wanted = option.replace("_", "-")
    for name in declared:
        if name.replace("_", "-") == wanted:
            return name
    return None


def _rule_refs() -> list[str]:
    from spec_compiler.rules import REGISTRY

    return [*REGISTRY, *(_name_of(c) for c in REGISTRY)]


def _name_of(code: str) -> str:
    from spec_compiler.rules import load_rule

    return str(load_rule(code).NAME)


def _rule_code(ref: str) -> str | None:
    from spec_compiler.rules import REGISTRY

    if ref in REGISTRY:
        return ref
    for code in REGISTRY:
        if _name_of(code) == ref:
            return code
    return None


def with_overrides(
    config: Config, *, select: Sequence[str] = (), ignore: Sequence[str] = ()
) -> Config:
    """Apply ``--select`` (replaces select and extend-select) and ``--ignore`` (adds)."""
    sel = _split_codes(select, "--select")
    ign = _split_codes(ignore, "--ignore")
    if sel:
        config = config._replace(select=sel, extend_select=())
    if ign:
        config = config._replace(ignore=(*config.ignore, *ign))
    return config


def _split_codes(values: Sequence[str], flag: str) -> tuple[str, ...]:
    codes = tuple(c.strip() for v in values for c in v.split(",") if c.strip())
    for code in codes:
        problem = code_problem(code, flag)
        if problem:
            raise UsageError(problem)
    return codes
