"""The suite itself cannot reach outside 127.0.0.1 (conftest.py patches socket.connect)."""

from __future__ import annotations

import socket

import pytest


def test_an_outside_address_is_refused_and_a_local_one_is_not() -> None:
    with pytest.raises(AssertionError, match=r"only 127\.0\.0\.1"):
        socket.create_connection(("10.9.9.9", 80), timeout=0.5)
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    with socket.create_connection(server.getsockname(), timeout=2):
        pass
    server.close()
