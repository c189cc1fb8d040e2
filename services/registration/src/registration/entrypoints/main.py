"""Process entry point: `python -m registration.entrypoints.main`."""

import uvicorn

from registration.config import RegistrationSettings
from registration.entrypoints.http import create_app


def main() -> None:
    """Serve the API (and run the outbox relay) until SIGTERM."""
    settings = RegistrationSettings()
    uvicorn.run(create_app(settings), host=settings.http_host, port=settings.http_port)


if __name__ == "__main__":
    main()
