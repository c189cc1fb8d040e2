"""The local broker's cluster ids are ones Kafka's storage tool accepts."""

import base64

from devstack.kafka import cluster_id


def test_a_cluster_id_never_starts_with_a_dash_that_the_storage_tool_reads_as_an_option() -> None:
    ids = [cluster_id() for _ in range(2000)]  # about 31 would start with "-" if unguarded

    assert not [i for i in ids if i.startswith("-")]
    assert all(len(base64.urlsafe_b64decode(i + "==")) == 16 for i in ids)
