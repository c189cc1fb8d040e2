"""The mentoring service: cohorts, mentors, session logs, milestones and graduation.

It learns SMEs, withdrawals, consent, scale moves and partnerships from registration and
partnership events, evaluates the naik-kelas graduation policy as facts arrive, and
publishes its events and the Bank Jabar mentoring feed.
"""
