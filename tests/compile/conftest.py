"""Shared fixtures of the compile tests."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path
from typing import Any, ClassVar

import pytest

from spec_compiler.compile_cmd import CompileOptions, run


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        self.seen.append(
            {"method": "POST", "path": self.path, "headers": dict(self.headers), "body": body}
        )
        payload = b'{"id": "5bb01d0dd99faf11a3f4a36c"}'
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    _Recorder.seen = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", _Recorder.seen
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def compile_spec(tmp_path: Path) -> Callable[..., tuple[int, str, str]]:
    """Write a spec to tmp_path and run the compile command on it."""

    def go(text: str | None, name: str = "spec.yaml", **options: Any) -> tuple[int, str, str]:
        specs = options.pop("specs", None)
        if specs is None:
            assert text is not None
            (tmp_path / name).write_text(text)
            specs = (tmp_path / name,)
        out, err = StringIO(), StringIO()
        code = run(CompileOptions(specs=tuple(specs), **options), out, err)
        return code, out.getvalue(), err.getvalue()

    return go
