"""What the workbench's pages show, as HTML: evidence passages with their span marked, review
queue items, and the track page's inline SVG charts (no JavaScript, no CDN). The reads behind them
are ``negotiations.selectors`` (queue, tracks, comparison); the pages' layout is in
``templates/admin/workbench/``.

Every piece of text that goes into the HTML or the SVG is escaped here; the result is marked safe.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from negotiations.models import (
    Alias,
    Article,
    Commitment,
    CommitmentCorrection,
    CommitmentStage,
    Evidence,
    ReviewState,
    Statement,
    StatementReport,
    StatementTrack,
    StatusChange,
)
from negotiations.selectors import queue
from negotiations.selectors.commitments import CommitmentSummary, SummaryRow
from negotiations.selectors.tracks import TrackPage, statement_party

_CONTEXT_CHARS = 280


# --- Evidence -----------------------------------------------------------------------------------


def highlight(text: str, start: int | None, end: int | None, excerpt: str = "") -> SafeString:
    """The passage around ``text[start:end]`` with that span in ``<mark>``; everything escaped.

    Falls back to finding ``excerpt`` when the span is missing or does not match it.
    """
    if start is None or end is None or not (0 <= start < end <= len(text)):
        found = text.find(excerpt) if excerpt else -1
        if found < 0:
            return escape(excerpt or text[: 2 * _CONTEXT_CHARS])
        start, end = found, found + len(excerpt)
    elif excerpt and text[start:end] != excerpt and excerpt in text:
        start = text.index(excerpt)
        end = start + len(excerpt)
    lo, hi = max(0, start - _CONTEXT_CHARS), min(len(text), end + _CONTEXT_CHARS)
    before = ("…" if lo > 0 else "") + text[lo:start]
    after = text[end:hi] + ("…" if hi < len(text) else "")
    return mark_safe(  # noqa: S308 -- every piece of article text is escaped here
        f"{escape(before)}<mark>{escape(text[start:end])}</mark>{escape(after)}"
    )


@dataclass
class EvidenceView:
    article: Article
    passage: SafeString
    label: str = ""


def _report_evidence(report: StatementReport) -> EvidenceView:
    return EvidenceView(
        report.article,
        highlight(report.article.text, report.char_start, report.char_end, report.wording),
        report.get_kind_display(),
    )


def _excerpt_evidence(evidence: Evidence) -> EvidenceView:
    return EvidenceView(
        evidence.article,
        highlight(evidence.article.text, evidence.char_start, evidence.char_end, evidence.excerpt),
    )


# --- Review queue -------------------------------------------------------------------------------


@dataclass
class ChildView:
    """A pending child shown in its parent's item: decided with the parent, correctable alone."""

    label: str
    text: str
    correct_url: str


@dataclass
class QueueItem:
    kind: str
    obj: Any
    title: str
    details: list[tuple[str, Any]]
    evidence: list[EvidenceView] = field(default_factory=list)
    children: list[ChildView] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.obj.pk}"


def _correct_url(kind: str, pk: int) -> str:
    return reverse("admin:workbench_correct", args=[kind, pk])


def _statement_children(s: Statement) -> list[ChildView]:
    # Reports come from the evidence prefetch; track links from the pending-only prefetch.
    reports = [
        ChildView(
            f"Report ({r.article.outlet or 'unknown outlet'})",
            r.wording,
            _correct_url("report", r.pk),
        )
        for r in s.reports.all()
        if r.review_state == ReviewState.PENDING
    ]
    links = [
        ChildView("Track", link.track.name, _correct_url("track_link", link.pk))
        for link in s.pending_track_links
    ]
    return reports + links


def _stage_view(stage: CommitmentStage) -> ChildView:
    return ChildView(
        "Stage",
        f"{stage.get_stage_display()} {stage.effective_date or ''}".strip(),
        reverse("admin:negotiations_commitmentstage_change", args=[stage.pk]),
    )


