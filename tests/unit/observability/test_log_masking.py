"""No log line carries a NIK: messages, arguments, extras and tracebacks are masked."""

import io
import json
import logging

from umkm_shared.observability.logs import json_handler, mask_niks

NIK = "3216014506900001"
MASKED = "3216********0001"


def _logged(name: str) -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    log = logging.getLogger(f"tests.masking.{name}")
    log.propagate = False
    log.setLevel(logging.INFO)
    log.handlers = [json_handler(stream)]
    return log, stream


def _lines(stream: io.StringIO) -> list[dict[str, str]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_an_access_log_line_with_a_nik_in_its_path_and_query_is_masked() -> None:
    log, stream = _logged("uvicorn.access")
    # uvicorn's access log: the format and arguments of uvicorn.protocols.http.h11_impl.
    access = '%s - "%s %s HTTP/%s" %d'
    log.info(access, "127.0.0.1:5000", "GET", f"/smes/{NIK}", "1.1", 404)
    log.info(access, "127.0.0.1:5000", "GET", f"/smes?q={NIK}&limit=5", "1.1", 200)
    first, second = _lines(stream)
    assert first["message"] == f'127.0.0.1:5000 - "GET /smes/{MASKED} HTTP/1.1" 404'
    assert second["message"] == f'127.0.0.1:5000 - "GET /smes?q={MASKED}&limit=5 HTTP/1.1" 200'


def _refuse(nik: str) -> None:
    raise ValueError(f"bad NIK {nik}")


def test_a_nik_in_a_number_argument_an_extra_field_or_a_traceback_is_masked() -> None:
    log, stream = _logged("app")
    log.info("owner %d", int(NIK), extra={"owner": NIK})
    try:
        _refuse(NIK)
    except ValueError:
        log.exception("refused")
    text = stream.getvalue()
    assert NIK not in text
    first, second = _lines(stream)
    assert (first["message"], first["owner"]) == (f"owner {MASKED}", MASKED)
    assert f"ValueError: bad NIK {MASKED}" in second["exc_info"]


def test_other_numbers_and_lines_without_a_nik_are_left_alone() -> None:
    log, stream = _logged("plain")
    log.info("NIB %s, phone %s, %d rows", "9120001234567", "+6281234567890", 12)
    [line] = _lines(stream)
    assert line["message"] == "NIB 9120001234567, phone +6281234567890, 12 rows"
    assert mask_niks("a 17-digit 32160145069000011 stays") == "a 17-digit 32160145069000011 stays"
