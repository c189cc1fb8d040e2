"""Readable errors when a build tool the stack needs is missing."""

import re
import shutil
import subprocess


class MissingToolError(RuntimeError):
    """A tool needed to provision the local stack is not installed or too old."""


_HINTS = {
    "java": "Java 17 or newer (OpenJDK), e.g. `apt-get install openjdk-17-jre-headless`",
    "mvn": "Apache Maven, e.g. `apt-get install maven`",
    "javac": "a Java 17+ JDK (not only the JRE), e.g. `apt-get install openjdk-17-jdk-headless`",
}


def require(tool: str, purpose: str) -> str:
    """Return the path of `tool`, or raise an error that says what to install."""
    path = shutil.which(tool)
    if path is None:
        raise MissingToolError(
            f"`{tool}` was not found on PATH; it is needed to {purpose}. Install {_HINTS[tool]}."
        )
    return path


def require_java(min_major: int = 17) -> str:
    """Return the java binary, checking its major version."""
    java = require("java", "run the Kafka broker, the Mongo-wire server and Keycloak")
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    match = re.search(r'version "(\d+)', out.stderr + out.stdout)
    if match is None or int(match.group(1)) < min_major:
        raise MissingToolError(
            f"The local stack needs Java {min_major} or newer; `java -version` said: "
            f"{(out.stderr or out.stdout).strip()[:200]}"
        )
    return java
