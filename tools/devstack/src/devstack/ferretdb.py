"""FerretDB v1 (SQLite backend) built through the Go module proxy: build once, start per run."""

import json
import os
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

from devstack.process import ManagedProcess
from devstack.toolcheck import require
from devstack.versions import FERRETDB_MODULE, FERRETDB_VERSION, cache_root


def ferretdb_binary() -> Path:
    """The cached FerretDB binary for the pinned version."""
    return cache_root() / f"ferretdb-{FERRETDB_VERSION}" / "ferretdb"


def _go(go: str, args: list[str], cwd: Path | None = None) -> str:
    env = {**os.environ, "CGO_ENABLED": "0", "GOFLAGS": "-mod=mod"}
    result = subprocess.run(
        [go, *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"`go {' '.join(args)}` failed:\n{result.stderr[-3000:]}")
    return result.stdout


def provision_ferretdb() -> Path:
    """Build the FerretDB binary unless it is cached; return its path.

    `go install …/cmd/ferretdb@v1.24.2` builds a binary that panics at start because the module
    lacks build/version/version.txt (FerretDB#2982). So take the module's source from the Go
    module cache, write the version file that upstream's `task gen-version` would, and build it.
    """
    binary = ferretdb_binary()
    if binary.exists():
        return binary
    go = require("go", f"build FerretDB {FERRETDB_VERSION} from the Go module proxy")
    info = json.loads(
        _go(go, ["mod", "download", "-json", f"{FERRETDB_MODULE}@{FERRETDB_VERSION}"])
    )
    binary.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=binary.parent) as work:
        src = Path(work) / "src"
        shutil.copytree(info["Dir"], src)
        for path in [src, *src.rglob("*")]:
            path.chmod(path.stat().st_mode | stat.S_IWUSR)  # the module cache is read-only
        (src / "build" / "version" / "version.txt").write_text(f"{FERRETDB_VERSION}\n")
        staged = Path(work) / "ferretdb"
        _go(go, ["build", "-trimpath", "-o", str(staged), "./cmd/ferretdb"], cwd=src)
        staged.rename(binary)  # atomic: a failed build never leaves a binary that looks cached
    return binary


def start_ferretdb(run_dir: Path, port: int) -> ManagedProcess:
    """Start FerretDB on 127.0.0.1:`port`, keeping its SQLite files under `run_dir`."""
    binary = provision_ferretdb()
    home = run_dir / "ferretdb"
    data = home / "data"
    data.mkdir(parents=True, exist_ok=True)
    return ManagedProcess(
        "ferretdb",
        [
            str(binary),
            "--handler=sqlite",
            f"--sqlite-url=file:{data}/",
            f"--listen-addr=127.0.0.1:{port}",
            # Never phone home, keep no state file, open no debug port.
            "--telemetry=disable",
            "--state-dir=-",
            "--debug-addr=-",
            "--log-level=warn",
        ],
        log_path=home / "ferretdb.log",
    )
