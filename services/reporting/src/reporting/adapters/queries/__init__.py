"""Queries over the live generation of the read models: one aggregation per report."""
