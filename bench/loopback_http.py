"""A minimal keep-alive HTTP/1.1 client for loopback load generation.

httpx costs the suite's own process a few milliseconds of CPU per request; on a 2-core machine
that is CPU taken from the services being measured. This client sends a request and reads
the status, headers and body (Content-Length or chunked), and nothing more.
"""

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

import orjson


class HttpError(Exception):
    """The connection broke or the answer was not HTTP."""


def _decoded(raw: bytes) -> Any:  # noqa: ANN401 - whatever JSON the server sent
    try:
        return orjson.loads(raw) if raw else None
    except orjson.JSONDecodeError:
        return raw


class _Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    async def exchange(self, head: bytes, body: bytes) -> tuple[int, bytes]:
        self.writer.write(head + body)
        status_line = await self.reader.readline()
        if not status_line:
            raise HttpError("connection closed")
        status, length, chunked = int(status_line.split()[1]), 0, False
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "transfer-encoding" and "chunked" in value.lower():
                chunked = True
        if not chunked:
            return status, await self.reader.readexactly(length)
        parts = []
        while size := int((await self.reader.readline()).split(b";")[0], 16):
            parts.append(await self.reader.readexactly(size))
            await self.reader.readline()
        await self.reader.readline()
        return status, b"".join(parts)

    def close(self) -> None:
        self.writer.close()


Authorization = Callable[[], Awaitable[str]]
"""The `Authorization` header's value for the next request (a bearer token, renewed in time)."""


class LoopbackHttp:
    """Requests to one base URL over a pool of keep-alive connections (one per caller at once).

    With `authorization`, every request carries the value it gives (asked per request: a
    cached token costs nothing, and a run longer than the token's lifetime keeps working).
    """

    def __init__(self, base_url: str, authorization: Authorization | None = None) -> None:
        parts = urlsplit(base_url)
        self._host, self._port = parts.hostname or "127.0.0.1", parts.port or 80
        self._idle: list[_Connection] = []
        self._authorization = authorization

    async def request(self, method: str, path: str, json: Any = None) -> tuple[int, Any]:  # noqa: ANN401
        """(status, the body decoded from JSON, else its bytes; None when empty)."""
        body = b"" if json is None else orjson.dumps(json)
        auth = f"Authorization: {await self._authorization()}\r\n" if self._authorization else ""
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: {self._host}:{self._port}\r\n{auth}"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode()
        for attempt in range(2):
            reused = bool(self._idle) and attempt == 0  # a retry always dials anew
            conn = self._idle.pop() if reused else await self._open()
            try:
                status, raw = await conn.exchange(head, body)
            except (HttpError, OSError, ValueError, IndexError, asyncio.IncompleteReadError) as exc:
                conn.close()
                # The server closes keep-alive connections idle for a few seconds: try anew.
                if reused:
                    continue
                raise HttpError(f"{method} {path}: {exc!r}") from exc
            self._idle.append(conn)
            return status, _decoded(raw)
        raise HttpError(f"{method} {path}: no connection")

    async def _open(self) -> _Connection:
        return _Connection(*await asyncio.open_connection(self._host, self._port))

    async def aclose(self) -> None:
        """Close every idle connection."""
        while self._idle:
            conn = self._idle.pop()
            conn.close()
            await conn.writer.wait_closed()
