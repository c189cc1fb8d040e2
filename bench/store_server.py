"""A Mongo-wire server of a store-level bench's own, so nothing else writes meanwhile."""

import contextlib
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

from devstack.mongojava import Backend, start_mongo_java
from devstack.ports import free_port
from devstack.readiness import mongo_probe, wait_until


@contextlib.asynccontextmanager
async def own_store(backend: Backend, prefix: str) -> AsyncIterator[str]:
    """Start a server with `backend` on a free port, yield its URL, stop it."""
    with tempfile.TemporaryDirectory(prefix=prefix) as run_dir:
        port = free_port()
        server = start_mongo_java(Path(run_dir), port, backend)
        try:
            url = f"mongodb://127.0.0.1:{port}/"
            await wait_until(f"mongo-java-server ({backend})", mongo_probe(url), server)
            yield url
        finally:
            server.stop()
