"""Event coreference across articles: which stored reports describe one real-world event.

Two reports are of the same event when they have the same PLOVER type, dates within a window
(exactly equal when either date is vaguer than a day), compatible actors on each side, and a
compatible place. Actors are compatible when their countries agree where both are known;
sectors and ids only add to the score, since coders often name the same side differently
("India" / "Indian foreign ministry"). At least one side must have a known, equal country, so
two reports that only share a type and a day are never merged. For symmetric types (CONSULT,
COOPERATE) the sides may be swapped ("A met B" / "B met A").

A new report joins the cluster it matches best, and only a cluster whose every report in the
window it is compatible with (so a chain "A→B", "A→?", "A→C" cannot merge two dyads through
the vague middle report). Reports are assigned in the order they are stored, so a store's
clusters depend on its ingest order only. The cluster is named by its first report's event id.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE"})
PLACE_KM = 100.0  # two geocoded places further apart than this are different events

Report = Mapping[str, Any]  # an `events` row (plus cluster_id for stored reports)


def _side(report: Report, side: str) -> tuple[Any, Any, Any]:
    return report[f"{side}_country"], report[f"{side}_sector"], report[f"{side}_id"]


def _side_score(a: tuple[Any, Any, Any], b: tuple[Any, Any, Any]) -> int | None:
    """Score one side's agreement; None when the countries conflict."""
    (ca, sa, ia), (cb, sb, ib) = a, b
    if ca and cb and ca != cb:
        return None
    score = 0
    if ca and cb:
        score += 2
        if sa and sb and sa == sb:
            score += 1
    if ia and ib and ia == ib:
        score += 2
    return score


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _place_score(a: Report, b: Report) -> int | None:
    """Score place agreement; None when both are known and differ."""
    if a["location_country"] and b["location_country"] and \
            a["location_country"] != b["location_country"]:
        return None
    if None not in (a["lat"], a["lon"], b["lat"], b["lon"]):
        return 1 if _km(a["lat"], a["lon"], b["lat"], b["lon"]) <= PLACE_KM else None
    na, nb = (a["location_name"] or "").lower(), (b["location_name"] or "").lower()
    if na and nb:
        return 1 if na == nb else None
    return 0


def _dates_match(a: Report, b: Report, window_days: int) -> bool:
    da, db = a["date"], b["date"]
    if not isinstance(da, date) or not isinstance(db, date):
        return False
    if a["date_precision"] != "day" or b["date_precision"] != "day":
        return da == db and a["date_precision"] == b["date_precision"]
    return abs((da - db).days) <= window_days


def match_score(a: Report, b: Report, window_days: int) -> int | None:
    """Return how well two reports agree (higher is better), or None if they cannot be
    reports of one event."""
    if a["event"] != b["event"] or not _dates_match(a, b, window_days):
        return None
    place = _place_score(a, b)
    if place is None:
        return None
    orders = [("actor", "recipient")]
    if a["event"] in SYMMETRIC_TYPES:
        orders.append(("recipient", "actor"))
    best = None
    for first, second in orders:
        s1 = _side_score(_side(a, "actor"), _side(b, first))
        s2 = _side_score(_side(a, "recipient"), _side(b, second))
        if s1 is None or s2 is None:
            continue
        anchored = (a["actor_country"] and a["actor_country"] == b[f"{first}_country"]) or \
            (a["recipient_country"] and a["recipient_country"] == b[f"{second}_country"])
        if anchored and (best is None or s1 + s2 > best):
            best = s1 + s2
    return None if best is None else best + place + (a["date"] == b["date"])


#: Fetches the stored members of one cluster of one type between two days (ordinals).
MemberFetch = Callable[[str, str, int, int], list[dict[str, Any]]]


