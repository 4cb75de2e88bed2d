"""The webhook sender's HTTP/1.1 against real sockets: keep-alive reuse, the answers a receiver
may give (chunked, close-delimited, large, interim 100), a receiver closing an idle connection,
and the whole-exchange timeout."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import pytest

from app.config import Settings
from app.domain.webhooks.http1 import EXCERPT_BYTES, Sender, SendError

# Answers to one request: the bytes to write, and whether to close the connection after them.
Script = Callable[[int], tuple[bytes, bool]]


pytestmark = pytest.mark.feed


@dataclass
class Scripted:
    url: str = ""
    connections: int = 0
    requests: list[bytes] = field(default_factory=list)


@asynccontextmanager
async def scripted(script: Script) -> AsyncIterator[Scripted]:
    state = Scripted()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        state.connections += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = next(
                    int(line.split(b":", 1)[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                )
                state.requests.append(head + await reader.readexactly(length))
                answer, close = script(len(state.requests) - 1)
                writer.write(answer)
                await writer.drain()
                if close:
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    state.url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/hook?x=1"
    async with server:
        yield state


def ok(body: bytes = b"{}", *extra: bytes) -> bytes:
    headers = b"".join(h + b"\r\n" for h in extra)
    return b"HTTP/1.1 200 OK\r\ncontent-length: %d\r\n%s\r\n%s" % (len(body), headers, body)


@pytest.fixture
def sender(settings: Settings) -> Sender:
    return Sender(settings, timeout=2.0)


async def post(sender: Sender, url: str) -> tuple[int, str]:
    answer = await sender.post(url, b'{"a":1}', {"webhook-id": "msg_1"})
    return answer.status, answer.excerpt


async def test_one_kept_alive_connection_carries_sequential_requests(sender: Sender) -> None:
    async with scripted(lambda n: (ok(b'{"n":%d}' % n), False)) as rx:
        assert [await post(sender, rx.url) for _ in range(3)] == [
            (200, '{"n":0}'),
            (200, '{"n":1}'),
            (200, '{"n":2}'),
        ]
    await sender.aclose()
    assert rx.connections == 1
    first = rx.requests[0]
    assert first.startswith(b"POST /hook?x=1 HTTP/1.1\r\n")
    assert f"host: {rx.url.split('/')[2]}".encode() in first
    assert b"webhook-id: msg_1\r\n" in first and b"accept-encoding: identity\r\n" in first
    assert first.endswith(b'\r\n\r\n{"a":1}')


async def test_chunked_and_interim_answers(sender: Sender) -> None:
    chunked = (
        b"HTTP/1.1 100 Continue\r\n\r\n"
        b"HTTP/1.1 202 Accepted\r\ntransfer-encoding: chunked\r\n\r\n"
        b"5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nx-trailer: 1\r\n\r\n"
    )
    async with scripted(lambda n: (chunked if n == 0 else ok(), False)) as rx:
        assert await post(sender, rx.url) == (202, "hello world")
        assert await post(sender, rx.url) == (200, "{}")  # the same connection, fully read
    await sender.aclose()
    assert rx.connections == 1


async def test_connection_close_and_close_delimited_answers_open_a_new_connection(
    sender: Sender,
) -> None:
    answers = [
        (ok(b"bye", b"connection: close"), True),
        (b"HTTP/1.1 500 Oops\r\n\r\nno length", True),  # the body runs until the close
        (ok(), False),
    ]
    async with scripted(lambda n: answers[n]) as rx:
        assert await post(sender, rx.url) == (200, "bye")
        assert await post(sender, rx.url) == (500, "no length")
        assert await post(sender, rx.url) == (200, "{}")
    await sender.aclose()
    assert rx.connections == 3


async def test_an_idle_connection_the_receiver_closed_is_replaced(sender: Sender) -> None:
    # The receiver closes after each answer without saying so: the next request finds the kept
    # connection dead before any byte of an answer and goes again on a new one.
    async with scripted(lambda n: (ok(), True)) as rx:
        assert await post(sender, rx.url) == (200, "{}")
        assert await post(sender, rx.url) == (200, "{}")
    await sender.aclose()
    assert rx.connections == 2
    assert len(rx.requests) == 2


async def test_a_large_answer_keeps_an_excerpt_and_drops_the_connection(sender: Sender) -> None:
    big = b"x" * (200 * 1024)
    async with scripted(lambda n: (ok(big) if n == 0 else ok(), False)) as rx:
        status, excerpt = await post(sender, rx.url)
        assert (status, excerpt) == (200, "x" * EXCERPT_BYTES)
        assert await post(sender, rx.url) == (200, "{}")
    await sender.aclose()
    assert rx.connections == 2


async def test_no_answer_within_the_timeout_fails_the_attempt(settings: Settings) -> None:
    silent = Sender(settings, timeout=0.3)
    async with scripted(lambda n: (b"", False)) as rx:
        with pytest.raises(SendError, match=r"^Timeout: no answer within 0\.3 s"):
            await post(silent, rx.url)
    await silent.aclose()


async def test_a_non_http_answer_and_a_refused_connection_fail_the_attempt(
    sender: Sender,
) -> None:
    async with scripted(lambda n: (b"SSH-2.0-OpenSSH\r\n\r\n", True)) as rx:
        with pytest.raises(SendError, match=r"^ProtocolError: not an HTTP/1\.x answer"):
            await post(sender, rx.url)
        url = rx.url
    with pytest.raises(SendError, match=r"^ConnectError: "):
        await post(sender, url)  # the server is gone: nothing listens on the port
    await sender.aclose()


async def test_a_url_that_would_break_the_request_line_is_refused(sender: Sender) -> None:
    for url in ("http://127.0.0.1:9/a b", "http://127.0.0.1:9/a\r\nx-injected: 1"):
        with pytest.raises(SendError, match=r"^InvalidURL: "):
            await post(sender, url)
