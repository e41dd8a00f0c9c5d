"""Documents in, diagnostics out: schema validation, then every selected rule."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from itertools import islice

from spec_compiler.config import DEFAULT_CONFIG, Config
from spec_compiler.diagnostics import SEVERITIES, Diagnostic, sort_key
from spec_compiler.document import (
    SPEC_ONLY_KEYS,
    Document,
    DocumentKind,
    LintContext,
    Locator,
    MessageSite,
    SchemaError,
    detect_kind,
    is_template,
)
from spec_compiler.loader import LoadedFile
from spec_compiler.merge import deep_merge
from spec_compiler.pointer import MISSING, join, split, walk
from spec_compiler.rules import REGISTRY, load_rule
from spec_compiler.rules._channels import TEMPLATE_KEYS
from spec_compiler.rules.base import Finding, option_defaults

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

    from spec_compiler.diagnostics import Severity

PointerMap = Callable[[str], str]


class RuleCrash(Exception):
    """A rule raised: a bug of ours, reported with enough context to file it."""

    def __init__(self, code: str, file: str, error: BaseException) -> None:
        super().__init__(f"rule {code} crashed on {file}: {type(error).__name__}: {error}")
        self.code, self.file, self.error = code, file, error


# ---------------------------------------------------------------- the view rules get


def effective_message(message: Mapping[str, Any], defaults: Mapping[str, Any]) -> dict[str, Any]:
    """A spec message as it will be sent: defaults merged, ``role: agent`` implied."""
    merged = deep_merge(defaults, message) if defaults else dict(message)
    if "role" not in merged and merged.get("type") != "command":
        merged["role"] = "agent"
    return merged


def _sites(messages: Any, base: str, defaults: Mapping[str, Any] | None) -> tuple[MessageSite, ...]:
    if not isinstance(messages, list):
        return ()
    out = []
    for i, m in enumerate(messages):
        if isinstance(m, Mapping):
            eff = effective_message(m, defaults) if defaults is not None else m
            out.append(MessageSite(join(base, i), eff, i, m))
    return tuple(out)


def build_context(doc: Document, kind: DocumentKind | None = None,
                  flags: Mapping[str, Any] | None = None) -> LintContext:
    """The view of a document that schema checks and rules work on."""
    kind = kind or doc.kind
    data = doc.data
    conversation: Mapping[str, Any] | None = None
    spec: Mapping[str, Any] | None = None
    request: Any = "messages"
    pointer = "/messages"
    if kind == "message-list":
        sites = _sites(data, "", None)
        pointer = ""
    elif kind == "conversation" and isinstance(data, Mapping):
        conversation, request = data, "conversation"
        sites = _sites(data.get("messages"), "/messages", None)
    elif kind == "spec" and isinstance(data, Mapping):
        spec = data
        defaults = data.get("defaults")
        defaults = defaults if isinstance(defaults, Mapping) else {}
        sites = _sites(data.get("messages"), "/messages", defaults)
        if data.get("kind") == "conversation":
            conversation, request = spec_body(data, sites), "conversation"
    elif isinstance(data, Mapping):
        sites = (MessageSite("", data, 0, data),)
        pointer = ""
    else:
        sites = ()
    return LintContext(document=doc, kind=kind, data=data, messages=sites,
                       conversation=conversation, spec=spec, messages_pointer=pointer,
                       request=request, flags=flags or {},
                       features=features(sites, conversation, spec, request))


#: message keys whose presence is a feature of its own
_FEATURE_KEYS = frozenset({"actions", "items", "contentType", "delay"})


def features(sites: Iterable[MessageSite], conversation: Mapping[str, Any] | None,
             spec: Mapping[str, Any] | None, request: str) -> frozenset[str]:
    """What a document holds, worked out once: a rule whose ``NEEDS`` names none of
    these cannot find anything in it (unless there are schema faults).

    ``actions``, ``items``, ``contentType``, ``delay``: an effective message has that
    key; ``channel:sms`` (``channel:`` and any string, in lower case): a message or the
    conversation body has that ``touchpoint``; ``SenderID``, ``template`` (``namespace``
    or ``elementName``), ``language``: a message's ``meta`` has it; ``command``: a message
    of ``type: command``; ``spec``: a declarative spec; ``conversation``: the document
    creates a conversation.
    """
    found: set[str] = set()
    for site in sites:
        message = site.message
        found.update(_FEATURE_KEYS.intersection(message))
        touchpoint = message.get("touchpoint")
        if isinstance(touchpoint, str):
            found.add("channel:" + touchpoint.lower())
        meta = message.get("meta")
        if isinstance(meta, Mapping):
            if "SenderID" in meta:
                found.add("SenderID")
            if "language" in meta:
                found.add("language")
            if any(k in meta for k in TEMPLATE_KEYS):
                found.add("template")
        if message.get("type") == "command":
            found.add("command")
    touchpoint = conversation.get("touchpoint") if conversation is not None else None
    if isinstance(touchpoint, str):
        found.add("channel:" + touchpoint.lower())
    if spec is not None:
        found.add("spec")
    if conversation is not None or request == "conversation":
        found.add("conversation")
    return frozenset(found)


def spec_body(spec: Mapping[str, Any], sites: Iterable[MessageSite]) -> dict[str, Any]:
    """The POST /v2/conversations body a conversation spec describes (before rendering)."""
    body = {k: v for k, v in spec.items() if k not in SPEC_ONLY_KEYS}
    body.setdefault("type", "contact")
    if isinstance(spec.get("messages"), list):
        body["messages"] = [s.message for s in sites]
    return body


# ---------------------------------------------------------------- schema validation


#: a split array (``SPLITS``) longer than this is validated a part at a time: the compiled
#: validator collects every error of what it is given before it returns the first, so a
#: file with a fault in each of 400,000 messages, or actions, would cost seconds and GBs
#: for findings nobody reads, where a ``Budget`` stops after the first ones
CHUNK = 256

#: per schema, the arrays whose faults are those of each item alone: the schema says
#: nothing of them but their type and ``minItems: 1``, which a part with an item meets as
#: the whole does, and nothing else in it looks at them. Each has the named schema of its
#: items where there is one (a message can be split in turn).
SPLITS: dict[str, tuple[tuple[tuple[str, ...], str | None], ...]] = {
    "message-list": (((), "message"),),
    "conversation": ((("messages",), "message"),),
    "spec": ((("messages",), None),),
    "message": ((("actions",), None), (("results",), None), (("meta", "users"), None),
                (("meta", "organizations"), None), (("meta", "channels"), None)),
}


#: how many times ``limits.max-findings`` a file's lint asks each rule for, and collects
#: in all, before it stops
EACH, COLLECT = 2, 8

#: a file of at most this many characters per ``limits.max-findings`` is linted without a
#: ``Budget``: a rule finds about one thing per value at most, and a value takes two
#: characters or more, so such a file's findings stay within a few times the limit
BUDGET_CHARS = 16


class Budget:
    """The findings one file may still collect before its lint stops early.

    A file's report is cut at ``limits.max-findings`` (LINT001 counts the rest). Its lint
    asks each rule for at most ``EACH`` times that many findings and collects up to
    ``COLLECT`` times it in all, then stops: the time and memory of a generated or
    hostile file with a fault in every item stay bounded, and since a rule finds in
    document order, the first findings by position are among those collected (unless
    more than ``COLLECT / EACH`` rules find that many). ``missed`` is the worst severity
    of what was left uncollected (None: nothing was).
    """

    __slots__ = ("each", "left", "missed", "room")

    def __init__(self, limit: int) -> None:
        self.left = COLLECT * limit
        self.each = EACH * limit
        self.room = min(self.each, self.left)  # what the next rule may find
        self.missed: Severity | None = None

    def miss(self, severity: Severity) -> None:
        """Something of ``severity`` was left uncollected."""
        if self.missed is None or SEVERITIES.index(severity) < SEVERITIES.index(self.missed):
            self.missed = severity

    def charge(self, found: int, severity: Severity) -> None:
        """A rule of ``severity`` found ``found`` (at most ``room`` and one more: the one
        more tells that it was stopped, and is kept: it is found, and not shown)."""
        if found > self.room:
            self.miss(severity)
        self.left -= found
        self.room = max(min(self.each, self.left), 0)


def _validate(name: str, data: Any, prefix: str = "", *,
              spec: bool = False, budget: Budget | None = None) -> list[SchemaError]:
    from spec_compiler.validation import get_validator

    validator = get_validator(name)
    if validator.is_valid(data):
        return []
    if budget is not None and _is_big(name, data):
        errors = _split_faults(name, data, budget)
    else:
        if spec:
            # a spec whose only faults are template strings (checked after rendering) is
            # valid: tell from the compiled validator, without importing jsonschema
            values = validator.fault_values(data)
            if values is not None and all(is_template(v) for v in values):
                return []
        errors = validator.errors(data)
    if not prefix:
        return list(errors)
    return [SchemaError(prefix + e.pointer, e.keyword, e.message, e.value, e.at_key)
            for e in errors]


def _array_at(data: Any, path: tuple[str, ...]) -> list[Any] | None:
    """The non-empty array at ``path`` of ``data`` (None: there is none)."""
    value = walk(data, path)
    return value if isinstance(value, list) and value else None


def _is_big(name: str, data: Any) -> bool:
    """True when a split array of ``data`` is longer than ``CHUNK``, or holds an item
    that is big in turn."""
    for path, item in SPLITS.get(name, ()):
        array = _array_at(data, path)
        if array is not None and (len(array) > CHUNK
                                  or (item is not None and any(_is_big(item, x)
                                                               for x in array))):
            return True
    return False


def _replaced(data: Any, path: tuple[str, ...], value: list[Any]) -> Any:
    """``data`` with the array at ``path`` replaced by ``value`` (copies along the path)."""
    if not path:
        return value
    head, *rest = path
    return {**data, head: _replaced(data[head], tuple(rest), value)}


def _split_faults(name: str, data: Any, budget: Budget) -> list[SchemaError]:
    """The faults of ``data`` with its split arrays validated a part at a time (an item
    that is big itself alone, through its own schema), until ``budget`` has no room for
    more; the same faults, with the same pointers, as one validation of the whole gives.

    The faults outside those arrays come from ``data`` with each array cut to its first
    item; each part is that with one array's slice in place, of which only the faults
    inside the slice are taken.
    """
    from spec_compiler.validation import get_validator

    validator = get_validator(name)
    splits = [(path, item, array) for path, item in SPLITS[name]
              if (array := _array_at(data, path)) is not None]
    base = data
    for path, _, array in splits:
        base = _replaced(base, path, array[:1])
    out: list[SchemaError] = []
    if not validator.is_valid(base):
        for e in validator.errors(base):
            tokens = split(e.pointer)
            if all(_index_in(tokens, path) is None for path, _, _ in splits):
                out.append(e)
    for path, item, array in splits:
        for at in range(0, len(array), CHUNK):
            if len(out) > budget.left:
                budget.miss("error")  # faults a rule would report, as severe as any
                return out
            part = array[at:at + CHUNK]
            if item is not None and any(_is_big(item, x) for x in part):
                for i, x in enumerate(part, at):
                    out.extend(_validate(item, x, join("", *path, str(i)), budget=budget))
                continue
            whole = _replaced(base, path, part)
            if validator.is_valid(whole):
                continue
            for e in validator.errors(whole):
                tokens = split(e.pointer)
                index = _index_in(tokens, path)
                if index is not None:
                    tokens[len(path)] = str(index + at)
                    out.append(SchemaError(join("", *tokens), e.keyword, e.message, e.value,
                                           e.at_key))
    return out


def _index_in(tokens: list[str], path: tuple[str, ...]) -> int | None:
    """The index of the item of the array at ``path`` that the pointer of ``tokens`` is
    in (None: outside)."""
    n = len(path)
    if len(tokens) > n and tuple(tokens[:n]) == path and tokens[n].isdigit():
        return int(tokens[n])
    return None


def schema_errors(ctx: LintContext, budget: Budget | None = None) -> tuple[SchemaError, ...]:
    """Schema faults of the document; in specs, template strings are not judged.

    With a ``budget``, a document with a split array (``SPLITS``) longer than ``CHUNK``
    is validated a part at a time, and no more parts once there are more faults than
    the budget has room for (``budget.missed`` says so).
    """
    data = ctx.data
    if ctx.kind == "message":
        errors = _validate("message", data, budget=budget)
    elif ctx.kind == "message-list":
        errors = _validate("message-list", data, budget=budget)
    elif ctx.kind == "conversation":
        errors = _validate("conversation", data, budget=budget)
    else:
        errors = _validate("spec", data, spec=True, budget=budget)
        if not any(e.pointer in ("", "/messages") for e in errors):
            if ctx.conversation is not None:
                errors += _validate("conversation", ctx.conversation, spec=True)
            else:
                for site in ctx.messages:
                    if budget is not None and len(errors) > budget.left:
                        budget.miss("error")
                        break
                    errors += _validate("message", dict(site.message), site.pointer,
                                        spec=True, budget=budget)
        errors = [_respec(ctx, e) for e in errors if not is_template(e.value)]
    seen: set[tuple[str, str]] = set()
    unique = []
    for e in errors:
        if (e.pointer, e.keyword) not in seen:
            seen.add((e.pointer, e.keyword))
            unique.append(e)
    return tuple(unique)


def _respec(ctx: LintContext, error: SchemaError) -> SchemaError:
    new = spec_pointer(ctx, error.pointer)
    if new == error.pointer:
        return error
    return SchemaError(new, error.keyword, error.message, error.value, error.at_key)


def spec_pointer(ctx: LintContext, pointer: str) -> str:
    """Map a pointer into an effective spec message to where it was written.

    A value that came from ``defaults`` (at any depth) is reported at ``/defaults/...``,
    once, not once per message that inherits it.
    """
    tokens = split(pointer)
    if len(tokens) < 3 or tokens[0] != "messages" or not tokens[1].isdigit():
        return pointer
    index = int(tokens[1])
    site = next((s for s in ctx.messages if s.index == index), None)
    rest = tokens[2:]
    if site is None or _has_path(site.written, rest):
        return pointer
    defaults = (ctx.spec or {}).get("defaults")
    if _has_path(defaults, rest):
        return join("/defaults", *rest)
    return pointer


def _has_path(value: Any, tokens: list[str]) -> bool:
    return walk(value, tokens) is not MISSING


# ---------------------------------------------------------------- running rules


if TYPE_CHECKING:
    _Entry = tuple[str, Any, Mapping[str, Any], Any]
    _Plan = tuple[_Entry, ...]
    #: each plan entry's ``NEEDS`` (None: the rule always runs)
    _Needs = tuple[frozenset[str] | None, ...]


class _LazyPlan:
    """The enabled codes of a plan, their entries (None until a document needs the rule:
    its module is imported then), their ``NEEDS``, and the whole plan once asked for."""

    __slots__ = ("codes", "entries", "needs", "whole")

    def __init__(self, codes: tuple[str, ...], entries: list[_Entry | None],
                 needs: _Needs) -> None:
        self.codes = codes
        self.entries = entries
        self.needs = needs
        self.whole: _Plan | None = None


_PLANS: dict[tuple[int, tuple[str, ...]], tuple[Config, _LazyPlan]] = {}

#: skip rules whose ``NEEDS`` the document lacks (tests turn it off to prove it changes
#: nothing)
SKIP_BY_FEATURES = True


def rule_plan(config: Config, file: str) -> _Plan:
    """The enabled rules for one file with their options and severities, worked out once
    (every rule imported).

    Compiling 100,000 rows lints every row with the same config and file, and linting
    2,000 files asks about the same 60 codes per file: the plan depends on the file only
    through its ``per-file-ignores``, so it is cached by config and those.
    """
    plan = _plan(config, file)
    if plan.whole is None:
        plan.whole = tuple(_resolve(config, plan.entries, at, code)
                           for at, code in enumerate(plan.codes))
    return plan.whole


def _plan(config: Config, file: str) -> _LazyPlan:
    """The plan of ``file`` with each rule that states its ``NEEDS`` left unimported
    (``certificates.NEEDS`` holds them, generated from the rules) until a document
    needs it: a lint of messages never imports the spec rules, say (~0.3-0.6 ms a
    module)."""
    ignores = config.ignores_for(file) if config.per_file_ignores else ()
    key = (id(config), ignores)
    hit = _PLANS.get(key)
    if hit is not None and hit[0] is config:
        return hit[1]
    known = _static_needs()
    codes: list[str] = []
    entries: list[_Entry | None] = []
    needs: list[frozenset[str] | None] = []
    for code in REGISTRY:
        # is_enabled depends on the file only through ignores_for(file), the key
        if config.is_enabled(code, file):
            codes.append(code)
            if code in known:
                entries.append(None)
                needs.append(known[code])
            else:
                entry = _entry(config, code)
                entries.append(entry)
                needs.append(_needs(entry[1]))
    if len(_PLANS) > 1024:
        _PLANS.clear()
    plan = _LazyPlan(tuple(codes), entries, tuple(needs))
    _PLANS[key] = (config, plan)
    return plan


def _entry(config: Config, code: str) -> _Entry:
    """A rule's plan entry: its module (imported here), options and severity."""
    rule = load_rule(code)
    options = {**option_defaults(rule), **config.options_for(code, rule.NAME)}
    return (code, rule, options, config.severity_for(code, rule.SEVERITY))


