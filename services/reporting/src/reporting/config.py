"""Reporting settings: platform-wide connection settings plus REPORTING_* ones."""

from pydantic_settings import SettingsConfigDict

from umkm_shared.settings import ServiceSettings


class ReportingSettings(ServiceSettings):
    """Everything the reporting service reads from its environment."""

    model_config = SettingsConfigDict(
        env_prefix="REPORTING_", env_file=".env", extra="ignore", populate_by_name=True
    )

    mongodb_database: str = "reporting"
    http_port: int = 8004
    consumer_group: str = "reporting"
    retry_delay_seconds: float = 1.0
