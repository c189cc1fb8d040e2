"""Pure mentoring domain: decisions return events; no I/O, no framework."""