def _resolve(config: Config, entries: list[_Entry | None], at: int, code: str) -> _Entry:
    """A plan's entry ``at``, its rule imported the first time."""
    entry = entries[at]
    if entry is None:
        entry = entries[at] = _entry(config, code)
    return entry


_KNOWN_NEEDS: dict[str, frozenset[str]] | None = None


def _static_needs() -> dict[str, frozenset[str]]:
    """Each rule's ``NEEDS`` without importing it (empty without the generated table)."""
    global _KNOWN_NEEDS
    if _KNOWN_NEEDS is None:
        try:
            from spec_compiler.certificates import NEEDS
        except ImportError:  # a broken install: import every rule
            NEEDS = {}
        _KNOWN_NEEDS = {code: frozenset(needs) for code, needs in NEEDS.items()
                        if code in REGISTRY}
    return _KNOWN_NEEDS


def preload(config: Config, *, yaml: bool = True, for_forks: bool = True) -> None:
    """Import and set up what linting a file takes: the loader and the engine (the YAML
    reader unless ``yaml`` is false), and for ``for_forks`` (before forking workers,
    which inherit it) also every enabled rule and the validators that explain faults
    of messages and conversations. Without it those wait until a document needs them:
    a run with a faulty message and no conversation compiles no conversation
    validator, say. The spec schema's validator (~5 ms) is left to the first spec
    either way: most runs have none."""
    import spec_compiler.loader
    import spec_compiler.suppressions
    from spec_compiler.validation import get_validator

    if yaml:
        import spec_compiler.yaml12  # noqa: F401
    if not for_forks:
        _plan(config, "")
        return
    rule_plan(config, "")
    for name in ("message", "conversation"):
        get_validator(name).preload()


