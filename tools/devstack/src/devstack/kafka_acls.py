"""The platform's Kafka ACLs, derived from the service definitions and created by the admin.

Each service principal may create, describe and write its own event topics and its dead-letter
topic, read (and create, so that start order stays free) the topics it consumes, and read as
its own consumer group. `bank` may read the Bank Jabar feed only. Everything else is denied
(the broker runs StandardAuthorizer with `allow.everyone.if.no.acl.found=false`).

aiokafka's admin client has no ACL calls, so this sends Kafka's CreateAcls/DescribeAcls
requests (v1, which Kafka 4 still serves) through it.
"""

import asyncio
import time
from dataclasses import dataclass

from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.protocol.admin import (
    CreateAclsRequest_v1,
    DescribeAclsRequest_v1,
)
from aiokafka.protocol.api import Request

from devstack.kafka import BANK
from mentoring.entrypoints.app import SERVICE as MENTORING
from partnership.entrypoints.app import SERVICE as PARTNERSHIP
from registration.entrypoints.app import SERVICE as REGISTRATION
from reporting.entrypoints.app import SERVICE as REPORTING
from umkm_shared.contracts.topics import Context, TopicNames
from umkm_shared.messaging.kafka_security import KafkaSecurity

# Kafka's wire codes (org.apache.kafka.common.acl / resource).
TOPIC, GROUP = 2, 3
LITERAL, PREFIXED = 3, 4
READ, WRITE, CREATE, DESCRIBE = 3, 4, 5, 8
ANY, ALLOW = 1, 3

SERVICES = (REGISTRATION, MENTORING, PARTNERSHIP, REPORTING)


@dataclass(frozen=True)
class Acl:
    """One ALLOW binding: `principal` may do `operation` on a topic or group."""

    principal: str
    resource_type: int
    name: str
    operation: int
    pattern: int = LITERAL

    def creation(self) -> tuple[int, str, int, str, str, int, int]:
        """The CreateAcls v1 creation entry."""
        return (
            self.resource_type,
            self.name,
            self.pattern,
            f"User:{self.principal}",
            "*",
            self.operation,
            ALLOW,
        )


def platform_acls(namespace: str = "") -> list[Acl]:
    """Every binding of the platform under a topic namespace (consumer groups `<ns><service>`)."""
    topics = TopicNames(namespace)
    acls: list[Acl] = []
    for service in SERVICES:
        group = f"{namespace}{service.name}"
        own = [topics.events(c) for c in service.publishes]
        if service.subscription is not None:
            own.append(topics.dead_letter(group))
            acls.append(Acl(service.name, GROUP, group, READ))
        consumed = (
            [topics.events(c) for c in service.subscription.contexts]
            if (service.subscription is not None)
            else []
        )
        acls += [Acl(service.name, TOPIC, t, op) for t in own for op in (CREATE, DESCRIBE, WRITE)]
        acls += [Acl(service.name, TOPIC, t, op) for t in consumed for op in (CREATE, READ)]
    feed = topics.events(Context.BANK_FEED)
    acls += [Acl(BANK, TOPIC, feed, READ), Acl(BANK, GROUP, f"{namespace}{BANK}", READ, PREFIXED)]
    return acls


class _CreateAcls(Request[CreateAclsRequest_v1]):  # type: ignore[misc]
    API_KEY = 30

    def __init__(self, acls: list[Acl]) -> None:
        self._acls = acls

    def build(self, request_struct_class: type[CreateAclsRequest_v1]) -> CreateAclsRequest_v1:
        return request_struct_class([acl.creation() for acl in self._acls])


class _DescribeAcls(Request[DescribeAclsRequest_v1]):  # type: ignore[misc]
    API_KEY = 29

    def __init__(self, acl: Acl) -> None:
        self._acl = acl

    def build(self, request_struct_class: type[DescribeAclsRequest_v1]) -> DescribeAclsRequest_v1:
        a = self._acl
        return request_struct_class(
            a.resource_type, a.name, a.pattern, f"User:{a.principal}", None, ANY, ANY
        )


async def grant(
    bootstrap: str, admin: KafkaSecurity, acls: list[Acl], within: float = 10.0
) -> None:
    """Create the bindings (idempotent) and wait until the broker enforces the last one."""
    client = AIOKafkaAdminClient(bootstrap_servers=bootstrap, **admin.client_kwargs())
    await client.start()
    try:
        response = await client._send_request(_CreateAcls(acls))  # no public ACL call
        failed = [msg for code, msg in response.creation_responses if code != 0]
        if failed:
            raise RuntimeError(f"creating Kafka ACLs failed: {failed[:3]}")
        deadline = time.monotonic() + within
        # The controller commits them; the broker applies them a moment later.
        while not await _visible(client, acls[-1]):
            if time.monotonic() > deadline:
                raise RuntimeError("the broker did not apply the new Kafka ACLs in time")
            await asyncio.sleep(0.05)
    finally:
        await client.close()


async def _visible(client: AIOKafkaAdminClient, acl: Acl) -> bool:
    response = await client._send_request(_DescribeAcls(acl))
    return response.error_code == 0 and bool(response.resources)
