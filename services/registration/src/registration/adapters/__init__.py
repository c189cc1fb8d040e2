"""Adapters: SME and import stores, NIK vault, contracts, reference data, spreadsheets."""
