"""Mentoring settings: platform-wide connection settings plus MENTORING_* ones."""

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Literal

from pydantic import Field, SecretStr, model_validator

from mentoring.domain.graduation_policy import GraduationPolicy
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
    graduation_policy_version: Literal["graduation.v2", "graduation.v1"] = Field(
        default="graduation.v2",
        description=(
            "The policy's name, whose defaults the settings below override. Every SMEGraduated "
            "names `<name>+<8 hex of the sha256 of every parameter>`: a changed threshold is a "
            "new version by construction."
        ),
    )
    graduation_min_sessions: int | None = Field(default=None, ge=0)
    graduation_min_dimensions: int | None = Field(default=None, ge=1)
    graduation_dimensions: list[str] | None = Field(
        default=None,
        description="The naik-kelas dimensions that count (JSON list in the environment).",
    )
    graduation_retail_patterns: list[str] | None = Field(
        default=None,
        description="PP 7/2021 partnership patterns that count as a retail partnership.",
    )
    graduation_retail_sectors: list[PartnerSector] | None = Field(
        default=None,
        description="Partner sectors whose partnerships count as retail, whatever the pattern.",
    )

    @model_validator(mode="after")
    def _no_dev_secrets_in_prod(self) -> "MentoringSettings":
        if self.profile == "prod" and self.bank_feed_key.get_secret_value() == _DEV_FEED_KEY:
            raise ValueError("profile=prod needs MENTORING_BANK_FEED_KEY")
        unknown = set(self.graduation_dimensions or ()) - set(DIMENSIONS)
        if unknown:
            raise ValueError(f"unknown graduation dimensions: {sorted(unknown)}")
        return self

    def policy(self) -> GraduationPolicy:
        """The named policy with the parameters these settings override."""
        base = GraduationPolicy.v1() if self.graduation_policy_version == "graduation.v1" else None
        policy = base or GraduationPolicy()
        changes: dict[str, Any] = {
            "min_sessions": self.graduation_min_sessions,
            "min_dimensions": self.graduation_min_dimensions,
            "dimensions": _set(self.graduation_dimensions),
            "retail_patterns": _set(self.graduation_retail_patterns),
            "retail_sectors": _set(self.graduation_retail_sectors),
        }
        return replace(policy, **{k: v for k, v in changes.items() if v is not None})

    def rules(self) -> Rules:
        """The domain rules these settings configure."""
        return Rules(
            policy=self.policy(),
            feed_key=self.bank_feed_key.get_secret_value().encode(),
            hard_cap=self.mentor_hard_cap,
        )


def _set(values: Sequence[str] | None) -> frozenset[str] | None:
    return None if values is None else frozenset(values)
