"""The ingestion pipeline: submit, fetch (bytes stored first), extract, deduplicate, analyse.

Jobs move queued -> fetching -> fetched -> analysing -> done | duplicate | not_article | failed.
Each step claims its job with a conditional UPDATE (only one worker wins) and writes a readable
reason on failure. Celery tasks in ``negotiations.tasks`` call these functions with job ids;
the next step is queued through ``negotiations.services.queue`` (broker or in-process).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from pathlib import Path
from urllib.parse import urlsplit

from celery.exceptions import SoftTimeLimitExceeded
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from negotiations.models import (
    Article,
    ArticleSignature,
    FetchedDocument,
    IngestionJob,
    IngestionLog,
    Outlet,
    OutletDomain,
    ReviewState,
)
from negotiations.services import dedup, queue
from negotiations.services.analysis import (
    ANALYSER_VERSION,
    Reading,
    article_analyse,
    article_read,
)
from negotiations.services.extract import (
    Extracted,
    clean_text,
    decode_bytes,
    detect_language,
    extract_html,
    extract_text_file,
)
from negotiations.services.fetch import HTML_TYPES, BlockedAddress, FetchError, check_host, fetch
from negotiations.text.urls import canonical_url, host_of

logger = logging.getLogger(__name__)
Status = IngestionJob.Status


def ingest_log(*, message: str, event: str, level: str = "info", job=None, feed=None) -> None:
    IngestionLog.objects.create(
        message=message[:5000], event=event[:40], level=level, job=job, feed=feed
    )
    getattr(logger, "error" if level == "error" else "info")("%s: %s", event, message)


_NUMERIC_LABEL = re.compile(r"(0x[0-9a-f]*|[0-9]+)", re.IGNORECASE)
_DOTTED_OCTET = re.compile(r"(0|[1-9][0-9]{0,2})")


def url_validate(url: str) -> str:
    """The URL, stripped, if it may be submitted; else a ValidationError naming the rule.

    Addresses are checked again when fetched (``fetch.check_address``: private, loopback, ...).
    """
    url = (url or "").strip()
    if not url:
        raise ValidationError("Enter the URL of an article.", code="required")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        shown = f"{scheme}:" if scheme else "no scheme"
        raise ValidationError(
            f"refused: only http:// and https:// URLs are accepted ({shown} given)", code="scheme"
        )
    try:
        host = parts.hostname or ""
    except ValueError as exc:
        raise ValidationError(f"refused: the URL's host is malformed ({exc})", code="host") from exc
    if "@" in parts.netloc:
        raise ValidationError(
            "refused: URLs with credentials (user:password@host) are not accepted",
            code="credentials",
        )
    if not host:
        raise ValidationError("refused: the URL has no host", code="host")
    labels = host.split(".")
    if ":" not in host and all(_NUMERIC_LABEL.fullmatch(label) for label in labels):
        dotted = len(labels) == 4 and all(
            _DOTTED_OCTET.fullmatch(label) and int(label) <= 255 for label in labels
        )
        if not dotted:
            raise ValidationError(
                f"refused: {host} is a numeric address in a form other than dotted decimal "
                "(a.b.c.d); integer, octal, hexadecimal and shortened forms are not accepted",
                code="numeric_host",
            )
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError(
            f"refused: {url!r} is not a well-formed URL (host name, port or characters)",
            code="invalid",
        ) from None
    try:  # an address that can never be fetched is refused now, not failed later
        check_host(host, parts.port or (443 if scheme == "https" else 80))
    except BlockedAddress as exc:
        raise ValidationError(str(exc), code="address") from None
    except FetchError:
        pass  # the name does not resolve now: the fetch retries it and records the failure
    return url


def submit_url(*, url: str, submitted_by=None) -> IngestionJob:
    """Queue a URL for fetching and analysis; the job row is what a client polls."""
    url = url_validate(url)
    with transaction.atomic():
        job = IngestionJob.objects.create(
            kind=IngestionJob.Kind.URL,
            url=url,
            canonical_url=canonical_url(url),
            submitted_by=submitted_by,
        )
        ingest_log(job=job, event="submitted", message=f"URL submitted: {url}")
        queue.enqueue(queue.FETCH, job.pk)
    return job


def job_claim(*, job_id: int, from_statuses, to_status: str, stale: bool = False) -> bool:
    """Move a job to ``to_status`` only if it is still in one of ``from_statuses``."""
    now = timezone.now()
    condition = Q(status__in=list(from_statuses))
    if stale:
        cutoff = now - dt.timedelta(seconds=settings.INGEST_STALE_CLAIM_SECONDS)
        condition |= Q(status=to_status, claimed_at__lt=cutoff)
    updated = IngestionJob.objects.filter(condition, pk=job_id).update(
        status=to_status, claimed_at=now, updated_at=now
    )
    return updated == 1


def job_fail(*, job: IngestionJob, kind: str, message: str, status: str = Status.FAILED) -> None:
    job.status = status
    job.error_kind = kind[:40]
    job.error = message
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error_kind", "error", "finished_at", "updated_at"])
    level = "warning" if status == Status.NOT_ARTICLE else "error"
    ingest_log(job=job, feed=job.feed, event=kind, level=level, message=message)


def job_fetch(*, job_id: int) -> bool:
    """Fetch a job's URL, store the bytes and queue the analysis. True when fetched.

    A transient failure (timeout, 5xx, 429) puts the job back in the queue with its next attempt
    time on record (exponential backoff, Celery's formula) and queues that attempt; after
    INGEST_FETCH_MAX_RETRIES retries it is a failure like any other.
    """
    # A fetch left by a dead worker (its claim older than INGEST_STALE_CLAIM_SECONDS, far past
    # the fetch deadline) is claimed again.
    if not job_claim(
        job_id=job_id, from_statuses=[Status.QUEUED], to_status=Status.FETCHING, stale=True
    ):
        return False
    job = IngestionJob.objects.select_related("feed").get(pk=job_id)
    job.attempts += 1
    if job.attempts > settings.INGEST_FETCH_MAX_RETRIES + 1:  # reclaimed after its last attempt
        job_fail(
            job=job,
            kind="worker_lost",
            message=f"gave up after {job.attempts - 1} attempts: the last fetch never finished "
            "(its worker stopped mid-fetch)",
        )
        return False
    IngestionJob.objects.filter(pk=job_id).update(attempts=job.attempts, next_attempt_at=None)
    ingest_log(
        job=job, event="fetch_attempt", message=f"attempt {job.attempts}: fetching {job.url}"
    )
    try:
        result = fetch(job.url, accept=HTML_TYPES)
    except FetchError as exc:
        if exc.transient and job.attempts <= settings.INGEST_FETCH_MAX_RETRIES:
            job_retry_later(job=job, kind=exc.kind, message=exc.message, wait=exc.retry_after)
        else:
            job_fail(job=job, kind=exc.kind, message=exc.message)
        return False
    with transaction.atomic():
        FetchedDocument.objects.update_or_create(
            job=job,
            defaults={
                "requested_url": job.url,
                "final_url": result.final_url,
                "status_code": result.status_code,
                "content_type": result.content_type,
                "declared_charset": result.charset[:40],
                "headers": {k: v[:500] for k, v in list(result.headers.items())[:50]},
                "body": result.body,
                "size": len(result.body),
            },
        )
        IngestionJob.objects.filter(pk=job_id).update(
            status=Status.FETCHED, error_kind="", error=""
        )
        ingest_log(
            job=job,
            event="fetched",
            message=f"fetched {len(result.body)} bytes from {result.final_url}",
        )
        queue.enqueue(queue.ANALYSE, job_id)
    return True


def job_retry_later(*, job: IngestionJob, kind: str, message: str, wait: int | None = None) -> None:
    """Put a job back in the queue after a transient failure, due after a backoff, or after
    ``wait`` seconds when the server said how long (Retry-After, capped by the fetch)."""
    if wait is None:
        wait = get_exponential_backoff_interval(
            factor=settings.INGEST_FETCH_RETRY_BACKOFF,
            retries=job.attempts - 1,
            maximum=settings.INGEST_FETCH_RETRY_BACKOFF_MAX,
            full_jitter=False,
        )
    due = timezone.now() + dt.timedelta(seconds=wait)
    note = f"will retry at {due:%Y-%m-%d %H:%M:%S} UTC (attempt {job.attempts + 1}): {message}"
    with transaction.atomic():
        IngestionJob.objects.filter(pk=job.pk).update(
            status=Status.QUEUED,
            next_attempt_at=due,
            error_kind=kind[:40],
            error=note,
            updated_at=timezone.now(),
        )
        ingest_log(
            job=job,
            event="retry",
            level="warning",
            message=f"attempt {job.attempts} failed, {note}",
        )
        queue.enqueue(queue.FETCH, job.pk, eta=due)


def job_analyse(*, job_id: int) -> IngestionJob | None:
    """Extract and analyse a fetched job (claimed; a job lost with its worker is re-claimed)."""
    if not job_claim(
        job_id=job_id, from_statuses=[Status.FETCHED], to_status=Status.ANALYSING, stale=True
    ):
        return None
    job = IngestionJob.objects.select_related("document", "feed").get(pk=job_id)
    try:
        return _job_analyse(job)
    except Exception as exc:  # a bug must not leave the job "analysing": record it, readable
        logger.exception("analysis of job %s failed", job_id)
        job_fail(job=job, kind="analysis_error", message=f"analysis failed: {exc!r}")
        return job


def _job_analyse(job: IngestionJob) -> IngestionJob:
    doc = job.document
    text, encoding = decode_bytes(bytes(doc.body), doc.declared_charset)
    if doc.content_type == "text/plain":
        extracted = extract_text_file(text)
        extracted.url = doc.final_url
    else:
        extracted = extract_html(text, url=doc.final_url)
    outlet = job.feed.outlet if job.feed is not None else None
    if outlet is None and extracted.is_article:
        outlet = outlet_resolve(url=doc.final_url, language=extracted.language)
    source_kind = (
        Article.SourceKind.FEED
        if job.kind == IngestionJob.Kind.FEED_ENTRY
        else Article.SourceKind.URL
    )
    finish_with_extracted(
        job=job,
        extracted=extracted,
        url=doc.final_url,
        source_kind=source_kind,
        source_ref=(f"feed {job.feed_id}" if job.feed_id else "")[:500],
        outlet=outlet,
        document=doc,
    )
    return job


def jobs_requeue_stale(*, older_than_seconds: int | None = None) -> dict:
    """Queue again the jobs whose message was lost (worker killed, broker flushed) and the
    retries that are due.

    Fetched jobs nobody analysed, fetches and analyses left by a dead worker, queued jobs with no
    retry on the way, and queued jobs whose next attempt time has passed: in-process (no
    broker), this sweep is what retries them; with a broker, only once their message is a minute
    late. The claims make a duplicate message harmless.
    """
    now = timezone.now()
    age = older_than_seconds or settings.INGEST_STALE_CLAIM_SECONDS
    cutoff = now - dt.timedelta(seconds=age)
    stale = IngestionJob.objects.filter(updated_at__lt=cutoff)
    to_analyse = list(
        stale.filter(
            Q(status=Status.FETCHED) | Q(status=Status.ANALYSING, claimed_at__lt=cutoff)
        ).values_list("pk", flat=True)[:500]
    )
    late = dt.timedelta(seconds=60 if queue.broker_configured() else 0)
    # A queued job with no next attempt on record waited twice the longest backoff: its
    # message is lost. One with a next attempt is due once that time has passed.
    lost = Q(
        next_attempt_at__isnull=True,
        updated_at__lt=cutoff - dt.timedelta(seconds=2 * settings.INGEST_FETCH_RETRY_BACKOFF_MAX),
    )
    abandoned = Q(status=Status.FETCHING, claimed_at__lt=cutoff)  # its worker died mid-fetch
    to_fetch = list(
        IngestionJob.objects.filter(
            (lost | Q(next_attempt_at__lte=now - late)) & Q(status=Status.QUEUED) | abandoned
        )
        .exclude(url="")
        .order_by("pk")
        .values_list("pk", flat=True)[:500]
    )
    for job_id in to_analyse:
        queue.enqueue(queue.ANALYSE, job_id)
    for job_id in to_fetch:
        queue.enqueue(queue.FETCH, job_id)
    return {"analyse": len(to_analyse), "fetch": len(to_fetch)}


def outlet_for_url(url: str) -> Outlet | None:
    host = host_of(url)
    if not host:
        return None
    candidates = [host]
    parts = host.split(".")
    candidates += [".".join(parts[i:]) for i in range(1, len(parts) - 1)]
    domain = OutletDomain.objects.select_related("outlet").filter(domain__in=candidates).first()
    return domain.outlet if domain else None


def finish_with_extracted(**kwargs) -> IngestionJob:
    """Store and analyse an extracted article for a job, in one transaction.

    The article insert runs without a savepoint (one round trip less per article); if another
    worker stored the same text or URL first, the transaction fails and is run once more, and
    then finds the stored article.
    """
    extracted: Extracted = kwargs["extracted"]
    reading = None
    if extracted.is_article:
        # Cut and read the text before the transaction opens: it is held only for the writes.
        text_cap(extracted)
        extracted.language = extracted.language or detect_language(extracted.text)
        reading = article_read(
            article=Article(
                text=extracted.text,
                language=extracted.language[:8],
                published_at=extracted.published_at,
            )
        )
    try:
        return _finish_with_extracted(**kwargs, reading=reading)
    except IntegrityError:
        return _finish_with_extracted(**kwargs, reading=reading)


@transaction.atomic
def _finish_with_extracted(
    *,
    job: IngestionJob,
    extracted: Extracted,
    url: str,
    source_kind: str,
    source_ref: str,
    outlet: Outlet | None,
    document: FetchedDocument | None = None,
    reading: Reading | None = None,
) -> IngestionJob:
    if connection.vendor == "postgresql":
        # Analysis output can be re-made: don't wait for the disk flush at commit. A crash loses
        # at most this transaction, job status included, so the job is claimed and run again.
        # The fetched bytes are committed earlier, synchronously (job_fetch).
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
    if not extracted.is_article:
        job_fail(job=job, kind="not_article", message=extracted.reason, status=Status.NOT_ARTICLE)
        return job
    article, created, near, needs_analysis = article_store(
        extracted=extracted, url=url, source_kind=source_kind, source_ref=source_ref, outlet=outlet
    )
    if document is not None and document.article_id != article.pk:
        document.article = article
        document.save(update_fields=["article", "updated_at"])
    result: dict = {"article_id": article.pk}
    if near:
        result["near_duplicate_of"] = near
    if needs_analysis:
        # The reading was of the extracted text; a stored copy (same fingerprint) may differ
        # in its spacing, and is read again.
        same_text = created or article.text == extracted.text
        analysis = article_analyse(
            article=article, fresh=created, reading=reading if same_text else None
        )
        result.update(analysis.as_dict())
    job.article = article
    job.status = Status.DONE if created else Status.DUPLICATE
    job.result = result
    job.analyser_version = ANALYSER_VERSION
    job.finished_at = timezone.now()
    job.error_kind = job.error = ""
    job.save()
    return job


def article_store(
    *, extracted: Extracted, url: str, source_kind: str, source_ref: str, outlet: Outlet | None
) -> tuple[Article, bool, int | None, bool]:
    """Store an article unless its text (or canonical URL) is already stored.

    Returns (article, created, near-duplicate article id, needs analysis). An exact copy returns
    the stored article, which needs analysis only if it never went through the pipeline (a seed
    loaded as a fixture); a near copy (another outlet's rewrite) is stored and joins the
    original's story.
    """
    canon = canonical_url(url) if url.startswith(("http://", "https://")) else ""
    existing, near_id, _sim, values = dedup.article_lookup(text=extracted.text, canonical_url=canon)
    if existing is not None:
        if ArticleSignature.objects.filter(article=existing).exists():
            return existing, False, None, False
        dedup.article_signature_store(article=existing)
        return existing, False, None, True
    article = Article(
        url=url if canon else "",
        canonical_url=canon,
        outlet=outlet,
        title=extracted.title[:500],
        byline=extracted.author[:300],
        published_at=extracted.published_at,
        dateline_utc_offset=extracted.dateline_utc_offset,
        language=extracted.language[:8],
        text=extracted.text,
        text_note=extracted.text_note[:300],
        source_kind=source_kind,
        source_ref=source_ref[:500],
    )
    article.save()  # a concurrent insert of the same text fails the transaction: see caller
    dedup.article_signature_store(article=article, values=values, new=True)
    if near_id is not None:
        dedup.article_join_story(article=article, original_id=near_id)
    return article, True, near_id, True


def text_cap(extracted: Extracted) -> None:
    """Cut a text longer than INGEST_MAX_ANALYSED_CHARS at its last paragraph (or line, or
    word) break before the cap, and say so on the article: analysis time stays bounded."""
    cap = settings.INGEST_MAX_ANALYSED_CHARS
    total = len(extracted.text)
    if not cap or total <= cap:
        return
    head = extracted.text[:cap]
    for sep in ("\n\n", "\n", " "):
        cut = head.rfind(sep)
        if cut >= cap // 2:
            head = head[:cut]
            break
    extracted.text = head.rstrip()
    extracted.text_note = (
        f"text cut to its first {len(extracted.text):,} of {total:,} characters "
        f"(INGEST_MAX_ANALYSED_CHARS={cap})"
    )


def outlet_resolve(*, name: str = "", url: str = "", language: str = "") -> Outlet | None:
    """The outlet a record names, else the one its URL's domain belongs to. An outlet named but
    not on record, or a domain no outlet has, becomes a new outlet pending review (with the
    domain and the article's language), so that the article is attributed all the same."""
    name = name.strip()[:200]
    host = host_of(url) if url else ""
    outlet = None
    if name:
        outlet = Outlet.objects.filter(Q(name__iexact=name) | Q(slug__iexact=name)).first()
    if outlet is None and host:
        outlet = outlet_for_url(url)
        if outlet is not None and name:
            outlet = None  # the record names another outlet than the domain's
    if outlet is not None or not (name or host):
        return outlet
    domain = host.removeprefix("www.")
    name = name or domain
    with transaction.atomic():
        outlet, created = Outlet.objects.get_or_create(
            name=name,
            defaults={
                "slug": _free_slug(name),
                "language": language[:8],
                "review_state": ReviewState.PENDING,
            },
        )
        if domain and not OutletDomain.objects.filter(domain=domain).exists():
            OutletDomain.objects.create(outlet=outlet, domain=domain)
    if created:
        ingest_log(
            event="outlet_proposed",
            message=f"new outlet {name!r} ({domain or 'no domain'}) is pending review",
        )
    return outlet


def _free_slug(name: str) -> str:
    base = (slugify(name) or "outlet")[:90]
    slug, n = base, 1
    while Outlet.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


# --- Files ------------------------------------------------------------------------------------

FILE_SUFFIXES = {".html", ".htm", ".txt", ".json"}


def files_under(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            # seeds/manifest.json describes the seed files; it is not an article record.
            found += sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in FILE_SUFFIXES and p.name != "manifest.json"
            )
        else:
            found.append(path)
    return found


def ingest_file(*, path: Path) -> IngestionJob:
    """Ingest one .html, .txt or .json file synchronously; failures end on the job."""
    job = IngestionJob.objects.create(
        kind=IngestionJob.Kind.FILE, source_ref=str(path)[:500], status=Status.ANALYSING
    )
    suffix = path.suffix.lower()
    limit = settings.INGEST_MAX_DECOMPRESSED_BYTES
    try:
        size = path.stat().st_size
        if size > limit:
            job_fail(
                job=job,
                kind="too_large",
                message=f"refused: {path.name} has {size} bytes, over the {limit}-byte cap "
                "(INGEST_MAX_DECOMPRESSED_BYTES)",
            )
            return job
        raw = path.read_bytes()
    except OSError as exc:
        job_fail(job=job, kind="unreadable", message=f"cannot read {path}: {exc}")
        return job
    url, outlet_name = "", ""
    try:
        if suffix == ".txt":
            text, _ = decode_bytes(raw)
            extracted = extract_text_file(text)
        elif suffix in {".html", ".htm"}:
            text, _ = decode_bytes(raw)
            extracted = extract_html(text)
        elif suffix == ".json":
            extracted, url, outlet_name = _from_json(raw)
        else:
            job_fail(job=job, kind="unsupported", message=f"unsupported file type: {path.name}")
            return job
    except (UnicodeDecodeError, ValueError, ValidationError) as exc:
        job_fail(job=job, kind="bad_file", message=f"{path.name}: {exc}")
        return job
    if url:
        job.url = url
        job.canonical_url = canonical_url(url)
    try:
        outlet = None
        if extracted.is_article:
            outlet = outlet_resolve(name=outlet_name, url=url, language=extracted.language)
        return finish_with_extracted(
            job=job,
            extracted=extracted,
            url=url,
            source_kind=Article.SourceKind.UPLOAD,
            source_ref=path.name,
            outlet=outlet,
        )
    except Exception as exc:  # one bad file must not stop the batch: record it, readable
        logger.exception("ingesting %s failed", path)
        job_fail(job=job, kind="analysis_error", message=f"{path.name}: ingestion failed: {exc!r}")
        return job


_JSON_FIELDS = ("url", "outlet", "published", "title", "text", "language")


def _from_json(raw: bytes) -> tuple[Extracted, str, str]:
    """An article record: (extracted, url, outlet name). Every field is a string or null."""
    text, _ = decode_bytes(raw)
    record = json.loads(text)
    if not isinstance(record, dict):
        raise ValueError(f"a JSON article record is an object, not {type(record).__name__}")
    for key in _JSON_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f'"{key}" must be a string or null, not {type(value).__name__}')
    fields = {key: clean_text(record.get(key) or "").strip() for key in _JSON_FIELDS}
    if not fields["text"]:
        raise ValueError('a JSON article record needs a non-empty "text"')
    published, offset = None, None
    if fields["published"]:
        try:
            published = dt.datetime.fromisoformat(fields["published"].replace("Z", "+00:00"))
        except ValueError as exc:
            raise ValueError(
                f'"published" is not an ISO 8601 date: {fields["published"]!r}'
            ) from exc
        if timezone.is_naive(published):
            published = timezone.make_aware(published, dt.UTC)
        zone = published.utcoffset()
        if zone is not None and len(fields["published"]) > 10:  # a time: keep its zone
            offset = int(zone.total_seconds() // 60)
    text = fields["text"]
    extracted = Extracted(
        text=text,
        title=fields["title"][:500],
        published_at=published,
        dateline_utc_offset=offset,
        language=fields["language"][:8].lower() or detect_language(text),
    )
    if fields["url"]:
        url_validate(fields["url"])
    return extracted, fields["url"], fields["outlet"]


# --- Re-analysis ------------------------------------------------------------------------------


def articles_reprocess_enqueue(*, article_ids: list[int]) -> int:
    """Queue the re-analysis of articles in tasks of at most INGEST_REPROCESS_CHUNK articles,
    each within its task's time limit. Returns the number of tasks queued."""
    size = settings.INGEST_REPROCESS_CHUNK
    ids = sorted(set(article_ids))
    chunks = [ids[start : start + size] for start in range(0, len(ids), size)]
    for chunk in chunks:
        queue.enqueue(queue.REPROCESS, chunk)
    return len(chunks)


def articles_reprocess(*, article_ids: list[int]) -> dict:
    """Re-run analysis over stored articles (idempotent; analyst decisions kept).

    One article's error is recorded and the batch goes on; the task's soft time limit
    (SoftTimeLimitExceeded) is not an article's error and ends the batch.
    """
    done = failed = 0
    for article in Article.objects.filter(pk__in=article_ids).order_by("pk"):
        try:
            article_analyse(article=article)
            done += 1
        except SoftTimeLimitExceeded:
            raise
        except Exception as exc:  # one bad article must not stop the batch
            failed += 1
            ingest_log(
                event="reprocess_failed",
                level="error",
                message=f"re-analysis of article #{article.pk} failed: {exc!r}",
            )
    return {"reprocessed": done, "failed": failed, "analyser_version": ANALYSER_VERSION}
