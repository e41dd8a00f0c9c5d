"""Time and peak memory of `spec-compiler lint` on each hostile input (docs/security.md).

    python benchmarks/hostile.py

Each input is written to a temporary folder and linted in its own process; the table
shows the finding codes, the wall time and the child's peak RSS.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * width) + "]")
    return "\n".join(lines) + "\n"


INPUTS: list[tuple[str, str, bytes]] = [
    ("alias bomb (9 levels x 9: 387M nodes)", "bomb.yaml", billion_laughs().encode()),
    ("60,000 nested [ in YAML", "deep.yaml", b"[" * 60_000 + b"]" * 60_000),
    ("60,000 nested [ in JSON", "deep.json", b"[" * 60_000 + b"]" * 60_000),
    ("11 MB file (over the 10 MB limit)", "big.yaml", b"text: " + b"x" * 11_000_000 + b"\n"),
    ("5 MB single line", "long.yaml", b"role: agent\ntext: " + b"x" * 5_000_000 + b"\n"),
    ("20,000 documents", "many.yaml",
     "".join(f"---\nrole: agent\ntext: message {i}\n" for i in range(20_000)).encode()),
    ("binary (NUL bytes)", "bin.yaml", bytes(range(256)) * 4),
    ("Latin-1 text", "latin.yaml", b"role: agent\ntext: caf\xe9\n"),
    ("UTF-16 with BOM", "utf16.yaml", "role: agent\ntext: hi\n".encode("utf-16")),
    ("!!python/object/apply tag", "evil.yaml",
     b"role: agent\ntext: !!python/object/apply:os.system ['touch pwned']\n"),
    ("duplicate keys in JSON", "dup.json", b'{"role": "agent", "text": "a", "text": "b"}'),
    ("non-string keys", "keys.yaml", b"role: agent\ntext: hi\n1: x\n"),
    ("empty file", "empty.yaml", b""),
    ("top-level scalar", "scalar.yaml", b"hello\n"),
    # a fault or three in every item: the report stops at limits.max-findings (LINT001)
    ("400,000 faulty messages (6.8 MB)", "faulty.json",
     json.dumps([{"text": 1, "a": 1}] * 400_000, separators=(",", ":")).encode()),
    ("a message with 400,000 faulty actions", "actions.json",
     json.dumps({"type": "chat", "text": "hi", "role": "bot",
                 "actions": [{"text": 1, "a": 1}] * 400_000}, separators=(",", ":")).encode()),
    ("a message with 400,000 unknown fields", "fields.json",
     json.dumps({"type": "chat", "text": "hi", "role": "bot",
                 **{f"k{i}": 1 for i in range(400_000)}}, separators=(",", ":")).encode()),
]


def main() -> int:
    print("| input | finding | exit | time (s) | peak RSS (MB) |\n|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for label, name, raw in INPUTS:
            path = Path(tmp) / name
            path.write_bytes(raw)
            # a fresh wrapper process per input so ru_maxrss is this input's alone
            code = (
                "import resource,subprocess,sys,time,json;t=time.perf_counter();"
                "p=subprocess.run([sys.executable,'-m','spec_compiler','lint','--format',"
                "'json',sys.argv[1]],capture_output=True,text=True);"
                "print(json.dumps([time.perf_counter()-t,"
                "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,p.returncode,"
                "sorted({d['code'] for d in json.loads(p.stdout)['diagnostics']})]))"
            )
            out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                                 text=True, check=True, env={**os.environ})
            elapsed, rss_kb, status, codes = json.loads(out.stdout)
            print(f"| {label} | {', '.join(codes) or '-'} | {status} | {elapsed:.2f} | "
                  f"{rss_kb / 1024:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
