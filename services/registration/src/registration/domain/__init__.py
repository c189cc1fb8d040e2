"""Pure domain: no I/O, no frameworks."""
