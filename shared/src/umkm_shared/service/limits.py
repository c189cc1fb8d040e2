"""Limits at every service's door: the size of a request body and the pace of writes.

- A body larger than `settings.max_body_bytes` answers 413 (problem+json). A path prefix may
  allow more in `settings.max_body_bytes_by_path` (registration's file import:
  `{"/imports": 20971520}`). A declared `Content-Length` is refused before reading; a body
  without one is counted as it arrives.
- Writes (POST, PUT, PATCH, DELETE) beyond `settings.rate_limit_writes` (`RATE_LIMIT_WRITES`,
  e.g. `120/minute`, a moving window) per caller answer 429 with `Retry-After`.

The caller is the bearer token's subject (`sub`), else the client address. The middleware runs
before the token is checked, so the subject is read unverified: a forged token buys a budget
of its own but every one of its writes answers 401, so it writes nothing.
The limiter counts in process memory: with N replicas behind a load balancer a caller gets up
to N times the rate. For one shared budget, point `limits` at a shared storage (Redis,
Memcached, MongoDB) instead of `MemoryStorage`.
"""

import functools
import math
import time
from collections.abc import Callable, Mapping

import jwt
from fastapi import FastAPI, Request
from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import MovingWindowRateLimiter
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from umkm_shared.service import problems
from umkm_shared.settings import ServiceSettings

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CallerKey = Callable[[Scope], str]
"""Who is calling, for the rate limit: one budget per key."""


def client_address(scope: Scope) -> str:
    """The caller as the network sees it (behind a proxy: run uvicorn with --proxy-headers)."""
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def token_subject(scope: Scope) -> str:
    """The bearer token's `sub` (unverified, see the module), else the client address."""
    for name, value in scope.get("headers", ()):
        if name == b"authorization" and value[:7].lower() == b"bearer ":
            subject = _unverified_subject(value[7:].decode("latin-1"))
            if subject:
                return f"sub:{subject}"
            break
    return f"address:{client_address(scope)}"


@functools.lru_cache(maxsize=4096)
def _unverified_subject(token: str) -> str | None:
    # A client sends one token many times: decode it once.
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return None
    subject = claims.get("sub")
    return subject if isinstance(subject, str) and subject else None


class BodyTooLarge(HTTPException):
    """A request body past its limit, found while reading it."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail="request body too large")
        self.limit = limit


def too_large(request: Request, limit: int) -> Response:
    """413 in the platform's shape, naming the limit."""
    return problems.problem(
        request,
        "invalid",
        f"Isi permintaan terlalu besar (maksimal {limit} byte)",
        f"Request body too large (at most {limit} bytes)",
        status=413,
        name="too-large",
        title="Request body too large",
        extra={"max_body_bytes": limit},
    )


async def _too_large(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, BodyTooLarge)  # noqa: S101 - registered for this type
    return too_large(request, exc.limit)


def too_many(request: Request, retry_after: int) -> Response:
    """429 in the platform's shape, with Retry-After."""
    return problems.problem(
        request,
        "unavailable",
        "Terlalu banyak perubahan dalam waktu singkat; coba lagi nanti",
        "Too many writes; retry later",
        status=429,
        name="rate-limited",
        title="Too many requests",
        headers={"Retry-After": str(retry_after)},
        extra={"retry_after_seconds": retry_after},
    )


class InputLimits:
    """ASGI middleware: bounded bodies on every request, a write budget per caller."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_bytes: int,
        max_body_bytes_by_path: Mapping[str, int],
        rate: RateLimitItem,
        caller_key: CallerKey = token_subject,
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        # Longest prefix first, so `/imports/big` may differ from `/imports`.
        self.by_path = sorted(max_body_bytes_by_path.items(), key=lambda kv: -len(kv[0]))
        self.rate = rate
        self.caller_key = caller_key
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

    def body_limit(self, path: str) -> int:
        """The largest body `path` accepts."""
        return next(
            (n for prefix, n in self.by_path if path.startswith(prefix)), self.max_body_bytes
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse what is too much; pass the rest on with a counting `receive`."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        if scope["method"] in WRITES:
            key = self.caller_key(scope)
            if not await self.limiter.hit(self.rate, "writes", key):
                stats = await self.limiter.get_window_stats(self.rate, "writes", key)
                wait = max(1, math.ceil(stats.reset_time - time.time()))
                await too_many(request, wait)(scope, receive, send)
                return
        limit = self.body_limit(scope["path"])
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await too_large(request, limit)(scope, receive, send)
            return
        await self.app(scope, _counting(receive, limit), send)


def _counting(receive: Receive, limit: int) -> Receive:
    received = 0

    async def counted() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise BodyTooLarge(limit)
        return message

    return counted


def install(app: FastAPI, settings: ServiceSettings, caller_key: CallerKey = token_subject) -> None:
    """Bound the bodies and pace the writes of `app` as `settings` say."""
    app.add_middleware(
        InputLimits,
        max_body_bytes=settings.max_body_bytes,
        max_body_bytes_by_path=settings.max_body_bytes_by_path,
        rate=parse(settings.rate_limit_writes),
        caller_key=caller_key,
    )
    app.add_exception_handler(BodyTooLarge, _too_large)
