"""Pinned versions of everything the local stack provisions, and where the cache lives."""

import os
from pathlib import Path

KAFKA_VERSION = "4.1.1"
KAFKA_SCALA = "2.13"
LOG4J_VERSION = "2.24.3"  # the log4j2 line the broker is built against; binds slf4j 1.7
MONGO_JAVA_SERVER_VERSION = "1.47.0"  # de.bwaldvogel:mongo-java-server-*-backend
SLF4J_VERSION = "2.0.17"  # slf4j-simple: the server logs warnings to its log file
KEYCLOAK_VERSION = "26.5.6"  # org.keycloak:keycloak-quarkus-dist (zip); runs on Java 17


def cache_root() -> Path:
    """Where provisioned jars and binaries are kept between runs."""
    explicit = os.environ.get("UMKM_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "umkm-juara"
