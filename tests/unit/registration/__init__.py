"""Registration service-layer tests with in-memory fakes."""
