"""Schemathesis fuzzes each service from its own OpenAPI document, in-process, on the real stack.

As the provincial admin, valid and invalid requests to every operation must answer without a
5xx and as the document says (status, content type, body schema). Without a token, every
guarded operation answers 401. The run is bounded and reproducible: a fixed number of
derandomized examples per operation and generation mode.

Hypothesis drives schemathesis in a worker thread; each request it makes is handed to the app
on the test's event loop (where its lifespan holds Mongo and Kafka clients).
"""

import asyncio
import io
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import hypothesis
import pytest
import requests
import schemathesis
import urllib3
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase
from requests.adapters import HTTPAdapter
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.core.result import Err
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from mentoring.entrypoints.app import create_app as mentoring_app
from partnership.entrypoints.app import create_app as partnership_app
from registration.entrypoints.app import create_app as registration_app
from reporting.entrypoints.app import create_app as reporting_app
from tests.apps import AppClient, running
from tests.infra import Infra
from tests.integration import mentoring_support as mentoring
from tests.integration import partnership_support as partnership
from tests.integration.settings import registration_settings, reporting_settings
from tests.privacy import raw_niks
from tests.samples import SARI_REQUEST, new_sme_id
from umkm_shared.auth.endpoints import ENDPOINTS

EXAMPLES = 15
"""Examples per operation, generation mode (positive, negative) and kind of path: generated
ids (mostly 404) and, where the operation's ids are all seeded, ids of real records."""
UNAUTHENTICATED_EXAMPLES = 3
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
BASE_URL = "http://test"
Case = schemathesis.Case[Any]

APPS: dict[str, Callable[[Infra, str], FastAPI]] = {
    "registration": lambda infra, ns: registration_app(registration_settings(infra, ns)),
    "mentoring": lambda infra, ns: mentoring_app(mentoring.mentoring_settings(infra, ns)),
    "partnership": lambda infra, ns: partnership_app(partnership.partnership_settings(infra, ns)),
    "reporting": lambda infra, ns: reporting_app(reporting_settings(infra, ns)),
}


async def _registration_records(client: AppClient, infra: Infra, namespace: str) -> dict[str, str]:
    response = await client.post("/smes", json=SARI_REQUEST)
    assert response.status_code == 201, response.text
    return {"sme_id": response.json()["sme_id"]}


async def _mentoring_records(client: AppClient, infra: Infra, namespace: str) -> dict[str, str]:
    sme_id = new_sme_id()
    async with mentoring.Upstream(infra, namespace) as upstream:
        await upstream.publish(partnership.registered(sme_id))
    cohort_id = await mentoring.open_cohort(client)
    await mentoring.register_mentor(client)
    await mentoring.enroll_when_known(client, cohort_id, sme_id)
    return {"cohort_id": cohort_id, "sme_id": sme_id}


async def _partnership_records(client: AppClient, infra: Infra, namespace: str) -> dict[str, str]:
    sme_id = new_sme_id()
    async with partnership.Upstream(infra, namespace) as upstream:
        await upstream.publish(partnership.registered(sme_id))
    partner_id = await partnership.register_partner(client)
    await partnership.known(client, sme_id)
    partnership_id = await partnership.propose(client, partner_id, sme_id)
    return {"partner_id": partner_id, "partnership_id": partnership_id, "sme_id": sme_id}


async def _no_records(client: AppClient, infra: Infra, namespace: str) -> dict[str, str]:
    return {}  # reporting's records come from events; its ids are fuzzed as given


RECORDS: dict[str, Callable[[AppClient, Infra, str], Awaitable[dict[str, str]]]] = {
    "registration": _registration_records,
    "mentoring": _mentoring_records,
    "partnership": _partnership_records,
    "reporting": _no_records,
}
"""Real records per service: their ids fill the path of the operations that name them."""
FINAL = ("/close", "/withdrawal", "/end", "/graduation")
"""Operations that end a record's life are fuzzed last, so the others meet a live one."""


