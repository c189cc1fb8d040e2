"""Mentoring settings: platform-wide connection settings plus MENTORING_* ones."""

from pydantic import Field, SecretStr, model_validator

from mentoring.domain.graduation import GraduationPolicy
from mentoring.domain.process import Rules
from umkm_shared.contracts.partnership import PartnerSector
from umkm_shared.contracts.vocabularies import DIMENSIONS
from umkm_shared.settings import ConsumerSettings, prefixed

_DEV_FEED_KEY = "dev-only-bank-jabar-feed-key-change-me"


class MentoringSettings(ConsumerSettings):
    """Everything the mentoring service reads from its environment."""

    model_config = prefixed("MENTORING_")

    mongodb_database: str = "mentoring"
    http_port: int = 8002
    consumer_group: str = "mentoring"
    mentor_hard_cap: int = Field(
        default=35, ge=1, description="No mentor gets more SMEs than this in one cohort."
    )
    bank_feed_key: SecretStr = Field(
        default=SecretStr(_DEV_FEED_KEY),
        description="HMAC key for the Bank Jabar feed's sme_ref, kept outside the database.",
    )
    graduation_policy_version: str = "graduation.v1"
    graduation_min_sessions: int = Field(default=4, ge=0)
    graduation_min_dimensions: int = Field(default=1, ge=1)
    graduation_dimensions: list[str] = Field(
        default_factory=lambda: list(DIMENSIONS),
        description="The naik-kelas dimensions that count (JSON list in the environment).",
    )
    graduation_retail_patterns: list[str] = Field(
        default_factory=lambda: ["perdagangan_umum", "distribusi_dan_keagenan"],
        description="PP 7/2021 partnership patterns that count as a retail partnership.",
    )
    graduation_retail_sectors: list[PartnerSector] = Field(
        default=["ritel_modern"],
        description="Partner sectors whose partnerships count as retail, whatever the pattern.",
    )

    @model_validator(mode="after")
    def _no_dev_secrets_in_prod(self) -> "MentoringSettings":
        if self.profile == "prod" and self.bank_feed_key.get_secret_value() == _DEV_FEED_KEY:
            raise ValueError("profile=prod needs MENTORING_BANK_FEED_KEY")
        unknown = set(self.graduation_dimensions) - set(DIMENSIONS)
        if unknown:
            raise ValueError(f"unknown graduation dimensions: {sorted(unknown)}")
        return self

    def rules(self) -> Rules:
        """The domain rules these settings configure."""
        return Rules(
            policy=GraduationPolicy(
                version=self.graduation_policy_version,
                min_sessions=self.graduation_min_sessions,
                min_dimensions=self.graduation_min_dimensions,
                dimensions=frozenset(self.graduation_dimensions),
                retail_patterns=frozenset(self.graduation_retail_patterns),
                retail_sectors=frozenset(self.graduation_retail_sectors),
            ),
            feed_key=self.bank_feed_key.get_secret_value().encode(),
            hard_cap=self.mentor_hard_cap,
        )
