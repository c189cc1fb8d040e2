"""Queries over the live generation of the read models (FerretDB-safe: $match, $group, $sum)."""
