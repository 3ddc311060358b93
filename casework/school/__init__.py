"""The Reach school record area; its blueprint is in routes.py (so importing models never imports views)."""
