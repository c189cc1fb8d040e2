"""How big each benchmark is: the issue's sizes, or a quick try that finishes in a few minutes."""

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Sizes:
    """Every knob that sets a benchmark's size or time bound."""

    backlog_events: int = 100_000
    backlog_smes: int = 13_000
    bulk_batch: int = 500
    """Documents per bulk_write in the raw upsert limit."""
    projection_timeout_s: float = 240.0
    registration_seconds: float = 20.0
    registration_clients: int = 32
    e2e_rate: float = 50.0
    e2e_seconds: float = 30.0
    mentoring_small: int = 100
    mentoring_large: int = 13_000
    mentoring_sessions: int = 300
    import_rows: int = 13_000
    import_timeout_s: float = 300.0
    store_docs_small: int = 13_000
    store_docs_large: int = 100_000
    reads_smes: int = 20_000
    """SMEs in reporting's read model for the /totals latencies (bench/reads.py)."""

    def as_dict(self) -> dict[str, float]:
        """For the JSON file."""
        return asdict(self)


FULL = Sizes()
QUICK = Sizes(
    backlog_events=10_000,
    backlog_smes=1_300,
    projection_timeout_s=90.0,
    registration_seconds=5.0,
    e2e_seconds=8.0,
    mentoring_large=1_300,
    mentoring_sessions=100,
    import_rows=1_300,
    import_timeout_s=120.0,
    store_docs_small=2_000,
    store_docs_large=10_000,
    reads_smes=2_000,
)
