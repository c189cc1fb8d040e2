"""`reliability-report.json`: one entry per fault, and the table printed at the end."""

import json
from dataclasses import asdict, dataclass
from pathlib import Path

REPORT = Path(__file__).resolve().parents[2] / "reliability-report.json"


@dataclass(frozen=True)
class FaultResult:
    """What one fault did to the events, over all its runs."""

    fault: str
    runs: int
    events: int
    lost: int
    duplicated_effects: int
    passed: bool


RESULTS: list[FaultResult] = []


def record(result: FaultResult) -> None:
    """Keep the result (even when the test then fails on it) and rewrite the report."""
    RESULTS.append(result)
    REPORT.write_text(json.dumps([asdict(r) for r in RESULTS], indent=2) + "\n")


def table() -> list[str]:
    """The report as lines for the terminal."""
    lines = [f"{'fault':<68} {'runs':>4} {'events':>7} {'lost':>5} {'dup':>4}  passed"]
    lines += [
        f"{r.fault:<68} {r.runs:>4} {r.events:>7} {r.lost:>5} {r.duplicated_effects:>4}  "
        f"{'yes' if r.passed else 'NO'}"
        for r in RESULTS
    ]
    return lines
