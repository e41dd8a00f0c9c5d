"""Shared fixtures."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


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
