"""Partnership settings: platform-wide connection settings plus PARTNERSHIP_* ones."""

from umkm_shared.settings import ConsumerSettings, prefixed


class PartnershipSettings(ConsumerSettings):
    """Everything the partnership service reads from its environment."""

    model_config = prefixed("PARTNERSHIP_")

    mongodb_database: str = "partnership"
    http_port: int = 8003
    consumer_group: str = "partnership"
