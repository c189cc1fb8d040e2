"""Registration service: registers, validates and deduplicates UMKM (one at a time over HTTP or
in bulk from a spreadsheet), publishes the registration context's events, and is the only place
a raw NIK lives (encrypted at rest; outside only as a keyed pseudonym and a mask).
"""
