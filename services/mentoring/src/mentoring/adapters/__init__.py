"""Adapters: storage ports and MongoDB stores, the SME writers and repair, contract mapping."""
