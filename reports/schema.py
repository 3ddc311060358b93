"""The shape of a return definition: sections, figures, their breakdowns, the sums between
cells, and the rules by which a definition version computes its figures. The versions themselves
are data in :mod:`reports.definition`.
"""

from __future__ import annotations

from dataclasses import dataclass

from programmes.vocabulary import Term

__all__ = [
    "COUNT_UNITS",
    "FLOAT_HALF_EVEN",
    "HALF_AWAY_FROM_ZERO",
    "Breakdown",
    "FigureDefinition",
    "Relation",
    "ReturnDefinition",
    "Rules",
    "Section",
]

#: Units whose values are counts of records or of young people: these are the values that
#: disclosure control suppresses.
COUNT_UNITS = ("count", "people")


@dataclass(frozen=True, slots=True)
class Breakdown:
    """One way of breaking a figure down.

    ``categories`` names a category list that the builder resolves for the return's programmes
    (see :mod:`reports.categories`). ``partition`` is true when every record falls in exactly one
    category, so the categories add up to the figure's total. ``only_if_declared`` names a field
    of :class:`programmes.model.DefinitionVersion` (``settings``): the breakdown is shown only in a
    return for one programme whose definition in force declares some values there, so it follows
    the programme definitions rather than a list of programmes; never in a return for ALL, where
    the programmes that do not record it would fill only ``not_recorded``. ``all_only`` shows it
    only in returns for ALL programmes (the breakdown by programme). ``unit`` overrides the
    figure's unit (section F's percentage improved).
    """

    name: str
    label: str
    categories: str
    partition: bool = True
    only_if_declared: str | None = None
    all_only: bool = False
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class FigureDefinition:
    """One figure of a return.

    ``unit`` is ``count`` (records), ``people`` (distinct young people), ``percent``, ``median``,
    ``mean``, ``hours`` or ``reference`` (a number taken from the programme definition, such as
    the planned dosage). ``record_type`` names what the lineage identifiers of its cells are
    (referral, case, closure, session, person, onward_referral, engagement_contact).
    ``has_total`` is false for figures whose categories overlap and have no meaningful total.
    """

    code: str
    section: str
    label: str
    unit: str
    record_type: str | None = None
    breakdowns: tuple[Breakdown, ...] = ()
    has_total: bool = True
    description: str = ""


@dataclass(frozen=True, slots=True)
class Relation:
    """A sum that holds between cells, written as ``sum(plus) == sum(minus)``.

    Cells are ``(code, breakdown, category)``; a category of ``"*"`` repeats the relation for
    every category of that breakdown (section E's improved + unchanged + worse = matched, per
    instrument). Breakdowns that are partitions get their ``categories = total`` relation
    automatically; these are the others a reader could use for subtraction.
    """

    plus: tuple[tuple[str, str | None, str | None], ...]
    minus: tuple[tuple[str, str | None, str | None], ...]


@dataclass(frozen=True, slots=True)
class Section:
    """A section of the return: its letter, title and what it covers."""

    code: str
    title: str
    description: str


#: Rounding rules: halves away from zero on the exact value (returns.md "Rounding"), or Python's
#: ``round`` of the binary float, halves to even (definition version 1).
HALF_AWAY_FROM_ZERO = "half_away_from_zero"
FLOAT_HALF_EVEN = "float_half_even"


@dataclass(frozen=True, slots=True)
class Rules:
    """How a definition version computes the figures whose meaning a later version settled, so
    that a return rebuilt under the version it was submitted with means what it meant then.

    ``closure_at_period_end``: a case counts as closed at the period end (B4, D5.status,
    G.no_recent_session) by the closures in force then: a closure reopened after the period end
    still counts, one reopened on or before it does not. When false, any closure ever reopened is
    ignored, whenever the reopening happened.

    ``elapsed_first_contact``: B7's days to first contact are complete 24-hour periods between
    the received and first-contact moments (with the median hours beside it); when false, the
    difference between their calendar dates.

    ``rounding``: :data:`HALF_AWAY_FROM_ZERO` or :data:`FLOAT_HALF_EVEN`.
    ``exact_medians``: medians and means are taken over exact per-case values and rounded once;
    when false, D3's weeks are rounded per case before the median and means are float means.

    ``people_once``: D5.status counts each young person once, in the status most recently
    recorded on any of their active cases; when false, per case status, the total adding the
    per-status counts.

    ``outcome_states``: F shows the young people measured as improved, maintained (started at
    the best value and kept it) or not improved, and as achieved: improved, or maintained where
    the outcome's definition counts maintained as achieved. When false, F's "improved" is a
    measure improved or a record rule true, and maintained is not shown apart.
    """

    closure_at_period_end: bool = True
    elapsed_first_contact: bool = True
    rounding: str = HALF_AWAY_FROM_ZERO
    exact_medians: bool = True
    people_once: bool = True
    outcome_states: bool = True


@dataclass(frozen=True, slots=True)
class ReturnDefinition:
    """One version of the return template, and the rules its figures are computed by."""

    version: str
    sections: tuple[Section, ...]
    figures: tuple[FigureDefinition, ...]
    relations: tuple[Relation, ...]
    area_measures: tuple[Term, ...]
    narrative_fields: tuple[Term, ...]
    rules: Rules = Rules()

    def figure(self, code: str) -> FigureDefinition:
        """Return the figure with this code; ``KeyError`` names the version if absent."""
        for figure in self.figures:
            if figure.code == code:
                return figure
        raise KeyError(f"return definition {self.version} has no figure {code!r}")

    def section(self, code: str) -> Section:
        """Return the section with this letter."""
        for section in self.sections:
            if section.code == code:
                return section
        raise KeyError(f"return definition {self.version} has no section {code!r}")

    def figures_of(self, section: str) -> tuple[FigureDefinition, ...]:
        """The figures of one section, in definition order."""
        return tuple(figure for figure in self.figures if figure.section == section)
