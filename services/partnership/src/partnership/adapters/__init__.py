"""Adapters: the stores, the contract mapping, the access mapping and the upstream projection."""
