"""Bulk import of CSV files (people, referrals, cases, sessions, assessments, engagement contacts,
onward referrals, closures); the blueprint is in routes.py, the headers in schemas.py."""