@dataclass
class ClusterPool:
    """The reports a batch's new reports can be clustered with: stored ones the caller
    fetched, then the batch's own, in the order they are assigned.

    Why it is indexed: a report can only join a cluster with a member that shares one of its
    countries within the window, since ``match_score`` needs an anchored side. So
    candidates come from buckets keyed by (type, day, country), and only the candidates'
    members in the window are scored. Comparing against every same-type report instead made
    ingest slow down as the store grew (150 → 25 articles/s after 38,000 articles).

    Complete link needs *all* of a candidate's members in the report's window. The caller
    says which days of each stored cluster it fetched (``cover``); for any other days,
    ``fetch`` reads them from the store on demand. The result is the exhaustive
    definition's, whatever was fetched up front (``tests/test_coreference.py`` checks it
    against a brute-force reference).
    """

    window_days: int
    fetch: MemberFetch | None = None
    # (type, day, country) -> clusters with a member of that type, day and country
    blocks: dict[tuple[str, int, str], set[str]] = field(default_factory=dict)
    # cluster -> day -> its members reported on that day
    members: dict[str, dict[int, list[dict[str, Any]]]] = field(default_factory=dict)
    # stored cluster -> the (first, last) day spans whose members are all in the pool
    covered: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    known: set[str] = field(default_factory=set)  # event ids in the pool

    def add(self, report: Report, cluster_id: str) -> None:
        if report["event_id"] in self.known:
            return
        self.known.add(report["event_id"])
        row = dict(report)
        row["cluster_id"] = cluster_id
        day = _day(row)
        self.members.setdefault(cluster_id, {}).setdefault(day, []).append(row)
        for country in _countries(row):
            self.blocks.setdefault((row["event"], day, country), set()).add(cluster_id)

    def cover(self, cluster_id: str, first: int, last: int) -> None:
        """Record that every stored member of the cluster between these days is added."""
        self.covered.setdefault(cluster_id, []).append((first, last))

    def candidates(self, report: Report) -> set[str]:
        """Clusters with a same-type member in the window sharing one of report's countries."""
        day, found = _day(report), set()
        for country in _countries(report):
            for d in range(day - self.window_days, day + self.window_days + 1):
                found |= self.blocks.get((report["event"], d, country), set())
        return found

    def _complete(self, cluster_id: str, kind: str, first: int, last: int) -> None:
        """Make sure the cluster's stored members between the days are in the pool."""
        spans = self.covered.get(cluster_id)
        if spans is None or self.fetch is None:  # founded in this batch: nothing stored
            return
        if any(lo <= first and last <= hi for lo, hi in spans):
            return
        for row in self.fetch(cluster_id, kind, first, last):
            self.add(row, row["cluster_id"])
        self.cover(cluster_id, first, last)

    def assign(self, report: Report) -> str:
        """Return the cluster the report joins (its own event id for a new event), and
        remember the report for the ones that follow.

        A cluster fits when every one of its members in the window can be the same event
        (complete link). The best fit has the highest score; on a tie, the cluster with the
        earliest member in the window (by date, then event id), so the choice depends on
        the reports alone, not on what happened to be fetched.
        """
        if not isinstance(report["date"], date):
            return report["event_id"]  # an undated report cannot be matched
        day, w, fits = _day(report), self.window_days, []
        for cluster_id in self.candidates(report):
            self._complete(cluster_id, report["event"], day - w, day + w)
            others = [other for d, rows in self.members[cluster_id].items() if abs(d - day) <= w
                      for other in rows if other["event_id"] != report["event_id"]
                      and other["event"] == report["event"]]
            scores = [match_score(report, other, w) for other in others]
            if scores and None not in scores:
                earliest = min((_day(o), o["event_id"]) for o in others)
                fits.append((-max(scores), earliest, cluster_id))  # type: ignore[type-var]
        cluster_id = min(fits)[2] if fits else report["event_id"]
        self.add(report, cluster_id)
        return cluster_id

    def assign_all(self, reports: Iterable[Report]) -> dict[str, str]:
        return {r["event_id"]: self.assign(r) for r in reports}


def _countries(report: Report) -> set[str]:
    """The countries a report is anchored by (either side)."""
    return {c for c in (report["actor_country"], report["recipient_country"]) if c}


def _day(report: Report) -> int:
    value = report["date"]
    return value.toordinal() if isinstance(value, date) else -10**9