def _needs(rule: Any) -> frozenset[str] | None:
    needs = getattr(rule, "NEEDS", None)
    return None if needs is None else frozenset(needs)


def run_rules(ctx: LintContext, config: Config, *, locator: Locator,
              pointer_map: PointerMap | None = None,
              codes: frozenset[str] | None = None,
              budget: Budget | None = None) -> list[Diagnostic]:
    """Every enabled rule (or those of ``codes``) over one context.

    A rule whose ``NEEDS`` names nothing the document has is skipped: it cannot find
    anything there. Where the document has schema faults, the rules that report them (an
    empty ``NEEDS``: nothing to find in a valid payload) run whatever it has; the others
    only look at the faults to keep quiet where one is reported already. With a
    ``budget``, each rule is asked for no more findings than it has room for, and no rule
    runs once it has none.
    """
    doc = ctx.document
    out: list[Diagnostic] = []
    plan = _plan(config, doc.file)
    entries = plan.entries
    has = ctx.features if SKIP_BY_FEATURES else None
    faulty = bool(ctx.schema_errors)
    for at, (code, need) in enumerate(zip(plan.codes, plan.needs, strict=True)):
        if codes is not None and code not in codes:
            continue
        if (has is not None and need is not None and need.isdisjoint(has)
                and (need or not faulty)):
            continue
        if budget is not None and budget.left <= 0:
            budget.miss("error")  # the rules left might find anything
            break
        entry = entries[at]
        if entry is None:
            entry = _resolve(config, entries, at, code)
        out.extend(run_entry(ctx, entry, locator=locator, pointer_map=pointer_map,
                             budget=budget))
    return out


