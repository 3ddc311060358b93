"""The returns area: build, review, submit and amend monitoring returns, and read submitted ones.

Its blueprint is in routes.py (so importing the models never imports views); the figures
themselves are built by the top-level `reports` package, which reads and never writes.
"""
