"""What the tests saw leave the services, kept for the final raw-NIK scan."""

import logging
import re
from pathlib import Path

import httpx

RAW_NIK = re.compile(r"\b\d{16}\b")
"""A standalone 16-digit token. Masks, pseudonyms (64 hex), NIBs and phones never match."""

RESPONSE_BODIES: list[str] = []
LOG_LINES: list[str] = []
SERVICE_LOG_FILES: list[Path] = []


async def record_response(response: httpx.Response) -> None:
    """httpx response hook: keep every body the tests received."""
    await response.aread()
    RESPONSE_BODIES.append(response.text)


class _Recorder(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        LOG_LINES.append(self.format(record))


def record_logs() -> None:
    """Keep every log line any in-process service writes, tracebacks included."""
    handler = _Recorder(level=logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)


def raw_niks(text: str) -> list[str]:
    """Every raw NIK-shaped token in `text`."""
    return RAW_NIK.findall(text)