def run_entry(ctx: LintContext, entry: tuple[str, Any, Mapping[str, Any], Any], *,
              locator: Locator, pointer_map: PointerMap | None = None,
              budget: Budget | None = None) -> list[Diagnostic]:
    """One rule of a plan over one context, its findings placed and stamped (no more of
    them than ``budget`` has room for: the rest are not asked for)."""
    code, rule, options, severity = entry
    doc = ctx.document
    try:
        if budget is None:
            findings = list(rule.check(ctx, options))
        else:
            findings = list(islice(rule.check(ctx, options), budget.room + 1))
            if findings:
                budget.charge(len(findings), severity)
    except Exception as exc:  # a bug of ours: say where, do not hide it
        raise RuleCrash(code, doc.file, exc) from exc
    return [_diagnostic(doc, code, rule.NAME, severity, f, locator, pointer_map)
            for f in findings]


def _diagnostic(doc: Document, code: str, name: str, severity: Any, finding: Finding,
                locator: Locator, pointer_map: PointerMap | None) -> Diagnostic:
    pointer = pointer_map(finding.pointer) if pointer_map else finding.pointer
    span = locator.locate(pointer, key=finding.at_key)
    return Diagnostic(file=doc.file, line=span.line, column=span.column, code=code,
                      severity=severity, message=finding.message, rule=name,
                      pointer=pointer, document=doc.index, end_line=span.end_line,
                      end_column=span.end_column)


