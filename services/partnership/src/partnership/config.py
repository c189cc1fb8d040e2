"""Partnership settings: platform-wide connection settings plus PARTNERSHIP_* ones."""

from pydantic_settings import SettingsConfigDict

from umkm_shared.settings import ConsumerSettings


class PartnershipSettings(ConsumerSettings):
    """Everything the partnership service reads from its environment."""

    model_config = SettingsConfigDict(
        env_prefix="PARTNERSHIP_", env_file=".env", extra="ignore", populate_by_name=True
    )

    mongodb_database: str = "partnership"
    http_port: int = 8003
    consumer_group: str = "partnership"
