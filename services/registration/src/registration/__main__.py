"""`python -m registration`: serve the API, the outbox relay and the consumer until SIGTERM."""

from registration.config import RegistrationSettings
from registration.entrypoints.app import SERVICE
from umkm_shared.service.bootstrap import serve


def main() -> None:
    """Console-script entry point."""
    serve(SERVICE, RegistrationSettings)


if __name__ == "__main__":
    main()