def lint_document(doc: Document, *, config: Config = DEFAULT_CONFIG,
                  kind: DocumentKind | None = None,
                  budget: Budget | None = None) -> list[Diagnostic]:
    """Lint one loaded document (no more findings than ``budget`` has room for)."""
    ctx = build_context(doc, kind or config.kind_for(doc.file))
    ctx = _with_schema_errors(ctx, budget)
    return run_rules(ctx, config, locator=doc.locator, budget=budget)


def _with_schema_errors(ctx: LintContext, budget: Budget | None = None) -> LintContext:
    errors = schema_errors(ctx, budget)
    return ctx._replace(schema_errors=errors) if errors else ctx


def lint_data(data: Any, *, kind: DocumentKind, file: str, locator: Locator,
              pointer_map: PointerMap | None = None, document: int = 0,
              config: Config = DEFAULT_CONFIG,
              flags: Mapping[str, Any] | None = None) -> list[Diagnostic]:
    """Lint data that is not a loaded document (rendered requests at compile time).

    Findings are placed with ``locator`` after ``pointer_map`` maps each pointer back to
    the source the data came from.
    """
    doc = Document(file, document, data, locator)
    ctx = _with_schema_errors(build_context(doc, kind, flags))
    return run_rules(ctx, config, locator=locator, pointer_map=pointer_map)


