"""The Keycloak server distribution from Maven Central, unpacked and built once into the cache.

`org.keycloak:keycloak-quarkus-dist` (a zip) is fetched with Maven, unpacked and built with
`kc.sh build` (the H2 file database, health endpoints), so every start is `start --optimized`.
Nothing writes to it afterwards but the realm seeds kept inside it (see devstack.keycloak).
"""

import hashlib
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from devstack.toolcheck import require, require_java
from devstack.versions import KEYCLOAK_VERSION, cache_root

_BUILD_OPTIONS = ("--db=dev-file", "--health-enabled=true")


def keycloak_home() -> Path:
    """The cached, built distribution; other build options get another directory."""
    digest = hashlib.sha256(" ".join(_BUILD_OPTIONS).encode()).hexdigest()[:10]
    return cache_root() / f"keycloak-{KEYCLOAK_VERSION}-{digest}"


def _run(argv: list[str], what: str, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(argv, capture_output=True, text=True, check=False, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"{what} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")


def _unzip(archive: Path, into: Path) -> Path:
    """Unpack keeping the executable bits (zipfile alone drops them); return the top folder."""
    with zipfile.ZipFile(archive) as zipped:
        for info in zipped.infolist():
            target = Path(zipped.extract(info, into))
            mode = (info.external_attr >> 16) & 0o777
            if mode:
                target.chmod(mode)
        top = zipped.infolist()[0].filename.split("/")[0]
    return into / top


def java_env(heap_mb: int) -> dict[str, str]:
    # C1 only: on two busy cores a start took 9-12 s instead of 17-23 s with C2 compiling too,
    # for a password grant of 0.2 s instead of 0.12 s.
    append = f"{os.environ.get('JAVA_OPTS_APPEND', '')} -XX:TieredStopAtLevel=1".strip()
    return {
        **os.environ,
        "JAVA": require_java(),
        "JAVA_OPTS_KC_HEAP": f"-Xms64m -Xmx{heap_mb}m",
        "JAVA_OPTS_APPEND": append,
    }


def provision_keycloak() -> Path:
    """Fetch the distribution with Maven and build it, unless cached; return its home."""
    home = keycloak_home()
    if (home / ".complete").exists():
        return home
    mvn = require("mvn", "download the Keycloak server distribution from Maven Central")
    home.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=home.parent) as work:
        artifact = f"org.keycloak:keycloak-quarkus-dist:{KEYCLOAK_VERSION}:zip"
        fetch = [mvn, "-q", "-B", "dependency:copy", f"-Dartifact={artifact}"]
        _run([*fetch, f"-DoutputDirectory={work}"], f"Maven fetching {artifact}")
        archive = Path(work) / f"keycloak-quarkus-dist-{KEYCLOAK_VERSION}.zip"
        staging = _unzip(archive, Path(work))
        archive.unlink()
        _run([str(staging / "bin/kc.sh"), "build", *_BUILD_OPTIONS], "kc.sh build", java_env(512))
        (staging / ".complete").write_text(KEYCLOAK_VERSION)
        if not (home / ".complete").exists():  # else a concurrent run won (and may be using it)
            shutil.rmtree(home, ignore_errors=True)
            staging.rename(home)  # atomic: a half-finished build is never mistaken for a cache
    return home
