"""Adapters: the stores, the contract mapping and the upstream projection."""
