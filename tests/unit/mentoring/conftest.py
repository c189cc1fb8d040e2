"""The service harness, shared by the service-layer test modules."""

from tests.unit.mentoring.test_mentoring_service import harness

__all__ = ["harness"]