def _correction_view(correction: CommitmentCorrection) -> ChildView:
    return ChildView(
        "Correction (rejected with it; approving applies it, on its own)",
        f"{correction.old_amount} {correction.old_currency} → "
        f"{correction.new_amount} {correction.new_currency}, {correction.reported_on}",
        _correct_url("correction", correction.pk),
    )


def _statement_item(s: Statement) -> QueueItem:
    return QueueItem(
        "statement",
        s,
        s.text,
        [
            ("Speaker", s.speaker_label() or "—"),
            ("For", s.speaker_party or "—"),
            ("Said", f"{s.said_on or '?'} {s.said_phrase}".strip()),
            ("Channel", s.get_channel_display()),
        ],
        [_report_evidence(r) for r in s.reports.all()],
        _statement_children(s),
    )


def _status_item(c: StatusChange) -> QueueItem:
    return QueueItem(
        "status",
        c,
        f"{c.track.name}: {c.get_status_display()}",
        [
            ("Effective", f"{c.effective_date} ({c.get_date_precision_display()})"),
            ("Date phrase", c.date_phrase or "—"),
            ("Summary", c.summary or "—"),
        ],
        [_excerpt_evidence(e) for e in c.evidence.all()],
    )


def _alias_item(a: Alias) -> QueueItem:
    return QueueItem(
        "alias",
        a,
        f"“{a.name}” for {a.target}",
        [
            ("Kind", a.get_kind_display()),
            ("Language / script", f"{a.language or '?'} / {a.script or '?'}"),
            ("Seen in", ", ".join(o.name for o in a.outlets.all()) or "—"),
        ],
    )


def _track_link_item(link: StatementTrack) -> QueueItem:
    return QueueItem(
        "track_link",
        link,
        f"{link.statement} → {link.track.name}",
        [("Speaker", link.statement.speaker_label() or "—")],
        [_report_evidence(r) for r in link.statement.reports.all()],
    )


def _report_item(r: StatementReport) -> QueueItem:
    return QueueItem(
        "report",
        r,
        r.wording,
        [("Statement", r.statement), ("Kind", r.get_kind_display())],
        [_report_evidence(r)],
    )


def _commitment_item(c: Commitment) -> QueueItem:
    return QueueItem(
        "commitment",
        c,
        f"{c.party} → {c.beneficiary or '—'}: {c.get_category_display()}",
        [
            ("Track", c.track.name),
            ("Direction", c.get_direction_display()),
            ("Description", c.description),
        ],
        [_excerpt_evidence(e) for e in c.evidence.all()],
        [_stage_view(stage) for stage in c.pending_stages]
        + [_correction_view(correction) for correction in c.pending_corrections],
    )


def _correction_item(c: CommitmentCorrection) -> QueueItem:
    commitment = c.commitment
    evidence = []
    if c.article is not None:
        evidence.append(
            EvidenceView(c.article, highlight(c.article.text, c.char_start, c.char_end, c.excerpt))
        )
    return QueueItem(
        "correction",
        c,
        f"{commitment.party} → {commitment.beneficiary or '—'}: "
        f"{commitment.get_category_display()}, {c.old_amount} {c.old_currency} → "
        f"{c.new_amount} {c.new_currency}",
        [
            ("Track", commitment.track.name),
            ("Stage", c.get_stage_display() or "—"),
            ("Reported on", c.reported_on or "—"),
            ("Approving", "gives the commitment this amount (the log keeps the old one)"),
            ("Note", c.note or "—"),
        ],
        evidence,
    )


_ITEMS = {
    "statement": _statement_item,
    "status": _status_item,
    "alias": _alias_item,
    "track_link": _track_link_item,
    "report": _report_item,
    "commitment": _commitment_item,
    "correction": _correction_item,
}


def review_queue(*, kinds: list[str]) -> list[tuple[queue.QueueKind, list[QueueItem]]]:
    """The oldest pending items of each kind with their evidence, as ``(kind, items)`` pairs."""
    return [
        (queue.QUEUE_KINDS[k], [_ITEMS[k](row) for row in queue.queue_rows(k)])
        for k in queue.QUEUE_KINDS
        if k in kinds
    ]


