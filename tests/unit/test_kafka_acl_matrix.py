"""The platform's Kafka ACLs follow the service definitions: least privilege per principal."""

from devstack.kafka_acls import CREATE, DESCRIBE, GROUP, PREFIXED, READ, TOPIC, WRITE, platform_acls


def _granted(principal: str, operation: int, namespace: str = "t1-") -> set[str]:
    return {
        a.name
        for a in platform_acls(namespace)
        if a.principal == principal and a.operation == operation and a.resource_type == TOPIC
    }


def test_each_service_writes_only_its_own_event_topics_and_dead_letters() -> None:
    assert _granted("registration", WRITE) == {
        "t1-umkm-juara.registration.v1",
        "t1-umkm-juara.dlt.t1-registration",
    }
    assert _granted("mentoring", WRITE) == {
        "t1-umkm-juara.mentoring.v1",
        "t1-umkm-juara.bankjabar-feed.v1",
        "t1-umkm-juara.dlt.t1-mentoring",
    }
    assert _granted("reporting", WRITE) == {"t1-umkm-juara.dlt.t1-reporting"}
    assert _granted("bank", WRITE) == set()


def test_each_service_reads_what_it_consumes_as_its_own_group() -> None:
    assert _granted("reporting", READ) == {
        "t1-umkm-juara.registration.v1",
        "t1-umkm-juara.mentoring.v1",
        "t1-umkm-juara.partnership.v1",
    }
    assert _granted("registration", READ) == {"t1-umkm-juara.mentoring.v1"}
    groups = {(a.principal, a.name) for a in platform_acls("t1-") if a.resource_type == GROUP}
    assert ("partnership", "t1-partnership") in groups


def test_the_bank_reads_the_feed_and_nothing_else() -> None:
    bank = [a for a in platform_acls("") if a.principal == "bank"]
    assert {(a.resource_type, a.name, a.operation) for a in bank} == {
        (TOPIC, "umkm-juara.bankjabar-feed.v1", READ),
        (GROUP, "bank", READ),
    }
    assert next(a for a in bank if a.resource_type == GROUP).pattern == PREFIXED
    assert _granted("bank", CREATE) == _granted("bank", DESCRIBE) == set()
