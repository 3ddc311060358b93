"""Build a return: every figure of sections B to G (and the outcome rows of F) for one programme or
ALL, for a period and the financial year to date, with the records behind each cell.

Figures are counted in SQL: each section runs a few grouped queries (``GROUP BY`` the category,
``COUNT`` with a condition for the period and another for the year to date), and the identifiers
behind each cell come from the same query as a string aggregate. Python only adds up the grouped
rows into totals and breakdowns. Three things are computed in Python, each from the values of a
single query: medians (B7, D3), the pairing of pre and post assessments (E), and the
combining of section F's "measured" and "improved". Those apply the programme's own outcome rules
(:func:`programmes.rules.outcome_evidence`) to the cases closed in the year to date; each case's
result is kept with its closure when it closes (:mod:`casework.cases.outcomes`) and counted here
in SQL, and a closure without a kept result is evaluated from its records, whose facts are loaded
with a fixed number of queries by :func:`casework.cases.facts.case_facts`.

The package, by concept: :mod:`~reports.builder.scope` (which programmes a return covers),
:mod:`~reports.builder.tally` (a cell's values and ids), :mod:`~reports.builder.core` (the
period conditions and what every section query shares), one module per section group
(:mod:`~reports.builder.section_bc`, :mod:`~reports.builder.section_d`,
:mod:`~reports.builder.section_e`, :mod:`~reports.builder.section_f`; section G's figures are
computed by the queries they share rows with) and :mod:`~reports.builder.build`, which runs
them all and lays out the cells.

Reports only read: nothing here adds, changes or deletes a record.
"""

from __future__ import annotations

from reports.builder.build import build_return
from reports.builder.scope import ALL, ReturnError, programme_codes

__all__ = ["ALL", "ReturnError", "build_return", "programme_codes"]
