"""Shared fixtures."""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# CI runs the same examples every time (a failure there is reproducible); local runs
# explore new ones
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"

# lint's result cache goes to a temporary folder, never into the source tree; tests of
# the cache itself set or remove the variable as they need
_CACHE = tempfile.mkdtemp(prefix="spec-compiler-test-cache-")
os.environ.setdefault("SPEC_COMPILER_CACHE_DIR", _CACHE)
atexit.register(shutil.rmtree, _CACHE, True)


class NetworkBlocked(AssertionError):
    """Raised when code under test tries to reach the network."""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Fail any attempt to open a network connection or resolve a host name.

    Local AF_UNIX sockets stay allowed (multiprocessing uses them).
    """
    attempts: list[Any] = []
    real_connect = socket.socket.connect

    def guarded_connect(self: socket.socket, address: Any) -> Any:
        if self.family == socket.AF_UNIX:
            return real_connect(self, address)
        attempts.append(address)
        raise NetworkBlocked(f"network access attempted: {address!r}")

    def guarded_lookup(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args)
        raise NetworkBlocked(f"name lookup attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_lookup)
    monkeypatch.setattr(socket, "gethostbyname", guarded_lookup)
    monkeypatch.setattr(socket, "create_connection", guarded_lookup)
    yield attempts
    assert not attempts, f"network access attempted: {attempts}"
