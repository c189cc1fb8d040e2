"""Mentoring settings: platform-wide connection settings plus MENTORING_* ones."""

from pydantic_settings import SettingsConfigDict

from umkm_shared.settings import ServiceSettings


class MentoringSettings(ServiceSettings):
    """Everything the mentoring service reads from its environment."""

    model_config = SettingsConfigDict(
        env_prefix="MENTORING_", env_file=".env", extra="ignore", populate_by_name=True
    )

    mongodb_database: str = "mentoring"
    http_port: int = 8002
