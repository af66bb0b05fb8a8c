from __future__ import annotations

from negotiations.text import minhash
from negotiations.text.statuses import classify_sentence
from negotiations.text.urls import canonical_url

STORY = (
    "Kyiv and Washington started talks on Thursday aimed at providing security guarantees for "
    "Ukraine, President Volodymyr Zelensky's chief of staff said, a follow-up to pledges by G7 "
    "countries at last month's NATO summit. Ukraine was told that the Group of Seven would draw "
    "up and honor security guarantees and help bolster its military."
)


def test_near_copies_share_a_band_and_unrelated_texts_do_not():
    a = minhash.signature(STORY)
    b = minhash.signature(STORY.replace("Thursday", "Thursday, officials said,") + " Reuters")
    c = minhash.signature("Gaming used to be so simple. We bought a game and played it to the end.")
    assert minhash.similarity(a, b) >= minhash.THRESHOLD
    assert set(minhash.band_keys(a)) & set(minhash.band_keys(b))
    assert minhash.similarity(a, c) < 0.1
    assert not set(minhash.band_keys(a)) & set(minhash.band_keys(c))
    assert len(minhash.band_keys(a)) == minhash.BANDS
    assert (minhash.from_bytes(minhash.to_bytes(a)) == a).all()


def test_canonical_url_strips_tracking():
    assert (
        canonical_url("https://WWW.Example.com/news/1?utm_source=x&id=3&fbclid=abc#comments")
        == "https://www.example.com/news/1?id=3"
    )
    assert canonical_url("http://h.example/p?story=12&utm_medium=rss&gclid=1") == (
        "http://h.example/p?story=12"
    )
    assert canonical_url("") == ""


def test_status_language():
    assert classify_sentence("Kyiv and Washington started talks on Thursday.").status == (
        "talks_under_way"
    )
    assert classify_sentence("Kiev and Washington will enter into talks in August.").status == (
        "scheduled"
    )
    assert classify_sentence("The two sides signed the agreement in Kyiv.").status == "signed"
    assert classify_sentence("The negotiations have stalled over troops.").status == "stalled"
    assert classify_sentence("There is no prospect of direct peace talks.") is None
