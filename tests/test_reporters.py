"""Exact output of every reporter on one fixed list of findings."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from spec_compiler import __version__
from spec_compiler.diagnostics import Diagnostic
from spec_compiler.reporters import (
    REPORTERS,
    GithubReporter,
    JsonReporter,
    JunitReporter,
    Report,
    SarifReporter,
    TextReporter,
    summary_line,
)
from spec_compiler.rules_cmd import rule_doc

SARIF_SCHEMA = Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json"

CAR = "examples/car-ready.yaml"
ODD = "payloads/hello, world: 100%.json"
DIAGS = [
    Diagnostic(
        CAR,
        4,
        13,
        "SMS001",
        "error",
        "sender id 'Tims Truckshop BV' is 17 characters; at most 11 are allowed",
        "sender-id-format",
        "/meta/SenderID",
        0,
        4,
        30,
    ),
    Diagnostic(
        CAR,
        9,
        7,
        "SMS005",
        "warning",
        "text takes 3 segments; the budget is 2 (100% over)\nsecond line",
        "sms-segments",
        "/messages/0/text",
        1,
        11,
        5,
    ),
    Diagnostic(
        ODD, 1, 1, "IO004", "error", "not UTF-8: byte 0xe9 at offset 0 <&>", "undecodable-text"
    ),
    Diagnostic(ODD, 2, 3, "MSG004", "info", "unusual type 'fax'", "unusual-type", "/type", 0, 2, 8),
]
FILES = [CAR, ODD, "clean.json"]
REPORT = Report(DIAGS, FILES)
SOURCE = {
    CAR: "kind: messages\nmessages:\n  - touchpoint: sms\n"
    "    meta: {SenderID: Tims Truckshop BV}\n",
}


def render(cls: type, report: Report = REPORT, **kwargs: object) -> str:
    out = io.StringIO()
    cls(out, **kwargs).write(report)
    return out.getvalue()


def test_reporters_are_chosen_from_one_mapping() -> None:
    assert set(REPORTERS) == {"text", "json", "sarif", "github", "junit"}


# ---------------------------------------------------------------- text


def test_text_plain() -> None:
    assert render(TextReporter) == (
        "examples/car-ready.yaml:4:13: SMS001 error sender id 'Tims Truckshop BV' is 17 "
        "characters; at most 11 are allowed\n"
        "examples/car-ready.yaml:9:7: SMS005 warning text takes 3 segments; the budget is 2 "
        "(100% over)\nsecond line\n"
        "payloads/hello, world: 100%.json:1:1: IO004 error not UTF-8: byte 0xe9 at offset 0 <&>\n"
        "payloads/hello, world: 100%.json:2:3: MSG004 info unusual type 'fax'\n"
        "Found 2 errors, 1 warning, 1 info in 2 files.\n"
    )


def test_text_clean_run() -> None:
    assert render(TextReporter, Report([], FILES)) == "All checks passed.\n"


def test_text_statistics() -> None:
    report = Report([*DIAGS, DIAGS[0]], FILES, statistics=True)
    tail = render(TextReporter, report).splitlines()[-5:]
    assert tail == [
        "2  SMS001  sender-id-format",
        "1  IO004   undecodable-text",
        "1  MSG004  unusual-type",
        "1  SMS005  sms-segments",
        "Found 3 errors, 1 warning, 1 info in 2 files.",
    ]


def test_text_code_frame() -> None:
    out = render(TextReporter, Report(DIAGS[:1], FILES), frame=True, source=SOURCE.get)
    assert out == (
        "examples/car-ready.yaml:4:13: SMS001 error sender id 'Tims Truckshop BV' is 17 "
        "characters; at most 11 are allowed\n"
        "  |\n"
        "4 |     meta: {SenderID: Tims Truckshop BV}\n"
        "  |             ^^^^^^^^^^^^^^^^^\n"
        "Found 1 error in 1 file.\n"
    )


def test_text_frame_without_source_is_skipped() -> None:
    out = render(TextReporter, Report(DIAGS[2:3], FILES), frame=True, source=SOURCE.get)
    assert out.count("\n") == 2


def test_text_colour() -> None:
    out = render(TextReporter, Report(DIAGS[:1], FILES), color=True)
    assert out.startswith(
        "\x1b[1mexamples/car-ready.yaml:4:13:\x1b[0m \x1b[1;31mSMS001\x1b[0m "
        "\x1b[31merror\x1b[0m sender id"
    )
    assert out.endswith("\x1b[1mFound 1 error in 1 file.\x1b[0m\n")


@pytest.mark.parametrize(
    ("severities", "line"),
    [
        ((), "All checks passed."),
        (("error",), "Found 1 error in 1 file."),
        (("warning", "warning"), "Found 2 warnings in 1 file."),
        (("info", "info"), "Found 2 info in 1 file."),
    ],
    ids=["clean", "one-error", "warnings", "infos"],
)
def test_summary_line(severities: tuple[str, ...], line: str) -> None:
    diags = [Diagnostic("a.yaml", 1, 1, "X001", s, "m", "x") for s in severities]  # type: ignore[arg-type]
    assert summary_line(diags) == line


# ---------------------------------------------------------------- json


def test_json_exact() -> None:
    assert json.loads(render(JsonReporter)) == {
        "version": 1,
        "diagnostics": [
            {
                "file": CAR,
                "line": 4,
                "column": 13,
                "end_line": 4,
                "end_column": 30,
                "code": "SMS001",
                "rule": "sender-id-format",
                "severity": "error",
                "message": "sender id 'Tims Truckshop BV' is 17 characters; at most 11 are allowed",
                "pointer": "/meta/SenderID",
                "document": 0,
            },
            {
                "file": CAR,
                "line": 9,
                "column": 7,
                "end_line": 11,
                "end_column": 5,
                "code": "SMS005",
                "rule": "sms-segments",
                "severity": "warning",
                "message": "text takes 3 segments; the budget is 2 (100% over)\nsecond line",
                "pointer": "/messages/0/text",
                "document": 1,
            },
            {
                "file": ODD,
                "line": 1,
                "column": 1,
                "end_line": 1,
                "end_column": 1,
                "code": "IO004",
                "rule": "undecodable-text",
                "severity": "error",
                "message": "not UTF-8: byte 0xe9 at offset 0 <&>",
                "pointer": "",
                "document": 0,
            },
            {
                "file": ODD,
                "line": 2,
                "column": 3,
                "end_line": 2,
                "end_column": 8,
                "code": "MSG004",
                "rule": "unusual-type",
                "severity": "info",
                "message": "unusual type 'fax'",
                "pointer": "/type",
                "document": 0,
            },
        ],
        "summary": {"files": 3, "error": 2, "warning": 1, "info": 1},
    }


def test_json_text_layout() -> None:
    out = render(JsonReporter, Report([], ["a.yaml"]))
    assert out == (
        '{\n  "version": 1,\n  "diagnostics": [],\n  "summary": {\n    "files": 1,\n'
        '    "error": 0,\n    "warning": 0,\n    "info": 0\n  }\n}\n'
    )


# ---------------------------------------------------------------- sarif


def test_sarif_validates_against_the_2_1_0_schema() -> None:
    log = json.loads(render(SarifReporter))
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)


def test_sarif_exact() -> None:
    log = json.loads(render(SarifReporter))
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("spec-compiler", __version__)
    assert driver["informationUri"] == "https://spec-compiler.dev"
    codes = ["IO004", "MSG004", "SMS001", "SMS005"]
    assert [r["id"] for r in driver["rules"]] == codes
    for rule in driver["rules"]:
        doc = rule_doc(rule["id"])
        assert doc is not None
        assert rule["name"] == doc.name
        assert rule["shortDescription"] == {"text": doc.summary}
        assert rule["fullDescription"]["text"].startswith(doc.summary)
        level = {"error": "error", "warning": "warning", "info": "note"}[doc.severity]
        assert rule["defaultConfiguration"] == {"level": level}
        assert rule["helpUri"] == f"https://spec-compiler.dev/docs/rules.md#{rule['id'].lower()}"
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["results"][0] == {
        "ruleId": "SMS001",
        "ruleIndex": 2,
        "level": "error",
        "message": {
            "text": "sender id 'Tims Truckshop BV' is 17 characters; at most 11 are allowed"
        },
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": "examples/car-ready.yaml"},
                    "region": {"startLine": 4, "startColumn": 13, "endLine": 4, "endColumn": 30},
                }
            }
        ],
        "properties": {"pointer": "/meta/SenderID", "document": 0},
    }
    levels = [(r["ruleId"], r["level"]) for r in run["results"]]
    assert levels == [
        ("SMS001", "error"),
        ("SMS005", "warning"),
        ("IO004", "error"),
        ("MSG004", "note"),
    ]
    uri = run["results"][2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "payloads/hello%2C%20world%3A%20100%25.json"
    region = run["results"][2]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 2}


def test_sarif_clean_run_validates() -> None:
    log = json.loads(render(SarifReporter, Report([], FILES)))
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text("utf-8"))).validate(log)
    assert log["runs"][0]["results"] == []


# ---------------------------------------------------------------- github


def test_github_exact() -> None:
    assert render(GithubReporter) == (
        "::error file=examples/car-ready.yaml,line=4,col=13,endLine=4,endColumn=30,"
        "title=SMS001 sender-id-format::sender id 'Tims Truckshop BV' is 17 characters; "
        "at most 11 are allowed\n"
        "::warning file=examples/car-ready.yaml,line=9,col=7,endLine=11,endColumn=5,"
        "title=SMS005 sms-segments::text takes 3 segments; the budget is 2 (100%25 over)"
        "%0Asecond line\n"
        "::error file=payloads/hello%2C world%3A 100%25.json,line=1,col=1,endLine=1,"
        "endColumn=1,title=IO004 undecodable-text::not UTF-8: byte 0xe9 at offset 0 <&>\n"
        "::notice file=payloads/hello%2C world%3A 100%25.json,line=2,col=3,endLine=2,"
        "endColumn=8,title=MSG004 unusual-type::unusual type 'fax'\n"
        "Found 2 errors, 1 warning, 1 info in 2 files.\n"
    )


def test_github_caps_annotations() -> None:
    diags = [
        Diagnostic("a.yaml", i, 1, "SMS001", "error", "m", "sender-id-format") for i in range(1, 53)
    ]
    lines = render(GithubReporter, Report(diags, ["a.yaml"])).splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 50
    assert lines[50:] == [
        "a.yaml:51:1: SMS001 error m",
        "a.yaml:52:1: SMS001 error m",
        "::notice title=spec-compiler::2 more findings are not shown as annotations "
        "(GitHub shows 50); see the log",
        "Found 52 errors in 1 file.",
    ]


# ---------------------------------------------------------------- junit


def test_junit_exact() -> None:
    assert render(JunitReporter) == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="spec-compiler" tests="3" failures="4" errors="0">\n'
        '  <testsuite name="clean.json" tests="1" failures="0" errors="0">\n'
        '    <testcase name="clean.json" classname="spec-compiler.lint"/>\n'
        "  </testsuite>\n"
        '  <testsuite name="examples/car-ready.yaml" tests="1" failures="2" errors="0">\n'
        '    <testcase name="examples/car-ready.yaml" classname="spec-compiler.lint">\n'
        '      <failure type="error" message="SMS001 sender id \'Tims Truckshop BV\' is 17 '
        'characters; at most 11 are allowed">examples/car-ready.yaml:4:13: SMS001 error '
        "sender id 'Tims Truckshop BV' is 17 characters; at most 11 are allowed</failure>\n"
        '      <failure type="warning" message="SMS005 text takes 3 segments; the budget is 2 '
        '(100% over)&#10;second line">examples/car-ready.yaml:9:7: SMS005 warning text takes '
        "3 segments; the budget is 2 (100% over)\nsecond line</failure>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        '  <testsuite name="payloads/hello, world: 100%.json" tests="1" failures="2" '
        'errors="0">\n'
        '    <testcase name="payloads/hello, world: 100%.json" classname="spec-compiler.lint">\n'
        '      <failure type="error" '
        'message="IO004 not UTF-8: byte 0xe9 at offset 0 &lt;&amp;&gt;">'
        "payloads/hello, world: 100%.json:1:1: IO004 error not UTF-8: byte 0xe9 at offset 0 "
        "&lt;&amp;&gt;</failure>\n"
        '      <failure type="info" message="MSG004 unusual type \'fax\'">payloads/hello, world: '
        "100%.json:2:3: MSG004 info unusual type 'fax'</failure>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n"
    )


def test_junit_is_well_formed_even_with_control_characters() -> None:
    diag = Diagnostic("a.yaml", 1, 1, "YAML001", "error", 'bad \x00\x1b "char"', "syntax-error")
    root = ET.fromstring(render(JunitReporter, Report([diag], ["a.yaml"])))
    failure = root.find("./testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == 'YAML001 bad \ufffd\ufffd "char"'
