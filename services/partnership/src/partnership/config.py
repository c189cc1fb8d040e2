"""Partnership settings: platform-wide connection settings plus PARTNERSHIP_* ones."""

from pydantic_settings import SettingsConfigDict

from umkm_shared.settings import ServiceSettings


class PartnershipSettings(ServiceSettings):
    """Everything the partnership service reads from its environment."""

    model_config = SettingsConfigDict(
        env_prefix="PARTNERSHIP_", env_file=".env", extra="ignore", populate_by_name=True
    )

    mongodb_database: str = "partnership"
    http_port: int = 8003
