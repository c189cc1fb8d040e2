"""Reporting: the projector service with fakes, and the projections folded in memory."""
