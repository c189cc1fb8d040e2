"""Registration settings: platform-wide connection settings plus REGISTRATION_* ones."""

from pydantic import Field, SecretStr, model_validator

from umkm_shared.settings import ConsumerSettings, prefixed

_DEV_PSEUDONYM_KEY = "dev-only-nik-pseudonym-key-change-me"
# A Fernet key (urlsafe base64 of 32 bytes), for development and tests only.
_DEV_ENCRYPTION_KEY = "ZGV2LW9ubHktbmlrLWVuY3J5cHRpb24ta2V5LTMyYiE="


class RegistrationSettings(ConsumerSettings):
    """Everything the registration service reads from its environment."""

    model_config = prefixed("REGISTRATION_")

    mongodb_database: str = "registration"
    http_port: int = 8001
    consumer_group: str = "registration"
    nik_pseudonym_key: SecretStr = Field(
        default=SecretStr(_DEV_PSEUDONYM_KEY),
        description="HMAC key for NIK pseudonyms, kept outside the database.",
    )
    nik_encryption_key: SecretStr = Field(
        default=SecretStr(_DEV_ENCRYPTION_KEY), description="Fernet key that encrypts NIKs at rest."
    )

    @model_validator(mode="after")
    def _no_dev_secrets_in_prod(self) -> "RegistrationSettings":
        in_use = {
            self.nik_pseudonym_key.get_secret_value(),
            self.nik_encryption_key.get_secret_value(),
        }
        if self.profile == "prod" and in_use & {_DEV_PSEUDONYM_KEY, _DEV_ENCRYPTION_KEY}:
            raise ValueError(
                "profile=prod needs REGISTRATION_NIK_PSEUDONYM_KEY and "
                "REGISTRATION_NIK_ENCRYPTION_KEY"
            )
        return self
