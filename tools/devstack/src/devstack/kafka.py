"""Apache Kafka in KRaft mode from Maven Central jars: provision once, start per run.

Clients authenticate with SASL/SCRAM-SHA-512 (one principal per service, `bank`, and the
super user `admin`; their credentials are written at format time and kept with the data) and
are authorised by KRaft's StandardAuthorizer: nothing is allowed without an ACL
(`devstack.kafka_acls` creates them). The loopback controller listener takes only the admin
(SASL PLAIN with a static login).
"""

import base64
import json
import secrets
import shutil
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Final

from devstack.process import ManagedProcess
from devstack.readiness import StartupError
from devstack.services import SERVICES
from devstack.toolcheck import require, require_java
from devstack.versions import KAFKA_SCALA, KAFKA_VERSION, LOG4J_VERSION, cache_root


def kafka_libs_dir() -> Path:
    """The cached directory of broker jars for the pinned version."""
    return cache_root() / f"kafka-{KAFKA_SCALA}-{KAFKA_VERSION}" / "libs"


def provision_kafka() -> Path:
    """Download the broker jars with Maven unless they are cached; return the jar directory."""
    libs = kafka_libs_dir()
    if (libs / ".complete").exists():
        return libs
    mvn = require("mvn", "download the Apache Kafka broker jars from Maven Central")
    require_java()
    pom = (
        resources.files("devstack")
        .joinpath("resources/kafka-broker.pom.xml")
        .read_text()
        .replace("@SCALA@", KAFKA_SCALA)
        .replace("@KAFKA_VERSION@", KAFKA_VERSION)
        .replace("@LOG4J_VERSION@", LOG4J_VERSION)
    )
    libs.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=libs.parent) as work:
        (Path(work) / "pom.xml").write_text(pom)
        staging = Path(work) / "libs"
        result = subprocess.run(
            [
                mvn,
                "-q",
                "-B",
                "dependency:copy-dependencies",
                f"-DoutputDirectory={staging}",
                "-DincludeScope=runtime",
            ],
            cwd=work,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"Maven could not fetch Kafka {KAFKA_VERSION}:\n{result.stdout[-2000:]}"
                f"{result.stderr[-2000:]}"
            )
        (staging / ".complete").write_text(KAFKA_VERSION)
        shutil.rmtree(libs, ignore_errors=True)
        staging.rename(libs)  # atomic: a half-finished download is never mistaken for a cache
    return libs


@dataclass(frozen=True)
class KafkaPorts:
    """The two loopback ports a single-node KRaft broker listens on."""

    broker: int
    controller: int


MECHANISM: Final = "SCRAM-SHA-512"
ADMIN = "admin"
"""The super user: tooling and test set-up (creates the ACLs); never a service's login."""
BANK = "bank"
"""Bank Jabar's feed reader; its consumer groups start with this name."""
PRINCIPALS = (ADMIN, *SERVICES, BANK)


@dataclass(frozen=True)
class TlsFiles:
    """The broker's PEM keystore (its key, then its certificate chain) and the CA it trusts
    (its own connections to itself go through the same listener), for SASL_SSL."""

    keystore: Path
    truststore: Path


def _server_properties(
    ports: KafkaPorts, data_dir: Path, admin_password: str, tls: TlsFiles | None
) -> str:
    protocol = "SASL_SSL" if tls else "SASL_PLAINTEXT"
    login = f'username="{ADMIN}" password="{admin_password}"'
    scram = f"org.apache.kafka.common.security.scram.ScramLoginModule required {login};"
    # The controller listener cannot use SCRAM (its users live in the metadata it serves):
    # PLAIN with the one static admin login, so no port takes an unauthenticated client.
    plain = (
        "org.apache.kafka.common.security.plain.PlainLoginModule required "
        f'{login} user_{ADMIN}="{admin_password}";'
    )
    tls_lines = (
        [
            "ssl.keystore.type=PEM",
            f"ssl.keystore.location={tls.keystore}",
            "ssl.truststore.type=PEM",
            f"ssl.truststore.location={tls.truststore}",
            "ssl.client.auth=none",
        ]
        if tls
        else []
    )
    return "\n".join(
        [
            "process.roles=broker,controller",
            "node.id=1",
            f"listeners=CLIENT://127.0.0.1:{ports.broker},CONTROLLER://127.0.0.1:{ports.controller}",
            f"advertised.listeners=CLIENT://127.0.0.1:{ports.broker}",
            "controller.listener.names=CONTROLLER",
            f"listener.security.protocol.map=CLIENT:{protocol},CONTROLLER:SASL_PLAINTEXT",
            "inter.broker.listener.name=CLIENT",
            f"listener.name.client.sasl.enabled.mechanisms={MECHANISM}",
            f"sasl.mechanism.inter.broker.protocol={MECHANISM}",
            f"listener.name.client.{MECHANISM.lower()}.sasl.jaas.config={scram}",
            "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
            "sasl.mechanism.controller.protocol=PLAIN",
            f"listener.name.controller.plain.sasl.jaas.config={plain}",
            "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
            f"super.users=User:{ADMIN}",
            "allow.everyone.if.no.acl.found=false",
            *tls_lines,
            f"controller.quorum.voters=1@127.0.0.1:{ports.controller}",
            f"log.dirs={data_dir}",
            "num.partitions=3",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=3",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=false",
            "",
        ]
    )


