"""Process entry point: `python -m reporting.main`."""

import uvicorn

from reporting.config import ReportingSettings
from reporting.http import create_app


def main() -> None:
    """Serve the API and run the projections until SIGTERM."""
    settings = ReportingSettings()
    uvicorn.run(create_app(settings), host=settings.http_host, port=settings.http_port)


if __name__ == "__main__":
    main()
