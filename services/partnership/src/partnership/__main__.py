"""`python -m partnership`: the API, the outbox relays and the upstream consumer."""

from partnership.config import PartnershipSettings
from partnership.entrypoints.app import SERVICE
from umkm_shared.service.bootstrap import serve


def main() -> None:
    """Serve until SIGTERM."""
    serve(SERVICE, PartnershipSettings)


if __name__ == "__main__":
    main()
