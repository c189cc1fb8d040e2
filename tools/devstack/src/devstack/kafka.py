"""Apache Kafka in KRaft mode from Maven Central jars: provision once, start per run."""

import base64
import shutil
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from devstack.process import ManagedProcess
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


def _server_properties(ports: KafkaPorts, data_dir: Path) -> str:
    return "\n".join(
        [
            "process.roles=broker,controller",
            "node.id=1",
            f"listeners=PLAINTEXT://127.0.0.1:{ports.broker},CONTROLLER://127.0.0.1:{ports.controller}",
            f"advertised.listeners=PLAINTEXT://127.0.0.1:{ports.broker}",
            "controller.listener.names=CONTROLLER",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
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


def start_kafka(run_dir: Path, ports: KafkaPorts, heap_mb: int = 512) -> ManagedProcess:
    """Start the broker on `run_dir`, formatting a fresh KRaft log directory the first time."""
    libs = provision_kafka()
    java = require_java()
    home = run_dir / "kafka"
    data = home / "data"
    data.mkdir(parents=True, exist_ok=True)
    props = home / "server.properties"
    props.write_text(_server_properties(ports, data))
    log4j = home / "log4j2.properties"
    log4j.write_text(
        resources.files("devstack").joinpath("resources/log4j2.properties").read_text()
    )
    classpath = f"{libs}/*"
    if not (data / "meta.properties").exists():  # a restart keeps its formatted log
        _format(java, classpath, props)
    return ManagedProcess(
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


def _format(java: str, classpath: str, props: Path) -> None:
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
        ],
        check=True,
        capture_output=True,
    )
