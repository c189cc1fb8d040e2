"""Bulk import of UMKM from a spreadsheet (.xlsx or .csv): template, parsing, import, report."""
