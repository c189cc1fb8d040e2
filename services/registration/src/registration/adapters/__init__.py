"""Adapters: MongoDB, encryption."""
