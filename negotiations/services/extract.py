"""From fetched bytes or a file to an article's text and metadata (trafilatura)."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass

import py3langid
import trafilatura
from charset_normalizer import from_bytes
from django.conf import settings
from django.utils import timezone
from htmldate import find_date
from trafilatura.metadata import examine_meta, extract_meta_json, extract_title
from trafilatura.utils import load_html

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.I)
_HTML_LANG = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?([a-zA-Z]{2,3})", re.I)
# Control characters a text never means (NUL is refused by PostgreSQL): tab, newline and
# carriage return stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    return _CONTROL.sub("", text)


@dataclass
class Extracted:
    text: str
    title: str = ""
    author: str = ""
    published_at: dt.datetime | None = None
    # Minutes east of UTC of the source's own time of publication, when it gives a time.
    dateline_utc_offset: int | None = None
    language: str = ""
    url: str = ""
    sitename: str = ""
    is_article: bool = True
    reason: str = ""
    text_note: str = ""

    def __post_init__(self) -> None:
        self.text, self.title, self.author = (
            clean_text(self.text),
            clean_text(self.title),
            clean_text(self.author),
        )


def decode_bytes(body: bytes, declared: str = "") -> tuple[str, str]:
    """Decode a page: the HTTP charset, else the <meta> charset, else UTF-8, else a detected one."""
    tried = []
    for candidate in (declared, _meta_charset(body)):
        if candidate and candidate not in tried:
            tried.append(candidate)
            try:
                return body.decode(candidate), candidate
            except (LookupError, UnicodeDecodeError):
                continue
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(body[:200_000]).best()
    if best is not None and best.encoding:
        return body.decode(best.encoding, errors="replace"), best.encoding
    return body.decode("utf-8", errors="replace"), "utf-8"


def _meta_charset(body: bytes) -> str:
    m = _META_CHARSET.search(body[:4096])
    return m.group(1).decode("ascii", "ignore").lower() if m else ""


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (py3langid); "" only for a text without letters."""
    sample = text[:2000]
    if not any(ch.isalpha() for ch in sample):
        return ""
    lang, _ = py3langid.classify(sample)
    return lang


def _parse_date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _metadata(tree) -> tuple[str, str, str | None]:
    """Title, author and publication date, from the head of the page (meta tags, JSON-LD).

    The cheap part of trafilatura's metadata extraction, in the order trafilatura runs it (before
    the main text, on the same tree); htmldate without its extensive search finds the date.
    """
    meta = examine_meta(tree)
    with contextlib.suppress(ValueError, TypeError, AttributeError):  # malformed JSON-LD
        meta = extract_meta_json(tree, meta)
    title = meta.title or extract_title(tree) or ""
    date = find_date(
        tree,
        extensive_search=False,
        original_date=True,
        max_date=timezone.now().date().isoformat(),
    )
    return title, meta.author or "", date


def extract_html(html: str, *, url: str = "") -> Extracted:
    """Main text and metadata of an HTML page; ``is_article`` False when there is no article."""
    html = clean_text(html)
    tree = load_html(html) if html.strip() else None
    if tree is None:
        return Extracted("", is_article=False, reason="not an article: empty or unparseable page")
    title, author, date = _metadata(tree)
    # fast: no readability/jusText fallback comparison. On the article-extraction benchmark it
    # halves the time and scores the same or better (bench/corpus_pipeline.py).
    doc = trafilatura.bare_extraction(tree, fast=True, include_comments=False)
    # A Document (the library's default) or, under its legacy as_dict option, a dict.
    body = doc.get("text") if isinstance(doc, dict) else (doc.text if doc is not None else None)
    text = (body or "").strip()
    result = Extracted(
        text=text,
        title=title.strip()[:500],
        author=author.strip()[:300],
        published_at=_parse_date(date),
        url=url,
    )
    m = _HTML_LANG.search(html[:5000])
    result.language = (m.group(1).lower() if m else "") or detect_language(result.text)
    result.reason = _not_article(tree, result.text)
    result.is_article = not result.reason
    return result


# The end of a sentence: . ! ? … (or their CJK forms), perhaps closed by quotes or a bracket.
_SENTENCE_END = re.compile(r"[.!?…。！？]['\"”’»)]*(?:\s|$)")
LINK_SHARE_MAX = 0.5
PROSE_SENTENCES_MIN = 3


def _not_article(tree, text: str) -> str:
    """Why the extracted body is not an article ("" when it is one).

    A line of the body that is the whole text of a link on the page is a headline link (an
    index page, a list of related stories); the rest is prose. Not an article: too little
    prose, or a body mostly of links whose prose has fewer than three sentences. On the
    181 articles of the article-extraction benchmark the largest share of link lines is 0.63,
    with five sentences of prose around the links; a section front of headlines is near 1.
    """
    anchors = {" ".join(a.text_content().split()) for a in tree.iter("a")}
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    prose = [line for line in lines if line not in anchors and line[2:] not in anchors]
    total = sum(map(len, lines))
    prose_chars = sum(map(len, prose))
    minimum = settings.INGEST_MIN_ARTICLE_CHARS
    if prose_chars < minimum:
        return (
            f"not an article: {prose_chars} characters of main text outside links "
            f"(at least {minimum} needed)"
        )
    share = 1 - prose_chars / total
    sentences = sum(len(_SENTENCE_END.findall(line)) for line in prose)
    if share > LINK_SHARE_MAX and sentences < PROSE_SENTENCES_MIN:
        return (
            f"not an article: {share:.0%} of the main text is links, with {sentences} "
            "sentences of prose (an index page)"
        )
    return ""


_TXT_DATE = re.compile(
    r"\b(\d{4}-\d{2}-\d{2}|\d{1,2} [A-Z][a-z]{2,8},? \d{4}|[A-Z][a-z]{2,8} \d{1,2},? \d{4})\b"
)


def extract_text_file(content: str) -> Extracted:
    """A plain-text article: stored as the stripped file content; date from its first lines."""
    text = clean_text(content).strip()
    published = None
    head = "\n".join(text.splitlines()[:8])
    m = _TXT_DATE.search(head)
    if m:
        for fmt in ("%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y"):
            try:
                parsed = dt.datetime.strptime(m.group(1).replace(",", ""), fmt)
            except ValueError:
                continue
            published = timezone.make_aware(parsed, dt.UTC)
            break
    title = ""
    for line in text.splitlines():
        words = line.split()
        if 4 <= len(words) <= 25 and not _TXT_DATE.search(line):
            title = line.strip()[:500]
            break
    return Extracted(
        text=text,
        title=title,
        published_at=published,
        language=detect_language(text),
        is_article=bool(text),
        reason="" if text else "empty file",
    )
