"""The platform's public API: CloudEvents envelopes, topics and the v1 event catalogue."""
