"""Report exports (CSV, XLSX) laid out as a Dinas report: title, date, Indonesian headers."""
