"""The local MongoDB-wire server: mongo-java-server from Maven Central, with our own launcher.

Provisioned once (jars by Maven, the launcher compiled with javac) and cached; started per run.
The memory backend serves the test suite (a fresh, empty server per test session); the H2
backend serves `./dev up`, whose data is kept in a file between runs. The launcher
(resources/mongo-wire/MongoWireServer.java) declares wire version 9 so current PyMongo connects,
and makes the H2 backend commit before it acknowledges a write (durable across kill -9).
"""

import hashlib
import shutil
import subprocess
import tempfile
from importlib import resources
from pathlib import Path
from typing import Literal

from devstack.process import ManagedProcess
from devstack.toolcheck import require, require_java
from devstack.versions import MONGO_JAVA_SERVER_VERSION, SLF4J_VERSION, cache_root

Backend = Literal["memory", "h2"]
LAUNCHER_CLASS = "umkm.devstack.MongoWireServer"


def _resource(name: str) -> str:
    return resources.files("devstack").joinpath(f"resources/{name}").read_text()


def _launcher_source() -> str:
    return _resource("mongo-wire/MongoWireServer.java")


def mongo_java_home() -> Path:
    """The cached jars and compiled launcher; a changed launcher source gets a new directory."""
    digest = hashlib.sha256(_launcher_source().encode()).hexdigest()[:10]
    return cache_root() / f"mongo-java-server-{MONGO_JAVA_SERVER_VERSION}-{digest}"


def _run(argv: list[str], cwd: Path, what: str) -> None:
    result = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{what} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")


def provision_mongo_java() -> Path:
    """Fetch the server jars with Maven and compile the launcher, unless cached; return home."""
    home = mongo_java_home()
    if (home / ".complete").exists():
        return home
    mvn = require("mvn", "download mongo-java-server from Maven Central")
    require_java()
    javac = require("javac", "compile the mongo-java-server launcher")
    pom = (
        _resource("mongo-wire.pom.xml")
        .replace("@MONGO_JAVA_SERVER_VERSION@", MONGO_JAVA_SERVER_VERSION)
        .replace("@SLF4J_VERSION@", SLF4J_VERSION)
    )
    home.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=home.parent) as work:
        staging = Path(work) / "home"
        (Path(work) / "pom.xml").write_text(pom)
        _run(
            [
                mvn,
                "-q",
                "-B",
                "dependency:copy-dependencies",
                f"-DoutputDirectory={staging / 'libs'}",
                "-DincludeScope=runtime",
            ],
            Path(work),
            f"Maven fetching mongo-java-server {MONGO_JAVA_SERVER_VERSION}",
        )
        source = Path(work) / "MongoWireServer.java"
        source.write_text(_launcher_source())
        _run(
            [javac, "-d", str(staging / "classes"), "-cp", f"{staging / 'libs'}/*", str(source)],
            Path(work),
            "compiling the mongo-wire launcher",
        )
        (staging / ".complete").write_text(MONGO_JAVA_SERVER_VERSION)
        shutil.rmtree(home, ignore_errors=True)
        staging.rename(home)  # atomic: a half-finished build is never mistaken for a cache
    return home


def start_mongo_java(
    run_dir: Path, port: int, backend: Backend = "memory", heap_mb: int = 1024
) -> ManagedProcess:
    """Start the server on 127.0.0.1:`port`; the H2 backend keeps its file under `run_dir`."""
    home = provision_mongo_java()
    java = require_java()
    log_dir = run_dir / "mongo"
    log_dir.mkdir(parents=True, exist_ok=True)
    argv = [
        java,
        f"-Xmx{heap_mb}m",
        "-XX:+UseSerialGC",  # small heap, two cores: the least CPU spent collecting
        "-Djava.awt.headless=true",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-cp",
        f"{home / 'classes'}:{home / 'libs'}/*",
        LAUNCHER_CLASS,
        "127.0.0.1",
        str(port),
        backend,
    ]
    if backend == "h2":
        argv.append(str(log_dir / "data.mv.db"))
    return ManagedProcess("mongo", argv, log_path=log_dir / "mongo.log")
