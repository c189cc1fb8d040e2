"""Service-layer tests of mentoring: the application service over in-memory fakes."""
