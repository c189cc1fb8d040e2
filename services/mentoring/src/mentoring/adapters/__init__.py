"""Adapters: MongoDB repositories, contract mapping."""
