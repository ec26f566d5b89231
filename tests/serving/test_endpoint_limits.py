"""The endpoint client against a hostile server: an answer without end is cut at a size, a
server sending a byte at a time is stopped by a time limit on the whole request, and a push
cut halfway says what it had replaced."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import kg.serving.endpoint
from kg.errors import EndpointError
from kg.serving.endpoint import Endpoint, push, run_remote_query
from kg.storage.query import find_query

HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: 99999999999\r\n\r\n"


@pytest.fixture
def hostile() -> Iterator[Callable[[Callable[[socket.socket], None]], str]]:
    """A server on a free port that answers every request with ``behave(connection)``."""
    servers: list[socket.socket] = []
    threads: list[threading.Thread] = []

    def start(behave: Callable[[socket.socket], None]) -> str:
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        servers.append(server)

        def loop() -> None:
            while True:
                try:
                    conn, _ = server.accept()
                except OSError:
                    return
                threads.append(threading.Thread(target=_serve, args=(conn, behave), daemon=True))
                threads[-1].start()

        threads.append(threading.Thread(target=loop, daemon=True))
        threads[-1].start()
        return f"http://127.0.0.1:{server.getsockname()[1]}"

    yield start
    for server in servers:
        try:
            server.shutdown(socket.SHUT_RDWR)  # wakes the accept() of its loop (close alone does not)
        except OSError:
            pass
        server.close()
    for thread in threads:  # none is left behind: a build forks only where no other thread runs
        thread.join(timeout=15)


def _serve(conn: socket.socket, behave: Callable[[socket.socket], None]) -> None:
    try:
        conn.settimeout(10)
        data = b""
        while b"\r\n\r\n" not in data:
            data += conn.recv(65536)
        behave(conn)
    except OSError:
        pass
    finally:
        conn.close()


def _endless(conn: socket.socket) -> None:
    conn.sendall(HEAD)
    block = b" " * 65536
    for _ in range(2000):
        conn.sendall(block)


def _trickle(conn: socket.socket) -> None:
    conn.sendall(HEAD)
    for _ in range(100):
        conn.sendall(b" ")
        time.sleep(0.1)


def test_an_answer_without_end_is_cut_at_the_cap(hostile, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(kg.serving.endpoint, "MAX_ANSWER", 1_000_000)
    url = hostile(_endless)
    with pytest.raises(EndpointError, match="is over 1,000,000 bytes; not read further"):
        run_remote_query(Endpoint(url + "/query", None), find_query("visits"), timeout=20)


def test_a_server_sending_a_byte_at_a_time_is_stopped_at_the_time_limit(hostile) -> None:  # type: ignore[no-untyped-def]
    url = hostile(_trickle)
    start = time.monotonic()
    with pytest.raises(EndpointError, match="no answer from .* within 1s"):
        run_remote_query(Endpoint(url + "/query", None), find_query("visits"), timeout=1.0)
    assert time.monotonic() - start < 3


def test_a_push_cut_halfway_says_what_it_replaced(hostile, seed_graph: Path,  # type: ignore[no-untyped-def]
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.serving.endpoint, "BATCH_BYTES", 1)  # the new graphs POSTed one per request
    answered = []

    listing = b'{"head": {"vars": ["g"]}, "results": {"bindings": []}}'

    def accept_two(conn: socket.socket) -> None:
        answered.append(1)
        if len(answered) == 1:  # the push first asks which graphs the server holds: none
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                         b"Content-Length: %d\r\n\r\n%s" % (len(listing), listing))
        elif len(answered) <= 3:
            conn.sendall(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")
        else:
            conn.sendall(b"HTTP/1.1 500 Broken\r\nContent-Length: 4\r\n\r\ngone")

    url = hostile(accept_two)
    with pytest.raises(EndpointError, match=r"HTTP 500 Broken: gone; 2 graphs \(\d+ triples\) were replaced before it; "
                                            r"push again to finish"):
        push(seed_graph, Endpoint(url + "/query", url + "/store"), timeout=10)
