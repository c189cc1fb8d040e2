"""Services started under pyinstrument (`--profile`), for the note that explains a missed target.

Each profiled process writes, when it stops, a text profile (for the note) and an HTML one
(to explore) under bench/results/profiles/, named after the phase and the service.
"""

import sys
from pathlib import Path

from devstack.process import ManagedProcess
from devstack.services import RunningService

PROFILES = Path(__file__).parent / "results" / "profiles"


def start_profiled(
    name: str, port: int, log_dir: Path, environment: dict[str, str], label: str
) -> tuple[RunningService, Path]:
    """The service as devstack starts it, but profiled; (service, its profile's .txt path)."""
    PROFILES.mkdir(parents=True, exist_ok=True)
    stem = PROFILES / f"{label}-{name}"
    argv = [sys.executable, "-m", "bench.profiled_main", str(stem), name]
    env = {**environment, f"{name.upper()}_HTTP_PORT": str(port)}
    proc = ManagedProcess(name, argv, log_path=log_dir / f"{name}.log", env=env)
    return RunningService(name, port, proc), stem.with_suffix(".txt")
