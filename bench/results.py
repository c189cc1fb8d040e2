"""What one run measured: figures (numbers), per-figure errors, per-phase details; as JSON."""

import contextlib
import os
import subprocess
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

FIGURES = (
    "raw_consume_eps",
    "raw_bulk_upsert_dps",
    "projection_eps",
    "projection_ratio",
    "replay_eps",
    "registration_rps",
    "e2e_p50_ms",
    "e2e_p95_ms",
    "e2e_p99_ms",
    "mentoring_p95_ms_100",
    "mentoring_p95_ms_13000",
    "import_13000_visible_s",
    "max_service_rss_mb",
)


def _git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "describe", "--always", "--dirty"],  # noqa: S607 - read-only, on PATH
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return "unknown"
    return out.stdout.strip() or "unknown"


@dataclass
class Results:
    """Filled in by the phases; `phase()` turns an exception into errors on its figures."""

    figures: dict[str, float | None] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    run: dict[str, Any] = field(default_factory=dict)
    cpu: Callable[[], dict[str, float]] | None = None
    """CPU seconds per process so far; each phase records how much each process used."""

    def set(self, name: str, value: float | None) -> None:
        """Record one figure."""
        self.figures[name] = None if value is None else round(float(value), 2)

    def detail(self, phase: str, **values: object) -> None:
        """Record supporting numbers of a phase (sizes, counts, partial progress)."""
        self.details.setdefault(phase, {}).update(values)

    @contextlib.contextmanager
    def phase(self, name: str, figures: tuple[str, ...]) -> Iterator[None]:
        """Run one phase; if it fails, say why on each of its figures and carry on."""
        started, cpu_before = time.monotonic(), self.cpu() if self.cpu else {}
        print(f"\n== {name} ==", flush=True)
        try:
            yield
        except Exception as exc:
            reason = f"{type(exc).__name__}: {exc}"[:600]
            print(f"   FAILED: {reason}", flush=True)
            self.detail(name, traceback=traceback.format_exc()[-2000:])
            for figure in figures:
                if self.figures.get(figure) is None:
                    self.errors[figure] = reason
                    self.figures.setdefault(figure, None)
        finally:
            self.detail(name, phase_seconds=round(time.monotonic() - started, 1))
            if self.cpu:
                used = {k: v - cpu_before.get(k, 0.0) for k, v in self.cpu().items()}
                self.detail(name, cpu_s={k: round(v, 1) for k, v in used.items() if v >= 0.1})

    def start_run(self, **info: object) -> None:
        """Say what ran, where, and how busy the machine was."""
        self.run = {
            "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "git": _git_commit(),
            "cpus": os.cpu_count(),
            "load_avg_at_start": [round(x, 2) for x in os.getloadavg()],
            **info,
        }

    def as_dict(self) -> dict[str, Any]:
        """Figures at the top level (null when not measured), then errors, details and run."""
        return {
            **{name: self.figures.get(name) for name in FIGURES},
            **{k: v for k, v in self.figures.items() if k not in FIGURES},
            "errors": self.errors,
            "details": self.details,
            "run": self.run,
        }

    def save(self, path: Path) -> None:
        """Write the JSON file (and its folder)."""
        self.run["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        self.run["load_avg_at_end"] = [round(x, 2) for x in os.getloadavg()]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(orjson.dumps(self.as_dict(), option=orjson.OPT_INDENT_2) + b"\n")
