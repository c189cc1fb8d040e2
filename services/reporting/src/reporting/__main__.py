"""`python -m reporting`: serve the API and run the projections until SIGTERM."""

from reporting.config import ReportingSettings
from reporting.entrypoints.app import SERVICE
from umkm_shared.service.bootstrap import serve


def main() -> None:
    """Serve the reporting service."""
    serve(SERVICE, ReportingSettings)


if __name__ == "__main__":
    main()
