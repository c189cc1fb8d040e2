"""Provisioning says which tool is missing instead of failing obscurely."""

import pytest

from devstack.toolcheck import MissingToolError, require, require_java


def test_a_missing_maven_is_named_with_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(MissingToolError, match=r"`mvn` was not found.*Install Apache Maven"):
        require("mvn", "download the Kafka jars")


def test_a_missing_java_compiler_is_named_with_the_jdk_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(MissingToolError, match=r"`javac` was not found.*compile.*JDK"):
        require("javac", "compile the mongo-wire launcher")


def test_a_missing_java_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(MissingToolError, match=r"`java` was not found.*Java 17"):
        require_java()
