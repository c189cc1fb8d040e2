"""Bulk import adapters: file readers, the report writer, the import store, template files."""