class _OnTheLoop(HTTPAdapter):
    """A `requests` adapter that sends each request through `client` on the test's loop."""

    def __init__(self, client: AppClient, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__()
        self.client = client
        self.loop = loop

    def send(
        self, request: requests.PreparedRequest, *args: Any, **kwargs: Any
    ) -> requests.Response:
        body = request.body.encode() if isinstance(request.body, str) else request.body
        call = self.client.request(
            str(request.method),
            str(request.url),
            headers=[
                (k, v if isinstance(v, str) else v.decode()) for k, v in request.headers.items()
            ],
            content=body if isinstance(body, bytes) else b"",
        )
        answer = asyncio.run_coroutine_threadsafe(call, self.loop).result(timeout=60)
        raw = urllib3.HTTPResponse(
            body=io.BytesIO(answer.content),
            headers=urllib3.HTTPHeaderDict(answer.headers.multi_items()),
            status=answer.status_code,
            reason=answer.reason_phrase,
            version=11,
            preload_content=False,
            decode_content=False,
        )
        return self.build_response(request, raw)


Judge = Callable[["_Run", Case, schemathesis.Response], None]
"""Looks at one answer and records what is wrong with it."""


@dataclass
class _Run:
    """What one fuzzing pass sent and found."""

    cases: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    findings: dict[tuple[str, str], str] = field(default_factory=dict)

    def found(self, operation: str, what: str, example: str) -> None:
        self.findings.setdefault((operation, what), example)

    def report(self) -> str:
        return "\n\n".join(
            f"{operation}: {what}\n{example}"
            for (operation, what), example in self.findings.items()
        )


def _fuzz(
    schema: schemathesis.BaseSchema,
    *,
    session: requests.Session,
    headers: dict[str, str],
    modes: list[schemathesis.GenerationMode],
    examples: int,
    judge: Judge,
    records: dict[str, str] | None = None,
) -> _Run:
    """Send `examples` generated cases per operation and mode; `judge` records what is wrong."""
    run = _Run()
    operations = sorted(_operations(schema), key=lambda operation: operation.path.endswith(FINAL))
    for operation, mode, path in [
        (each, mode, path)
        for each in operations
        for path in _paths(each.path, records)
        for mode in modes
    ]:

        @hypothesis.settings(
            max_examples=examples,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @hypothesis.given(case=operation.as_strategy(mode, path_parameters=path))
        def one(case: Case) -> None:
            run.cases += 1
            try:
                response = case.call(base_url=BASE_URL, session=session, headers=headers)
            except Exception as error:  # an escaped exception is a finding
                run.found(case.operation.label, f"raised {type(error).__name__}", str(error))
                return
            run.statuses[response.status_code] = run.statuses.get(response.status_code, 0) + 1
            judge(run, case, response)

        try:
            one()
        except hypothesis.errors.Unsatisfiable:
            assert mode is schemathesis.GenerationMode.NEGATIVE  # nothing invalid to send
    return run


def _operations(
    schema: schemathesis.BaseSchema,
) -> list[schemathesis.APIOperation[Any, Any, Any, Any]]:
    operations = []
    for result in schema.get_all_operations():
        if isinstance(result, Err):
            raise result.err()  # a document schemathesis cannot read is a finding too
        operations.append(result.ok())
    return operations


def _paths(template: str, records: dict[str, str] | None) -> list[dict[str, str] | None]:
    """Generated ids; also the real records' ids when they fill the leading ids of `template`.

    The rest (a period, a consent purpose) is generated either way.
    """
    known = records or {}
    names = re.findall(r"\{(\w+)\}", template)
    leading = names[: next((i for i, n in enumerate(names) if n not in known), len(names))]
    return [None, {name: known[name] for name in leading}] if leading else [None]


def _conforms(run: _Run, case: Case, response: schemathesis.Response) -> None:
    if raw_niks(response.content.decode("utf-8", "replace")):
        run.found(case.operation.label, f"a NIK-shaped number in a {response.status_code}", "")
    try:
        case.validate_response(response, checks=CHECKS)
    except FailureGroup as group:
        for failure in group.exceptions:
            run.found(
                case.operation.label,
                f"{failure.title} [{response.status_code}]",
                f"{failure.message[:600]}\n{case.as_curl_command()[:600]}",
            )


def _schema(app: FastAPI) -> schemathesis.BaseSchema:
    """The document the app serves at `/openapi.json` (its example NIK is no answer to scan)."""
    config = schemathesis.Config()
    # The token is the test's to give (or withhold), not a parameter to fuzz or leave out.
    config.projects.default.generation.update(with_security_parameters=False)
    return schemathesis.openapi.from_dict(app.openapi(), config=config)


def _session(client: AppClient) -> requests.Session:
    session = requests.Session()
    session.mount(BASE_URL, _OnTheLoop(client, asyncio.get_running_loop()))
    return session


def _say(capsys: pytest.CaptureFixture[str], line: str) -> None:
    with capsys.disabled():
        print(f"\n{line}")  # the tier reports how much it sent


@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisDeprecationWarning")
@pytest.mark.parametrize("service", APPS)
async def test_no_generated_request_gets_a_server_error_or_an_undocumented_answer(
    service: str, infra: Infra, namespace: str, capsys: pytest.CaptureFixture[str]
) -> None:
    async with running(APPS[service](infra, namespace)) as client:
        schema = _schema(client.app)
        records = await RECORDS[service](client, infra, namespace)
        started = time.monotonic()
        run = await asyncio.to_thread(
            partial(
                _fuzz,
                schema,
                session=_session(client),
                headers={},  # the client adds the admin's current token to every case
                modes=[schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE],
                examples=EXAMPLES,
                judge=_conforms,
                records=records,
            )
        )
    _say(
        capsys,
        f"schemathesis {service}: {run.cases} cases in {time.monotonic() - started:.1f}s, "
        f"statuses {dict(sorted(run.statuses.items()))}",
    )
    assert not run.findings, run.report()
    assert 401 not in run.statuses  # a token that expired mid-run would test nothing


@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisDeprecationWarning")
@pytest.mark.parametrize("service", APPS)
async def test_every_guarded_operation_refuses_a_caller_without_a_token(
    service: str, infra: Infra, namespace: str, capsys: pytest.CaptureFixture[str]
) -> None:
    guarded = {
        f"{method} {path}" for (method, path), action in ENDPOINTS[service].items() if action
    }

    def refused(run: _Run, case: Case, response: schemathesis.Response) -> None:
        if case.operation.label in guarded and response.status_code != 401:
            run.found(case.operation.label, f"answered {response.status_code} without a token", "")
        _conforms(run, case, response)  # the 401 as documented; the open routes as any other

    async with running(APPS[service](infra, namespace), user=None) as client:
        schema = _schema(client.app)
        assert guarded <= {operation.label for operation in _operations(schema)}
        run = await asyncio.to_thread(
            partial(
                _fuzz,
                schema,
                session=_session(client),
                headers={},
                modes=[schemathesis.GenerationMode.POSITIVE],
                examples=UNAUTHENTICATED_EXAMPLES,
                judge=refused,
            )
        )
    _say(capsys, f"schemathesis {service} without a token: {run.cases} cases")
    assert not run.findings, run.report()
