"""Process entry point: `python -m mentoring.main`."""

import uvicorn

from mentoring.config import MentoringSettings
from mentoring.entrypoints.http import create_app

__all__ = ["create_app", "main"]


def main() -> None:
    """Serve the API (with its consumer and outbox relays) until SIGTERM."""
    settings = MentoringSettings()
    uvicorn.run(create_app(settings), host=settings.http_host, port=settings.http_port)


if __name__ == "__main__":
    main()