def queue_item(kind: str, pk: int) -> QueueItem | None:
    """One item as the queue shows it, with its evidence, whatever its review state."""
    rows = queue.queue_rows(kind, limit=1, pk=pk)
    return _ITEMS[kind](rows[0]) if rows else None


# --- Track page charts --------------------------------------------------------------------------

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]
_STATUS_LANES = [s for s, _ in StatusChange.Status.choices]
_LABELS = dict(StatusChange.Status.choices)

WIDTH = 960
LEFT = 150
RIGHT = 20
LANE = 17
TOP = 20
STACK = 11  # vertical step between statements made on the same day


def party_colours(parties: Iterable[str]) -> dict[str, str]:
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(sorted(set(parties)))}


def _month_ticks(start: dt.date, end: dt.date) -> list[dt.date]:
    ticks, day = [], dt.date(start.year, start.month, 1)
    while day <= end:
        if day >= start:
            ticks.append(day)
        day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    step = max(1, len(ticks) // 12)
    return ticks[::step]


def _day(value) -> dt.date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, dt.datetime) else value


def status_timeline(
    *,
    changes: list[StatusChange],
    statements: list[tuple[Statement, str]],
    evidence: list[Evidence],
    colours: dict[str, str],
) -> SafeString:
    """Statuses over time as a step line across status lanes, with evidence and statement marks.

    ``statements`` pairs each statement with the party it is counted for (its colour).
    """
    days = [c.effective_date for c in changes]
    days += [s.said_on for s, _ in statements if s.said_on]
    days += [d for d in (_day(e.article.published_at) for e in evidence) if d]
    if not days:
        return mark_safe('<p class="wb-empty">Nothing dated on this track yet.</p>')
    start, end = min(days) - dt.timedelta(days=7), max(days) + dt.timedelta(days=7)
    span = max((end - start).days, 1)
    plot_w = WIDTH - LEFT - RIGHT
    lanes_h = LANE * len(_STATUS_LANES)
    evidence_y = TOP + lanes_h + 18
    statements_y = evidence_y + 24
    # Statements made on the same day are stacked, one row each.
    per_day: dict[dt.date, int] = {}
    stack: list[int] = []
    for statement, _ in statements:
        row = per_day.get(statement.said_on, 0) if statement.said_on else 0
        per_day[statement.said_on] = row + 1
        stack.append(row)
    rows = max(per_day.values(), default=1)
    axis_y = statements_y + 20 + STACK * (rows - 1)
    height = axis_y + 24

    def x(day: dt.date) -> float:
        return round(LEFT + plot_w * (day - start).days / span, 1)

    def lane_y(status: str) -> float:
        index = _STATUS_LANES.index(status)
        return TOP + LANE * (len(_STATUS_LANES) - 1 - index) + LANE / 2

    out = [
        f'<svg class="wb-timeline" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg" aria-label="Status timeline">'
    ]
    for status in _STATUS_LANES:
        y = lane_y(status)
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" class="wb-lane"/>'
            f'<text x="{LEFT - 6}" y="{y + 4}" text-anchor="end" class="wb-lane-label">'
            f"{escape(_LABELS[status])}</text>"
        )
    for tick in _month_ticks(start, end):
        out.append(
            f'<line x1="{x(tick)}" x2="{x(tick)}" y1="{TOP}" y2="{axis_y}" class="wb-tick"/>'
            f'<text x="{x(tick)}" y="{axis_y + 14}" text-anchor="middle" class="wb-axis">'
            f"{tick:%b %Y}</text>"
        )
    out.append(
        f'<text x="{LEFT - 6}" y="{evidence_y + 4}" text-anchor="end" class="wb-lane-label">'
        f'Evidence</text><text x="{LEFT - 6}" y="{statements_y + 4}" text-anchor="end" '
        f'class="wb-lane-label">Statements</text>'
    )
    approved = [c for c in changes if c.review_state == ReviewState.APPROVED]
    if approved:
        points = []
        for i, change in enumerate(approved):
            if i:
                points.append(f"{x(change.effective_date)},{lane_y(approved[i - 1].status)}")
            points.append(f"{x(change.effective_date)},{lane_y(change.status)}")
        points.append(f"{x(end)},{lane_y(approved[-1].status)}")
        out.append(f'<polyline points="{" ".join(points)}" class="wb-step"/>')
    for change in changes:
        pending = change.review_state != ReviewState.APPROVED
        label = f"{change.get_status_display()}, {change.effective_date:%d %b %Y}"
        if pending:
            label += " (pending review)"
        out.append(
            f'<circle cx="{x(change.effective_date)}" cy="{lane_y(change.status)}" r="5" '
            f'class="wb-status{" wb-pending" if pending else ""}" data-status-id="{change.pk}">'
            f"<title>{escape(label)}</title></circle>"
        )
    for item in evidence:
        day = _day(item.article.published_at)
        if day is None:
            continue
        outlet = item.article.outlet.name if item.article.outlet else "unknown outlet"
        cx = x(day)
        out.append(
            f'<path d="M{cx},{evidence_y - 6} l5,10 h-10 z" class="wb-evidence">'
            f"<title>{escape(f'{outlet}, {day:%d %b %Y}: {item.excerpt}')}</title></path>"
        )
    for (statement, party), row in zip(statements, stack, strict=True):
        if statement.said_on is None:
            continue
        speaker = statement.speaker or statement.speaker_description or party
        said = f"{speaker} ({party}), {statement.said_on:%d %b %Y}: {statement.text}"
        out.append(
            f'<circle cx="{x(statement.said_on)}" cy="{statements_y + STACK * row}" r="5" '
            f'fill="{colours.get(party, "#777")}" class="wb-statement" '
            f'data-statement-id="{statement.pk}">'
            f"<title>{escape(said)}</title></circle>"
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 -- all text above is escaped


def weekly_bars(
    weekly: list[tuple[dt.date, dict[str, int]]], colours: dict[str, str]
) -> SafeString:
    """Statements by party per week as stacked bars."""
    if not weekly:
        return mark_safe('<p class="wb-empty">No dated statements yet.</p>')
    most = max(sum(counts.values()) for _, counts in weekly)
    bar_w, gap, chart_h, base = 30, 18, 120, 140
    width = max(LEFT, 40 + len(weekly) * (bar_w + gap))
    out = [
        f'<svg class="wb-weekly" role="img" viewBox="0 0 {width} {base + 36}" '
        f'width="{width}" xmlns="http://www.w3.org/2000/svg" aria-label="Statements per week">'
    ]
    for i, (week, counts) in enumerate(weekly):
        left = 30 + i * (bar_w + gap)
        top = base
        for party, n in sorted(counts.items()):
            h = chart_h * n / most
            top -= h
            out.append(
                f'<rect x="{left}" y="{top:.1f}" width="{bar_w}" height="{h:.1f}" '
                f'fill="{colours.get(party, "#777")}">'
                f"<title>{escape(f'{party}: {n} in the week of {week:%d %b %Y}')}</title></rect>"
            )
        out.append(
            f'<text x="{left + bar_w / 2}" y="{base + 14}" text-anchor="middle" '
            f'class="wb-axis">{week:%d %b}</text>'
        )
    out.append(f'<text x="4" y="{base - chart_h + 10}" class="wb-axis">{most}</text></svg>')
    return mark_safe("".join(out))  # noqa: S308 -- all text above is escaped


# A party's bar: what was delivered at the bottom, then what was allocated but not delivered,
# then what was committed but not allocated; the bar's height is the largest of the three totals.
COMMITMENT_SEGMENTS = [
    ("delivered", "Delivered", "#2ca02c"),
    ("allocated", "Allocated, not delivered", "#ff7f0e"),
    ("committed", "Committed, not allocated", "#9ecae1"),
]


def _money(amount: Decimal) -> str:
    for size, unit in ((10**9, "bn"), (10**6, "m")):
        if abs(amount) >= size:
            return f"{amount / size:,.2f}{unit}"
    return f"{amount:,.0f}"


def commitment_segments(row: SummaryRow) -> list[tuple[str, str, str, Decimal]] | None:
    """The stacked segments of a party's bar (key, label, colour, amount), bottom first; None if
    a total could not be converted (a missing rate: the table names it)."""
    totals = {name: row.totals[name].converted for name in ("committed", "allocated", "delivered")}
    if any(value is None for value in totals.values()):
        return None
    delivered = totals["delivered"]
    allocated = max(totals["allocated"] - delivered, Decimal(0))
    committed = max(totals["committed"] - max(totals["allocated"], delivered), Decimal(0))
    amounts = {"delivered": delivered, "allocated": allocated, "committed": committed}
    return [(key, label, colour, amounts[key]) for key, label, colour in COMMITMENT_SEGMENTS]


def commitment_bars(summary: CommitmentSummary) -> SafeString:
    """Committed, allocated and delivered totals per party as stacked bars in one currency."""
    bars = [(row, commitment_segments(row)) for row in summary.rows]
    drawn = [(row, segments) for row, segments in bars if segments]
    most = max((sum(amount for *_, amount in segments) for _, segments in drawn), default=0)
    if not most:
        return mark_safe('<p class="wb-empty">No commitment with an amount to draw yet.</p>')
    bar_w, gap, chart_h, base, left = 46, 48, 160, 186, 80
    width = left + len(bars) * (bar_w + gap) + 20
    currency = escape(summary.currency)
    out = [
        f'<svg class="wb-commitments" role="img" viewBox="0 0 {width} {base + 40}" '
        f'width="{width}" xmlns="http://www.w3.org/2000/svg" '
        f'aria-labelledby="commitments-title commitments-desc">'
        f'<title id="commitments-title">Commitments per party in {currency}</title>'
        f'<desc id="commitments-desc">Stacked bars, one per party: delivered, then allocated '
        f"but not delivered, then committed but not allocated, converted at the rate of each "
        f"stage's date. The table below gives the same figures.</desc>"
        f'<line x1="{left - 6}" x2="{width - 10}" y1="{base}" y2="{base}" class="wb-tick"/>'
        f'<text x="{left - 10}" y="{base - chart_h + 4}" text-anchor="end" class="wb-axis">'
        f"{escape(_money(Decimal(most)))}</text>"
        f'<text x="{left - 10}" y="{base + 4}" text-anchor="end" class="wb-axis">0</text>'
    ]
    for i, (row, segments) in enumerate(bars):
        x = left + i * (bar_w + gap)
        name = row.party.name if row.party else "?"
        out.append(f'<g data-party="{escape(name)}">')
        top = float(base)
        for key, label, colour, amount in segments or []:
            if not amount:
                continue
            h = chart_h * float(amount) / float(most)
            top -= h
            out.append(
                f'<rect x="{x}" y="{top:.1f}" width="{bar_w}" height="{h:.1f}" fill="{colour}" '
                f'data-segment="{key}"><title>'
                f"{escape(f'{name}: {label.lower()} {_money(amount)} {summary.currency}')}"
                f"</title></rect>"
            )
        if segments is None:
            out.append(
                f'<text x="{x + bar_w / 2}" y="{base - 6}" text-anchor="middle" '
                f'class="wb-axis">no rate</text>'
            )
        out.append(
            f'<text x="{x + bar_w / 2}" y="{base + 16}" text-anchor="middle" class="wb-axis">'
            f"{escape(name[:14])}</text></g>"
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 -- all text above is escaped


def track_charts(page: TrackPage) -> dict[str, Any]:
    """The track page's charts and their legend, each party in one colour on both."""
    parties = [statement_party(s) for s in page.statements]
    colours = party_colours(parties + page.parties)
    return {
        "timeline": status_timeline(
            changes=page.status_changes,
            statements=list(zip(page.statements, parties, strict=True)),
            evidence=page.evidence,
            colours=colours,
        ),
        "weekly_chart": weekly_bars(page.weekly, colours),
        "commitment_chart": commitment_bars(page.totals),
        "commitment_segments": COMMITMENT_SEGMENTS,
        "colours": sorted(colours.items()),
    }
