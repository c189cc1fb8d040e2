"""`python -m mentoring`: the API, its outbox relays and its consumer, until SIGTERM."""

from mentoring.config import MentoringSettings
from mentoring.entrypoints.app import SERVICE
from umkm_shared.service.bootstrap import serve


def main() -> None:
    """Serve the mentoring service."""
    serve(SERVICE, MentoringSettings)


if __name__ == "__main__":
    main()
