"""Pages that are not articles (index pages, lists of headlines) are recorded as such.

The decision reads the extracted body: the share of it that is the text of links on the page,
and the sentences of the rest. Checked on the 181 real articles of the article-extraction
benchmark (none refused) and on index pages made from the same sites' pages: each page's own
template with its paragraphs taken out and a list of headline links in their place (the site's
own links of four words or more, then the titles of the corpus's other articles).
"""

from __future__ import annotations

import gzip
import json

import lxml.html
import pytest

from bench._setup import CORPUS
from negotiations.models import Article, IngestionJob
from negotiations.services.extract import extract_html
from negotiations.services.ingest import job_analyse, job_fetch
from tests.factories import IngestionJobFactory


@pytest.fixture(scope="module")
def truth() -> dict:
    """The 181-page corpus beside the project (``../shared``, or EXTRACTION_CORPUS): it is part
    of the machine the suite runs on, so a missing corpus fails the test instead of skipping it."""
    path = CORPUS / "ground-truth.json"
    assert path.exists(), f"the article-extraction benchmark is not at {CORPUS} (EXTRACTION_CORPUS)"
    return json.loads(path.read_text(encoding="utf-8"))


def headlines_page(n: int = 200) -> bytes:
    items = "".join(
        f"<li><a href='/news/{i}'>Headline {i}: Kyiv and Washington talk security guarantees"
        "</a></li>"
        for i in range(n)
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>World news</title>"
        "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><main>"
        f"<h1>World news</h1><ul>{items}</ul></main></body></html>"
    ).encode()


@pytest.mark.django_db
def test_page_of_200_headline_links_is_recorded_as_not_an_article(server, settings):
    url = server.add("/not-article", headlines_page(), headers={"Content-Type": "text/html"})
    job = IngestionJobFactory(kind=IngestionJob.Kind.URL, url=url)
    assert job_fetch(job_id=job.pk)
    job_analyse(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == IngestionJob.Status.NOT_ARTICLE
    assert job.error.startswith("not an article: ")
    assert job.error.endswith(" characters of main text outside links (at least 250 needed)")
    assert not Article.objects.exists()


def test_mostly_links_with_little_prose_is_an_index_page(settings):
    intro = "<p>" + "Our coverage of the negotiations, updated daily " * 8 + "</p>"
    html = headlines_page(100).decode().replace("<ul>", intro + "<ul>")
    result = extract_html(html)
    assert not result.is_article
    assert result.reason.startswith("not an article: ")
    assert result.reason.endswith(
        "of the main text is links, with 0 sentences of prose (an index page)"
    )


def _corpus(truth: dict):
    for key, item in truth.items():
        html = gzip.decompress((CORPUS / "html" / f"{key}.html.gz").read_bytes())
        yield item["url"], html.decode("utf-8", errors="replace")


def test_no_real_article_of_the_corpus_is_refused(settings, truth):
    refused = []
    for url, html in _corpus(truth):
        result = extract_html(html, url=url)
        if not result.is_article:
            refused.append((url, result.reason))
    assert refused == []


def index_page(html: str, titles: list[tuple[str, str]]) -> str:
    """A section front of the page's site: its head (title, meta tags), its navigation links
    and a list of headline links (the site's own links of four words or more, then titles of
    the corpus's other articles), as a site's index page carries them."""
    tree = lxml.html.fromstring(html)
    links = [(a.get("href") or "/", " ".join(a.text_content().split())) for a in tree.iter("a")]
    nav = [(href, text) for href, text in links if 0 < len(text.split()) < 4][:30]
    headlines = [(href, text) for href, text in links if len(text.split()) >= 4]
    head = tree.find("head")
    page = lxml.html.fromstring(
        "<html><body><header><nav></nav></header><main><h1>Latest"
        "</h1><ul></ul></main></body></html>"
    )
    if head is not None:
        page.insert(0, head)
    for href, text in nav:
        a = lxml.html.Element("a", href=href)
        a.text = text
        page.find(".//nav").append(a)
    for href, text in (headlines + titles)[:60]:
        li = lxml.html.fromstring("<li><a></a></li>")
        li[0].set("href", href)
        li[0].text = text
        page.find(".//ul").append(li)
    return lxml.html.tostring(page, encoding="unicode")


def test_index_pages_of_the_corpus_sites_are_refused(settings, truth):
    pages = list(_corpus(truth))
    titles = []
    for url, html in pages:
        title = lxml.html.fromstring(html).findtext(".//title") or ""
        if len(title.split()) >= 4:
            titles.append((url, " ".join(title.split())))
    accepted = []
    for n, (url, html) in enumerate(pages):
        others = titles[n + 1 :] + titles[:n]
        result = extract_html(index_page(html, others), url=url)
        if result.is_article:
            accepted.append(url)
    assert len(accepted) == 0, accepted
