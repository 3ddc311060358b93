"""The referrals area (intake, triage, consent and allocation); its blueprint is in routes.py
(so importing models never imports views)."""
