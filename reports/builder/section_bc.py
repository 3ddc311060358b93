"""Sections B and C: referrals, cases started, active and closed, times to contact and start,
and the young people starting; with the section G completeness figures those queries also give.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from fractions import Fraction

import sqlalchemy as sa

from casework.cases.models import Case, Closure
from casework.db import db
from casework.people.models import Person
from casework.referrals.models import Referral
from casework.sessions.models import Session
from programmes.vocabulary import CLOSURE_REASONS, ETHNICITIES, POLICE_ETHNICITY_CODES
from reports.builder.core import Core, Rows
from reports.builder.tally import Statistic, Tally, _ids, _sum
from reports.model import Guard, Key

_MICROSECONDS = timedelta(microseconds=1)
_DAY, _HOUR = timedelta(days=1) // _MICROSECONDS, timedelta(hours=1) // _MICROSECONDS


_UNDER_18 = {"under_10", "10_13", "14_15", "16_17"}
_UNDER_25 = _UNDER_18 | {"18_20", "21_24"}


class ReferralsAndPeople(Core):
    """Sections B and C, and G's completeness of B3, B4 and B5."""

    def referrals(self) -> None:
        """B1, B2 and B2.declined in one grouped query."""
        r = Referral
        decision = sa.case(
            (r.status == "pending", "pending"),
            (sa.and_(r.decided_at.is_not(None), r.decided_at >= self.end_boundary()), "pending"),
            else_=r.status,
        )
        inner = (
            sa.select(
                r.programme.label("programme"),
                r.source.label("source"),
                sa.func.coalesce(r.setting, "not_recorded").label("setting"),
                decision.label("decision"),
                sa.func.coalesce(r.decline_reason, "other").label("reason"),
                r.received_on.label("on"),
                r.public_id.label("public_id"),
            )
            .where(self.programme_filter(r.programme), self.in_window(r.received_on))
            .subquery()
        )
        groups = (inner.c.programme, inner.c.source, inner.c.setting, inner.c.decision, inner.c.reason)
        rows = db.session.execute(
            sa.select(*groups, *self.counted(inner.c.on, inner.c.public_id)).group_by(*groups)
        ).all()
        tallies = [(row, self.tally_of(row, len(groups))) for row in rows]
        total = _sum(t for _, t in tallies)
        self.put(("B1", None, None), total)
        self.put_breakdown("B1", "source", [(row.source, t) for row, t in tallies])
        self.put_breakdown("B1", "setting", [(row.setting, t) for row, t in tallies])
        self.put_breakdown("B1", "programme", [(row.programme, t) for row, t in tallies])
        self.put(("B2", None, None), _sum(t for _, t in tallies))
        self.put_breakdown("B2", "decision", [(row.decision, t) for row, t in tallies])
        declined = [(row.reason, t) for row, t in tallies if row.decision == "declined"]
        self.put(("B2.declined", None, None), _sum(t for _, t in declined))
        self.put_breakdown("B2.declined", "reason", declined)

    def cases_started(self) -> None:
        """B3 by programme, B7's time from referral to case start, and G's completeness of B3."""
        rows = db.session.execute(
            sa.select(Case.programme, *self.counted(Case.started_on, Case.public_id))
            .where(self.programme_filter(Case.programme), self.in_window(Case.started_on))
            .group_by(Case.programme)
        ).all()
        tallies = [(row.programme, self.tally_of(row, 1)) for row in rows]
        self.put(("B3", None, None), _sum(t for _, t in tallies))
        self.put_breakdown("B3", "programme", tallies)

        # B7: whole days from referral to case start, a median over this query's values.
        starts = db.session.execute(
            sa.select(Case.started_on, Referral.received_on, Case.public_id)
            .join(Referral, Referral.id == Case.referral_id)
            .where(self.programme_filter(Case.programme), self.in_window(Case.started_on))
        ).all()
        self.put_median(
            "B7.case_start",
            [(s.started_on, (s.started_on - s.received_on).days, s.public_id) for s in starts],
        )
        b3 = self.count(("B3", None, None))
        self.guards[("B7.case_start", None, None)] = Guard((b3.period, b3.ytd))

        # G: how complete the people behind B3 are, as counts with conditions.
        p = Person
        flags = [self.in_period(Case.started_on), self.in_ytd(Case.started_on)]
        recorded = [
            p.date_of_birth.is_not(None),
            sa.and_(p.sex.is_not(None), p.sex != "not_known"),
            sa.and_(
                sa.or_(p.ethnicity.is_not(None), p.police_ethnicity_code.is_not(None)),
                sa.func.coalesce(p.ethnicity, "") != "not_stated",
                sa.func.coalesce(p.police_ethnicity_code, "") != "NS",
            ),
        ]
        columns = [
            sa.func.coalesce(sa.func.sum(sa.case((sa.and_(flag, condition), 1), else_=0)), 0)
            for condition in recorded
            for flag in flags
        ]
        counts = db.session.execute(
            sa.select(*columns)
            .select_from(Case)
            .join(p, p.id == Case.person_id)
            .where(self.programme_filter(Case.programme), self.in_window(Case.started_on))
        ).one()
        for index, code in enumerate(("G.date_of_birth", "G.sex", "G.ethnicity")):
            period_n, ytd_n = int(counts[2 * index]), int(counts[2 * index + 1])
            percent = Statistic(self.percent(period_n, b3.period), self.percent(ytd_n, b3.ytd))
            self.put((code, None, None), percent)
            self.guards[(code, None, None)] = Guard((b3.period, b3.ytd), (("B3", None, None),))

    def first_contacts(self) -> None:
        """B7: days (and hours) from referral to first contact, over first contacts in the period.

        Days are complete 24-hour periods between the two moments, so a contact 23 hours after
        the referral is 0 days and one 25 hours after is 1, whatever the calendar dates; the
        median hours are taken over the exact elapsed times. Under a definition without that
        rule, days are the difference of the two London dates and there are no hours.
        """
        rows = db.session.execute(
            sa.select(
                Referral.first_contact_on,
                Referral.first_contact_at,
                Referral.received_on,
                Referral.received_at,
                Referral.public_id,
            ).where(
                self.programme_filter(Referral.programme),
                Referral.first_contact_on.is_not(None),
                self.in_window(Referral.first_contact_on),
            )
        ).all()
        if self.rules.elapsed_first_contact:
            # Exact elapsed time, in microseconds, between the two moments (both held in UTC).
            elapsed = [(r, (r.first_contact_at - r.received_at) // _MICROSECONDS) for r in rows]
            days = [(r.first_contact_on, e // _DAY, r.public_id) for r, e in elapsed]
            hours = [(r.first_contact_on, Fraction(e, _HOUR), r.public_id) for r, e in elapsed]
            self.put_median("B7.first_contact.hours", hours)
        else:
            days = [
                (r.first_contact_on, (r.first_contact_on - r.received_on).days, r.public_id) for r in rows
            ]
        count = self.put_median("B7.first_contact", days)
        self.put(("B7.first_contact.count", None, None), count)
        for code in ("B7.first_contact", "B7.first_contact.hours"):
            self.guards[(code, None, None)] = Guard((count.period, count.ytd))

    def active_at_end(self) -> None:
        """B4 and G.no_recent_session: cases active at the period end."""
        end = self.period.end
        active = sa.and_(
            self.programme_filter(Case.programme),
            Case.started_on.is_not(None),
            Case.started_on <= end,
            ~self.closed_at_end(),
        )
        id_columns = (
            [sa.func.aggregate_strings(sa.cast(Case.public_id, sa.String), ",")] if self.lineage else []
        )
        rows = db.session.execute(
            sa.select(Case.programme, sa.func.count(), *id_columns).where(active).group_by(Case.programme)
        ).all()
        tallies = [(row.programme, self._at_end(row[1], row[2] if self.lineage else None)) for row in rows]
        self.put(("B4", None, None), _sum(t for _, t in tallies))
        self.put_breakdown("B4", "programme", tallies)

        # No attended session in the 28 days to the period end, counted from the last attended
        # session or, with none, the case start. Written as index probes per active case on
        # sessions (case_id, held_on): the latest attended session of every case ever (a GROUP BY
        # over the whole sessions table) took 2 s at national scale.
        cutoff = end - timedelta(days=28)
        attended = sa.and_(Session.case_id == Case.id, Session.attendance == "attended")
        recent = sa.exists().where(attended, Session.held_on > cutoff, Session.held_on <= end)
        earlier = sa.exists().where(attended, Session.held_on <= cutoff)
        stale = sa.and_(~recent, sa.or_(Case.started_on <= cutoff, earlier))
        row = db.session.execute(sa.select(sa.func.count(), *id_columns).select_from(Case).where(active, stale)).one()
        self.put(("G.no_recent_session", None, None), self._at_end(row[0], row[1] if self.lineage else None))

    def closures(self) -> None:
        """B5, B6, B6.rate and G.closure_reason from one grouped query of closures."""
        rows = db.session.execute(
            sa.select(Case.programme, Closure.reason, *self.counted(Closure.closed_on, Closure.public_id))
            .join(Case, Case.id == Closure.case_id)
            .where(
                self.programme_filter(Case.programme),
                Closure.reopened_at.is_(None),
                self.in_window(Closure.closed_on),
            )
            .group_by(Case.programme, Closure.reason)
        ).all()
        tallies = [(row, self.tally_of(row, 2)) for row in rows]
        b5 = _sum(t for _, t in tallies)
        self.put(("B5", None, None), b5)
        self.put_breakdown("B5", "reason", [(row.reason, t) for row, t in tallies])
        self.put_breakdown("B5", "programme", [(row.programme, t) for row, t in tallies])
        b6 = _sum(t for row, t in tallies if row.reason == "planned_completion")
        self.put(("B6", None, None), b6)
        excluded_codes = {reason.code for reason in CLOSURE_REASONS if reason.excluded_from_completion_rate}
        excluded = _sum(t for row, t in tallies if row.reason in excluded_codes)
        base = (b5.period - excluded.period, b5.ytd - excluded.ytd)
        rate = Statistic(self.percent(b6.period, base[0]), self.percent(b6.ytd, base[1]))
        self.put(("B6.rate", None, None), rate)
        self.guards[("B6.rate", None, None)] = Guard(
            base,
            (
                ("B6", None, None),
                ("B5", None, None),
                *(("B5", "reason", code) for code in sorted(excluded_codes)),
            ),
        )
        known = {reason.code for reason in CLOSURE_REASONS}
        with_reason = _sum(t for row, t in tallies if row.reason in known)
        self.put(
            ("G.closure_reason", None, None),
            Statistic(self.percent(with_reason.period, b5.period), self.percent(with_reason.ytd, b5.ytd)),
        )
        self.guards[("G.closure_reason", None, None)] = Guard((b5.period, b5.ytd), (("B5", None, None),))

    # section C ----------------------------------------------------------------------------------

    def people_starting(self) -> None:
        """C1 to C4: distinct young people behind B3, one grouped query per column."""
        columns = {
            "period": (self.period.start, self.period.end),
            "ytd": (self.period.ytd_start, self.period.end),
        }
        results: dict[str, Rows] = {}
        for column, (start, end) in columns.items():
            if column == "ytd" and columns["ytd"] == columns["period"]:
                results["ytd"] = results["period"]
                continue
            results[column] = self._people_rows(start, end)
        cells: dict[Key, Tally] = defaultdict(Tally)
        for column, rows in results.items():
            for row in rows:
                count, ids = int(row.people), _ids(row.ids) if self.lineage else set()
                for key in (
                    ("C1", None, None),
                    ("C1", "age_band", row.age_band),
                    ("C2", "sex", row.sex),
                    ("C3", "ethnic_group", row.ethnic_group),
                    ("C4", "local_authority", row.local_authority),
                    *((("C1.under_18", None, None),) if row.age_band in _UNDER_18 else ()),
                    *((("C1.under_25", None, None),) if row.age_band in _UNDER_25 else ()),
                ):
                    tally = cells[key]
                    setattr(tally, column, getattr(tally, column) + count)
                    getattr(tally, f"{column}_ids").update(ids)
        for key, tally in cells.items():
            self.put(key, tally)
        for code in ("C2", "C3", "C4"):
            total = cells[("C1", None, None)]
            self.put(
                (code, None, None), Tally(total.period, total.ytd, set(total.period_ids), set(total.ytd_ids))
            )
        for code in ("C1.under_18", "C1.under_25"):
            self.tallies.setdefault((code, None, None), Tally())

    def _people_rows(self, start: date, end: date) -> Rows:
        first = (
            sa.select(Case.person_id, sa.func.min(Case.started_on).label("started_on"))
            .where(self.programme_filter(Case.programme), Case.started_on >= start, Case.started_on <= end)
            .group_by(Case.person_id)
            .subquery()
        )
        p = Person
        started, born = first.c.started_on, p.date_of_birth
        year = lambda d: sa.extract("year", d)  # noqa: E731
        month_day = lambda d: sa.extract("month", d) * 100 + sa.extract("day", d)  # noqa: E731
        age = year(started) - year(born) - sa.case((month_day(started) < month_day(born), 1), else_=0)
        band = sa.case(
            (born.is_(None), "not_recorded"),
            (age < 10, "under_10"),
            (age <= 13, "10_13"),
            (age <= 15, "14_15"),
            (age <= 17, "16_17"),
            (age <= 20, "18_20"),
            (age <= 24, "21_24"),
            (age <= 34, "25_34"),
            else_="35_plus",
        )
        police_group = sa.case(
            {t.code: t.group for t in POLICE_ETHNICITY_CODES},
            value=p.police_ethnicity_code,
            else_="not_stated",
        )
        ethnic_group = sa.case({t.code: t.group for t in ETHNICITIES}, value=p.ethnicity, else_=police_group)
        inner = (
            sa.select(
                band.label("age_band"),
                sa.func.coalesce(p.sex, "not_known").label("sex"),
                ethnic_group.label("ethnic_group"),
                sa.func.coalesce(p.local_authority, "not_recorded").label("local_authority"),
                p.public_id.label("public_id"),
            )
            .select_from(first)
            .join(p, p.id == first.c.person_id)
            .subquery()
        )
        groups = (inner.c.age_band, inner.c.sex, inner.c.ethnic_group, inner.c.local_authority)
        ids = (
            [sa.func.aggregate_strings(sa.cast(inner.c.public_id, sa.String), ",").label("ids")]
            if self.lineage
            else [sa.null().label("ids")]
        )
        return db.session.execute(
            sa.select(*groups, sa.func.count().label("people"), *ids).group_by(*groups)
        ).all()
