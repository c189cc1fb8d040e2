"""Reporting settings: platform-wide connection settings plus REPORTING_* ones."""

from umkm_shared.settings import ConsumerSettings, prefixed


class ReportingSettings(ConsumerSettings):
    """Everything the reporting service reads from its environment."""

    model_config = prefixed("REPORTING_")

    mongodb_database: str = "reporting"
    http_port: int = 8004
    consumer_group: str = "reporting"
    lag_warning_events: int = 1000
    """Events behind above which `/freshness` says `lag_high` (the dashboard warns)."""
    mentor_norm: int = 27
    """SMEs per mentor when a cohort names no norm (162 UMKM / 6 mentors)."""
    generation_refresh_seconds: float = 1.0
    """How soon the query routes notice a replay's switch (the live consumer reads it per batch)."""
    dashboard_client_id: str = "umkm-dashboard"
    """The issuer's public client the dashboard logs in with (authorization code + PKCE)."""
