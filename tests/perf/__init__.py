"""Performance tooling: a synthetic data generator, a benchmark and a load script.

Not collected by pytest (no module here starts with ``test_``) and not part of ``make test``;
``make bench`` runs it.
"""
