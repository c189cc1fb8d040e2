"""Bulk import, pure part: template columns, cells and rows to commands, row outcomes."""
