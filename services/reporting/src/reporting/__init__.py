"""Reporting service: projects every published event into MongoDB read models and serves them.

Read models (SMEs, partnerships, mentors, cohorts, partners) feed the query API, the
dashboard and CSV/XLSX exports; `reporting-replay` rebuilds them from the topics.
"""
