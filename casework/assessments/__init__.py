"""The assessments area; its blueprint is in routes.py (so importing models never imports views)."""
