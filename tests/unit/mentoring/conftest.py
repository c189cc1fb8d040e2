"""The service harness, shared by the service-layer test modules."""

from tests.unit.mentoring.harness import harness

__all__ = ["harness"]
