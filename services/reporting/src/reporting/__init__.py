"""Reporting service: projects every published event into MongoDB read models and serves them."""
