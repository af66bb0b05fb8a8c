"""The seed articles (``seeds/manifest.json``), found by their text's fingerprint."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from negotiations.models import Article
from negotiations.services.seed.format import MANIFEST_NAME, UTC_OFFSET, SeedArticle
from negotiations.services.seed.sections.base import Loader
from negotiations.text.normalize import content_fingerprint


def load(loader: Loader, articles: dict[str, SeedArticle]) -> None:
    for name, seed in articles.items():
        entry = seed.entry
        where = f"seeds/{MANIFEST_NAME}: {name}"
        published = entry["published"]
        when = _published_at(published)
        values: dict[str, Any] = {
            "text": seed.text,
            "outlet": loader.outlets.get(entry.get("outlet")),
            "wire_outlet": loader.outlets.get(entry.get("wire")),
            "title": entry.get("title") or "",
            "byline": entry.get("byline") or "",
            "published_at": when,
            "dateline_utc_offset": _dateline_offset(when, published),
            "published_precision": published["precision"],
            "language": entry.get("language", ""),
            "source_kind": Article.SourceKind.SEED,
            "source_ref": name,
        }
        if entry.get("url"):
            values["url"] = values["canonical_url"] = entry["url"]
        loader.articles[name] = loader.upsert(
            Article,
            where,
            lookup={"fingerprint": content_fingerprint(seed.text)},
            values=values,
        )


def _published_at(published: dict[str, Any]) -> datetime:
    day = date.fromisoformat(published["date"])
    clock = time.fromisoformat(published["time"]) if published.get("time") else time(0, 0)
    tz = UTC
    match = UTC_OFFSET.match(published.get("utc_offset") or "")
    if match and published.get("time"):
        sign = -1 if match.group(1) == "-" else 1
        tz = timezone(sign * timedelta(hours=int(match.group(2)), minutes=int(match.group(3))))
    return datetime.combine(day, clock, tzinfo=tz)


def _dateline_offset(when: datetime, published: dict[str, Any]) -> int | None:
    """Minutes east of UTC of the dateline's time; None when the dateline gives no time."""
    offset = when.utcoffset() if published.get("time") else None
    return None if offset is None else int(offset.total_seconds() // 60)
