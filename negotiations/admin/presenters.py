"""What the workbench's pages show, as HTML: evidence passages with their span marked, review
queue items, and the track page's inline SVG charts (no JavaScript, no CDN). The reads behind them
are ``negotiations.selectors`` (queue, tracks, comparison); the pages' layout is in
``templates/admin/workbench/``.

Every piece of text that goes into the HTML or the SVG is escaped here; the result is marked safe.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.paginator import Page
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from negotiations.models import (
    Alias,
    Article,
    Commitment,
    CommitmentCorrection,
    CommitmentStage,
    DatePrecision,
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


# --- Dates --------------------------------------------------------------------------------------

_PARTS = {1: "early ", 11: "mid-", 21: "late "}  # negotiations.text.dates.PART_DAY, first days


def _day_at(day: dt.date, precision: str) -> str:
    """A date as precise as the record: the first day of its period, named as the period."""
    if precision == DatePrecision.YEAR:
        return f"{day.year}"
    if precision == DatePrecision.QUARTER:
        return f"Q{(day.month - 1) // 3 + 1} {day.year}"
    if precision == DatePrecision.MONTH:
        return f"{day:%b %Y}"
    if precision == DatePrecision.PART_OF_MONTH:
        return f"{_PARTS.get(day.day, '')}{day:%b %Y}"
    if precision == DatePrecision.WEEK:
        return f"week of {day.day} {day:%b %Y}"
    return f"{day.day} {day:%b %Y}"


def _offset_label(offset: dt.timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def dated(
    value: dt.date | dt.datetime | None,
    precision: str | None = None,
    *,
    utc_offset: int | None = None,
) -> str:
    """The one way the workbench shows a dated value.

    A date (or a datetime given a ``precision``: only its UTC day is known) at its precision:
    "2025", "Q3 2023", "Aug 2023", "early Aug 2023", "week of 31 Jul 2023", "3 Aug 2023". A datetime
    without a precision is a moment: shown in the current time zone (the analyst's), named, and
    with ``utc_offset`` (minutes east of UTC, from an article's dateline) the outlet's local time
    beside it when it differs: "30 Jul 2023, 19:20 UTC (22:20 local time, UTC+03:00)".
    """
    if value is None:
        return "date unknown"
    if not isinstance(value, dt.datetime):
        return _day_at(value, precision or DatePrecision.DAY)
    if precision is not None:
        return _day_at(value.astimezone(dt.UTC).date(), precision)
    here = timezone.localtime(value)
    zone = here.tzname() or ""
    if not zone.isalpha():  # a zone without an abbreviation ("-03"): name its offset
        zone = _offset_label(here.utcoffset() or dt.timedelta(0))
    shown = f"{here.day} {here:%b %Y, %H:%M} {zone}"
    if utc_offset is not None and here.utcoffset() != dt.timedelta(minutes=utc_offset):
        local = value.astimezone(dt.timezone(dt.timedelta(minutes=utc_offset)))
        day = "" if local.date() == here.date() else f"{local.day} {local:%b}, "
        shown += f" ({day}{local:%H:%M} local time, {_offset_label(local.utcoffset())})"
    return shown


def published(article: Article) -> str:
    """When an article was published: its time where its dateline gives one (with the outlet's
    local time), else its date at the precision known."""
    if article.dateline_utc_offset is None:
        return dated(article.published_at, article.published_precision)
    return dated(article.published_at, utc_offset=article.dateline_utc_offset)


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
        f"{stage.get_stage_display()} {dated(stage.effective_date, stage.date_precision)}",
        _correct_url("stage", stage.pk),
    )


def _correction_view(correction: CommitmentCorrection) -> ChildView:
    return ChildView(
        "Correction (rejected with it; approving applies it, on its own)",
        f"{correction.old_amount} {correction.old_currency} → "
        f"{correction.new_amount} {correction.new_currency}, {dated(correction.reported_on)}",
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
            ("Said", f"{dated(s.said_on, s.said_precision)} {s.said_phrase}".strip()),
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
            ("Effective", dated(c.effective_date, c.date_precision)),
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
    if link.matched:
        why = f"the track's words in the statement: {link.matched}"
    else:
        why = "no matched words stored (assigned by hand, or before they were kept)"
    confidence = "—"
    if link.score:
        strength = "strong" if link.score >= queue.CONFIDENT_SCORE else "weak"
        confidence = f"{strength} ({link.score} matched word{'s' if link.score > 1 else ''})"
    return QueueItem(
        "track_link",
        link,
        f"Track: {link.track.name}",
        [
            ("Statement", link.statement.text),
            ("Speaker", link.statement.speaker_label() or "—"),
            ("Why", why),
            ("Confidence", confidence),
        ],
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
            ("Reported on", dated(c.reported_on)),
            ("Approving", "gives the commitment this amount (the log keeps the old one)"),
            ("Note", c.note or "—"),
        ],
        evidence,
    )


def _stage_item(s: CommitmentStage) -> QueueItem:
    commitment = s.commitment
    return QueueItem(
        "stage",
        s,
        f"{commitment.party} → {commitment.beneficiary or '—'}: "
        f"{commitment.get_category_display()}, {s.get_stage_display().lower()}",
        [
            ("Track", commitment.track.name),
            ("Commitment", commitment.description or "—"),
            ("Commitment's review", commitment.get_review_state_display()),
            ("Stage", s.get_stage_display()),
            ("Effective", dated(s.effective_date, s.date_precision)),
        ],
        [_excerpt_evidence(e) for e in s.evidence.all()],
    )


_ITEMS = {
    "statement": _statement_item,
    "status": _status_item,
    "alias": _alias_item,
    "track_link": _track_link_item,
    "report": _report_item,
    "commitment": _commitment_item,
    "correction": _correction_item,
    "stage": _stage_item,
}


@dataclass
class QueueSection:
    """One kind's page of the queue: its items, and the page (number, count, neighbours)."""

    kind: queue.QueueKind
    items: list[QueueItem]
    page: Page
    previous_url: str = ""
    next_url: str = ""


def queue_page_param(kind: str) -> str:
    """The query parameter that carries ``kind``'s page number ("statement_page")."""
    return f"{kind}_page"


def review_queue(
    *, kinds: list[str], filters: queue.QueueFilters, query: QueryDict
) -> list[QueueSection]:
    """Each kind's page of pending items passing ``filters`` with their evidence. ``query``: the
    page's own query string, which holds each kind's page number and gives the links to the
    neighbouring pages (the other kinds and the filters kept)."""

    def page_url(key: str, number: int) -> str:
        params = query.copy()
        params[queue_page_param(key)] = str(number)
        # The fragment names no element (an element's id would make the browser move the focus
        # off the item the page's script focuses): the script reads it and focuses the kind's
        # first item.
        return f"?{params.urlencode()}#page-{key}"

    sections = []
    for key in queue.queue_kinds_filterable(filters):
        if key not in kinds:
            continue
        page = queue.queue_page(key, filters=filters, number=query.get(queue_page_param(key), 1))
        sections.append(
            QueueSection(
                queue.QUEUE_KINDS[key],
                [_ITEMS[key](row) for row in page.object_list],
                page,
                page_url(key, page.previous_page_number()) if page.has_previous() else "",
                page_url(key, page.next_page_number()) if page.has_next() else "",
            )
        )
    return sections


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
LANE = 26  # room above each status mark for the evidence that supports it
TOP = 20
STACK = 11  # vertical step between statements made on the same day
PAD = dt.timedelta(days=7)  # margin around the first and last item of each stretch of the axis
BREAK_DAYS = 120  # a longer stretch with nothing on it is cut out of the axis
BREAK_W = 26  # the width of a cut
MIN_STRETCH_W = 90  # the narrowest a stretch of the axis is drawn
LABEL_W = 64  # the least room a tick's label needs


def party_colours(parties: Iterable[str]) -> dict[str, str]:
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(sorted(set(parties)))}


@dataclass
class _Stretch:
    """A stretch of the time axis, drawn from ``x0`` to ``x1``."""

    start: dt.date
    end: dt.date
    x0: float
    x1: float

    def x(self, day: dt.date) -> float:
        days = max((self.end - self.start).days, 1)
        return round(self.x0 + (self.x1 - self.x0) * (day - self.start).days / days, 1)


def time_axis(days: Iterable[dt.date], left: float, right: float) -> list[_Stretch]:
    """The stretches of a time axis from ``left`` to ``right`` holding ``days``: a gap of more
    than ``BREAK_DAYS`` with nothing in it is cut out, so items years apart keep a readable
    scale. Each stretch gets its share of the width by length, and at least ``MIN_STRETCH_W``."""
    ordered = sorted(set(days))
    groups = [[ordered[0], ordered[0]]]
    for day in ordered[1:]:
        if (day - groups[-1][1]).days > BREAK_DAYS:
            groups.append([day, day])
        else:
            groups[-1][1] = day
    spans = [(first - PAD, last + PAD) for first, last in groups]
    room = right - left - BREAK_W * (len(spans) - 1)
    least = min(MIN_STRETCH_W, room / len(spans) / 2)
    lengths = [(end - start).days for start, end in spans]
    spare = room - least * len(spans)
    stretches, x0 = [], float(left)
    for (start, end), length in zip(spans, lengths, strict=True):
        width = least + spare * length / sum(lengths)
        stretches.append(_Stretch(start, end, x0, x0 + width))
        x0 += width + BREAK_W
    return stretches


def _ticks(stretch: _Stretch) -> list[tuple[dt.date, str]]:
    """Ticks and their labels for one stretch: weeks, months, quarters or years, the finest that
    leaves room for the labels. The first label of a stretch names its year."""
    per_day = (stretch.x1 - stretch.x0) / max((stretch.end - stretch.start).days, 1)
    if 7 * per_day >= LABEL_W:
        first = stretch.start + dt.timedelta(days=-stretch.start.weekday() % 7)
        days = [first + dt.timedelta(weeks=i) for i in range((stretch.end - first).days // 7 + 1)]
        ticks = [(d, f"{d.day} {d:%b}") for d in days]
    else:
        step = next((m for m in (1, 3, 12) if 30 * m * per_day >= LABEL_W), 12)
        ticks, day = [], dt.date(stretch.start.year, 1, 1)
        while day <= stretch.end:
            if day >= stretch.start and (day.month - 1) % step == 0:
                ticks.append((day, f"{day.year}" if step == 12 else _month_label(day)))
            day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        if step == 12 and len(ticks) * LABEL_W > stretch.x1 - stretch.x0:
            ticks = ticks[:: len(ticks) * LABEL_W // int(stretch.x1 - stretch.x0) + 1]
    # A label centred on a stretch's edge would run into the cut beside it.
    edge = LABEL_W / 2
    ticks = [(d, t) for d, t in ticks if stretch.x0 + edge <= stretch.x(d) <= stretch.x1 - edge]
    if not ticks:  # a stretch shorter than its unit: name its middle day
        middle = stretch.start + (stretch.end - stretch.start) / 2
        return [(middle, f"{middle.day} {middle:%b %Y}")]
    day, label = ticks[0]
    if str(day.year) not in label:
        ticks[0] = (day, f"{label} {day.year}")
    return ticks


def _month_label(day: dt.date) -> str:
    return f"{day:%b %Y}" if day.month == 1 else f"{day:%b}"


def _marker_link(href: str, label: str, shape: str) -> str:
    """A chart marker as a link: reachable by keyboard, named for screen readers, titled."""
    return (
        f'<a href="{escape(href)}" class="wb-marker" aria-label="{escape(label)}">'
        f"<title>{escape(label)}</title>{shape}</a>"
    )


def status_timeline(
    *,
    changes: list[StatusChange],
    statements: list[tuple[Statement, str]],
    colours: dict[str, str],
) -> SafeString:
    """Statuses over time as a step line across status lanes, each change with the evidence that
    supports it just above its mark, and the statements below. Every marker is a link to its
    entry on the page. Long empty stretches are cut out of the time axis (a break mark shows
    each cut), so items years apart keep a readable scale.

    ``statements`` pairs each statement with the party it is counted for (its colour).
    """
    days = [c.effective_date for c in changes]
    days += [s.said_on for s, _ in statements if s.said_on]
    if not days:
        return mark_safe('<p class="wb-empty">Nothing dated on this track yet.</p>')
    stretches = time_axis(days, LEFT, WIDTH - RIGHT)
    statements_y = TOP + LANE * len(_STATUS_LANES) + 14
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
        for stretch in stretches:
            if day <= stretch.end:
                return stretch.x(max(day, stretch.start))
        return stretches[-1].x1

    def lane_y(status: str) -> float:
        index = _STATUS_LANES.index(status)
        return TOP + LANE * (len(_STATUS_LANES) - 1 - index) + LANE / 2 + 4

    out = [
        f'<svg class="wb-timeline" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="timeline-title">'
        f'<title id="timeline-title">Status timeline: each change with its evidence above it, '
        f"statements below; every mark links to its entry on this page</title>"
    ]
    for status in _STATUS_LANES:
        y = lane_y(status)
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" class="wb-lane"/>'
            f'<text x="{LEFT - 6}" y="{y + 4}" text-anchor="end" class="wb-lane-label">'
            f"{escape(_LABELS[status])}</text>"
        )
    for stretch in stretches:
        for tick, text in _ticks(stretch):
            tx = stretch.x(tick)
            out.append(
                f'<line x1="{tx}" x2="{tx}" y1="{TOP}" y2="{axis_y}" class="wb-tick"/>'
                f'<text x="{tx}" y="{axis_y + 14}" text-anchor="middle" class="wb-axis">'
                f"{escape(text)}</text>"
            )
    for before, after in itertools.pairwise(stretches):
        mid = round((before.x1 + after.x0) / 2, 1)
        gap = f"No record from {dated(before.end)} to {dated(after.start)}: the axis skips it"
        out.append(
            f'<g class="wb-break"><title>{escape(gap)}</title>'
            f'<rect x="{mid - 6}" y="{TOP}" width="12" height="{axis_y + 6 - TOP}"/>'
            f'<path d="M{mid - 7},{axis_y + 6} l6,-12 M{mid + 1},{axis_y + 6} l6,-12"/></g>'
        )
    out.append(
        f'<text x="{LEFT - 6}" y="{statements_y + 4}" text-anchor="end" '
        f'class="wb-lane-label">Statements</text>'
    )
    approved = [c for c in changes if c.review_state == ReviewState.APPROVED]
    if approved:
        points = []
        for i, change in enumerate(approved):
            if i:
                points.append(f"{x(change.effective_date)},{lane_y(approved[i - 1].status)}")
            points.append(f"{x(change.effective_date)},{lane_y(change.status)}")
        points.append(f"{stretches[-1].x1},{lane_y(approved[-1].status)}")
        out.append(f'<polyline points="{" ".join(points)}" class="wb-step"/>')
    for change in changes:
        pending = change.review_state != ReviewState.APPROVED
        cx, cy = x(change.effective_date), lane_y(change.status)
        when = dated(change.effective_date, change.date_precision)
        label = f"{change.get_status_display()}, {when}"
        if pending:
            label += " (pending review)"
        out.append(
            _marker_link(
                f"#status-{change.pk}",
                label,
                f'<circle cx="{cx}" cy="{cy}" r="5" class="wb-status'
                f'{" wb-pending" if pending else ""}" data-status-id="{change.pk}"/>',
            )
        )
        supports = list(change.evidence.all())
        for i, item in enumerate(supports):
            ex = round(cx + (i - (len(supports) - 1) / 2) * 12, 1)
            outlet = item.article.outlet.name if item.article.outlet else "unknown outlet"
            out.append(
                _marker_link(
                    f"#evidence-{item.pk}",
                    f"Evidence for {label}: {outlet}, {published(item.article)}: {item.excerpt}",
                    f'<path d="M{ex - 5},{cy - 17} h10 l-5,9 z" class="wb-evidence" '
                    f'data-evidence-id="{item.pk}" data-status-id="{change.pk}"/>',
                )
            )
    for (statement, party), row in zip(statements, stack, strict=True):
        if statement.said_on is None:
            continue
        speaker = statement.speaker or statement.speaker_description or party
        when = dated(statement.said_on, statement.said_precision)
        out.append(
            _marker_link(
                f"#statement-{statement.pk}",
                f"{speaker} ({party}), {when}: {statement.text}",
                f'<circle cx="{x(statement.said_on)}" cy="{statements_y + STACK * row}" r="5" '
                f'fill="{colours.get(party, "#777")}" class="wb-statement" '
                f'data-statement-id="{statement.pk}"/>',
            )
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
    previous_year = None
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
        # The year under the first week and under each week that starts a new one.
        year = (
            f'<tspan x="{left + bar_w / 2}" dy="14">{week:%Y}</tspan>'
            if week.year != previous_year
            else ""
        )
        previous_year = week.year
        out.append(
            f'<text x="{left + bar_w / 2}" y="{base + 14}" text-anchor="middle" '
            f'class="wb-axis">{week:%d %b}{year}</text>'
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
            colours=colours,
        ),
        "weekly_chart": weekly_bars(page.weekly, colours),
        "commitment_chart": commitment_bars(page.totals),
        "commitment_segments": COMMITMENT_SEGMENTS,
        "colours": sorted(colours.items()),
    }