def lint_loaded(loaded: LoadedFile, *, config: Config = DEFAULT_CONFIG,
                kind: DocumentKind | None = None) -> list[Diagnostic]:
    """Every finding of a loaded file: load problems, schema, rules, suppressions."""
    from spec_compiler.suppressions import apply_suppressions

    diags = [d for d in loaded.diagnostics if config.is_enabled(d.code, loaded.path)]
    diags = [_reseverity(d, config) for d in diags]
    limit = config.limits.max_findings
    # a file this short cannot hold findings enough to need stopping early: it is linted
    # whole (and its count is exact) without the budget's bookkeeping in every rule
    budget = Budget(limit) if len(loaded.text) > BUDGET_CHARS * limit else None
    for doc in loaded.documents:
        found = lint_document(doc, config=config, kind=kind, budget=budget)
        diags.extend(_without_cascades(found, loaded.diagnostics, doc.index))
    diags = apply_suppressions(loaded.text, diags, config=config, file=loaded.path)
    missed = budget.missed if budget is not None else None
    if len(diags) > limit or missed is not None:
        diags = _cut(diags, limit, missed, file=loaded.path)
        if not config.is_enabled(diags[-1].code, loaded.path):
            del diags[-1]
    return diags


def _cut(diags: list[Diagnostic], limit: int, missed: Severity | None, *,
         file: str) -> list[Diagnostic]:
    """The first ``limit`` findings by position and a LINT001 at the first one left out
    that counts the rest, as severe as the worst of them and of what the lint ``missed``
    (did not collect: it stopped early), so that the exit code is what it would be with
    every finding shown."""
    from spec_compiler.load_codes import LOAD_CODES

    diags = sorted(diags, key=sort_key)
    shown, hidden = diags[:limit], diags[limit:]
    counts: dict[Severity, int] = dict.fromkeys(SEVERITIES, 0)
    for d in hidden:
        counts[d.severity] += 1
    worst: Severity = next((sev for sev in SEVERITIES if counts[sev] or sev == missed),
                           "info")
    some = ", ".join(f"{n} {sev}{'s' if n != 1 else ''}" for sev, n in counts.items() if n)
    n = len(hidden)
    if missed is None:
        message = (f"{n} more finding{'s' if n != 1 else ''} not shown ({some}): a file's "
                   f"report stops at {limit} findings (limits.max-findings)")
    elif n:
        message = (f"at least {n} more finding{'s' if n != 1 else ''} not shown ({some} "
                   f"found before its lint stopped early): a file's report stops at "
                   f"{limit} findings (limits.max-findings)")
    else:
        message = (f"more findings may not be shown: this file's lint stopped early, after "
                   f"{COLLECT} times limits.max-findings ({limit})")
    at = hidden[0] if hidden else (shown[-1] if shown else None)
    info = LOAD_CODES["LINT001"]
    summary = Diagnostic(file=at.file if at else file, line=at.line if at else 1,
                         column=at.column if at else 1, code=info.code, severity=worst,
                         message=message, rule=info.name,
                         pointer=at.pointer if at else "",
                         document=at.document if at else 0)
    return [*shown, summary]


def _without_cascades(found: list[Diagnostic], load: list[Diagnostic],
                      document: int) -> list[Diagnostic]:
    """Drop findings about a value the loader already reported (an unsupported tag's
    value, a non-string key): one fault, one finding."""
    spoiled = [d.pointer for d in load if d.document == document and d.pointer]
    if not spoiled:
        return found
    return [d for d in found
            if not any(d.pointer == p or d.pointer.startswith(p + "/") for p in spoiled)]


def _reseverity(diag: Diagnostic, config: Config) -> Diagnostic:
    sev = config.severity_for(diag.code, diag.severity)
    return diag if sev == diag.severity else diag.replace(severity=sev)


__all__ = ["build_context", "detect_kind", "lint_data", "lint_document", "lint_loaded"]