def cluster_id() -> str:
    """A Kafka cluster id: a UUID in URL-safe base64 without padding, as `random-uuid` prints.

    Like Kafka's own Uuid.randomUuid, never one starting with "-": the storage tool's argument
    parser would take it for an option and refuse to format (1 start in 64 failed that way).
    """
    while True:
        candidate = base64.urlsafe_b64encode(uuid.uuid4().bytes).rstrip(b"=").decode()
        if not candidate.startswith("-"):
            return candidate


def principal_passwords(home: Path) -> dict[str, str]:
    """Each principal's SCRAM password: made once, kept beside the data (mode 0600)."""
    path = home / "principals.json"
    if path.exists():
        stored: dict[str, str] = json.loads(path.read_text())
        return stored
    passwords = {name: secrets.token_urlsafe(18) for name in PRINCIPALS}
    path.touch(mode=0o600)
    path.write_text(json.dumps(passwords))
    return passwords


def start_kafka(
    run_dir: Path, ports: KafkaPorts, heap_mb: int = 512, tls: TlsFiles | None = None
) -> tuple[ManagedProcess, dict[str, str]]:
    """Start the broker on `run_dir`, formatting a fresh KRaft log directory the first time.

    Returns the process and every principal's password.
    """
    libs = provision_kafka()
    java = require_java()
    home = run_dir / "kafka"
    data = home / "data"
    data.mkdir(parents=True, exist_ok=True)
    if not (data / "meta.properties").exists():
        (home / "principals.json").unlink(missing_ok=True)  # new log, new credentials
    elif not (home / "principals.json").exists():
        raise StartupError(
            f"the Kafka log in {data} was formatted without SCRAM users (before SASL came); "
            "start afresh (`./dev up --fresh`)"
        )
    passwords = principal_passwords(home)
    props = home / "server.properties"
    props.touch(mode=0o600)
    props.write_text(_server_properties(ports, data, passwords[ADMIN], tls))
    log4j = home / "log4j2.properties"
    log4j.write_text(
        resources.files("devstack").joinpath("resources/log4j2.properties").read_text()
    )
    classpath = f"{libs}/*"
    if not (data / "meta.properties").exists():  # a restart keeps its formatted log
        _format(java, classpath, props, passwords)
    process = ManagedProcess(
        "kafka",
        [
            java,
            f"-Xmx{heap_mb}m",
            f"-Xms{min(heap_mb, 256)}m",
            "-XX:+UseG1GC",
            "-Djava.awt.headless=true",
            f"-Dlog4j2.configurationFile={log4j}",
            f"-Dkafka.logs.dir={home / 'logs'}",
            "-cp",
            classpath,
            "kafka.Kafka",
            str(props),
        ],
        log_path=home / "broker.log",
    )
    return process, passwords


def _format(java: str, classpath: str, props: Path, passwords: dict[str, str]) -> None:
    scram = [
        arg
        for name, password in passwords.items()
        for arg in ("--add-scram", f"{MECHANISM}=[name={name},password={password}]")
    ]
    subprocess.run(
        [
            java,
            "-cp",
            classpath,
            "kafka.tools.StorageTool",
            "format",
            "-t",
            cluster_id(),
            "-c",
            str(props),
            *scram,
        ],
        check=True,
        capture_output=True,
    )
