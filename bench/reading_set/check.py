"""Check the reading set's files: fields, verbatim spans, known values.

python bench/reading_set/check.py [LANG ...]
"""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent / "articles"
KNOWLEDGE = Path(__file__).resolve().parents[2] / "fixtures" / "knowledge"
CHANNELS = {
    "telegram", "social_media", "interview", "press_briefing", "press_conference",
    "told_journalists", "speech", "official_statement", "document", "unknown",
}  # fmt: skip
STATUSES = {
    "proposed", "announced", "scheduled", "talks_under_way", "agreed", "signed", "in_force",
    "stalled", "suspended", "abandoned",
}  # fmt: skip
REQUIRED = ("id", "url", "outlet", "language", "published", "text", "relevant", "tracks",
            "statements", "status_claims", "names", "split", "commitments")  # fmt: skip
COMMITMENT_KINDS = {
    "military_aid", "financial_aid", "sanctions", "training", "intelligence", "cyber",
    "defence_industry", "troops", "air_support", "logistics", "reconstruction",
    "security_guarantee", "nato_path", "eu_path", "reforms", "other",
}  # fmt: skip
COMMITMENT_STAGES = {"announced", "agreed", "allocated", "delivered", "withdrawn"}
COMMITMENT_KEYS = ("party", "beneficiary", "kind", "amount", "amount_low", "currency", "up_to",
                   "per_year", "period_start_year", "period_end_year", "stage", "date",
                   "evidence", "tracks")  # fmt: skip


def _slugs(name: str, section: str) -> set[str]:
    """The slugs of the reference record (fixtures/knowledge/<name>), the bench's own list."""
    record = json.loads((KNOWLEDGE / name).read_text(encoding="utf-8"))
    return {item["slug"] for item in record[section]}


PARTIES = _slugs("parties.json", "parties")
TRACKS = _slugs("tracks.json", "tracks")


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def commitment_problems(cm: dict, text: str) -> list[str]:
    """What is wrong with one entry of an article's "commitments" (format in README.md)."""
    out = [f"missing {k!r}" for k in COMMITMENT_KEYS if k not in cm]
    out += [f"unknown key {k!r}" for k in cm if k not in COMMITMENT_KEYS]
    if out:
        return out
    if cm["party"] not in PARTIES:
        out.append(f"party {cm['party']!r} is not a known party slug")
    if cm["beneficiary"] is not None and cm["beneficiary"] not in PARTIES:
        out.append(f"beneficiary {cm['beneficiary']!r} is not a known party slug")
    if cm["kind"] not in COMMITMENT_KINDS:
        out.append(f"kind {cm['kind']!r}")
    if cm["stage"] not in COMMITMENT_STAGES:
        out.append(f"stage {cm['stage']!r}")
    amount, low, currency = cm["amount"], cm["amount_low"], cm["currency"]
    if amount is None:
        if low is not None or currency:
            out.append("amount_low or currency without an amount")
    elif not _is_number(amount) or amount <= 0:
        out.append(f"amount {amount!r} must be a positive number")
    elif pycountry.currencies.get(alpha_3=currency or "-") is None:
        out.append(f"currency {currency!r} is not an ISO 4217 code")
    if low is not None and (not _is_number(low) or (_is_number(amount) and low > amount)):
        out.append(f"amount_low {low!r} must be a number not above amount")
    for key in ("up_to", "per_year"):
        if not isinstance(cm[key], bool):
            out.append(f"{key} must be true or false")
    start, end = cm["period_start_year"], cm["period_end_year"]
    for key, year in (("period_start_year", start), ("period_end_year", end)):
        if year is not None and not (isinstance(year, int) and 1991 <= year <= 2100):
            out.append(f"{key} {year!r} is not a year")
    if isinstance(start, int) and isinstance(end, int) and start > end:
        out.append("period_start_year after period_end_year")
    if cm["date"] is not None:
        try:
            datetime.date.fromisoformat(cm["date"])
        except (TypeError, ValueError):
            out.append(f"date {cm['date']!r} is not YYYY-MM-DD")
    if not cm["evidence"] or cm["evidence"] not in text:
        out.append(f"evidence not verbatim: {str(cm['evidence'])[:60]!r}")
    if not isinstance(cm["tracks"], list) or any(t not in TRACKS for t in cm["tracks"]):
        out.append(f"tracks {cm['tracks']!r} not all known track slugs")
    return out


def problems_of(path: Path) -> list[str]:
    try:
        art = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"unreadable: {exc}"]
    out = [f"missing field {k!r}" for k in REQUIRED if k not in art]
    if out:
        return out
    text = art["text"]
    if art["id"] != path.stem:
        out.append(f"id {art['id']!r} differs from the file name")
    if art["language"] != path.parent.name:
        out.append(f"language {art['language']!r} differs from the folder")
    if art["split"] not in {"tune", "test"}:
        out.append("split must be tune or test")
    if not art["relevant"] and (art["statements"] or art["tracks"] or art["commitments"]):
        out.append("a distractor has statements, tracks or commitments")
    for i, st in enumerate(art["statements"]):
        where = f"statement {i}"
        for key in ("speaker", "speaker_type", "speaker_party", "speaker_as_written", "text",
                    "kind", "channel", "date", "tracks"):  # fmt: skip
            if key not in st:
                out.append(f"{where}: missing {key!r}")
        if st.get("text") and st["text"] not in text:
            out.append(f"{where}: text not verbatim: {st['text'][:60]!r}")
        if st.get("kind") not in {"direct_quote", "paraphrase"}:
            out.append(f"{where}: kind {st.get('kind')!r}")
        if st.get("channel") not in CHANNELS:
            out.append(f"{where}: channel {st.get('channel')!r}")
        if st.get("speaker_type") not in {"person", "institution", "group"}:
            out.append(f"{where}: speaker_type {st.get('speaker_type')!r}")
        if st.get("speaker_as_written") and st["speaker_as_written"] not in text:
            out.append(f"{where}: speaker_as_written not in text: {st['speaker_as_written']!r}")
    for i, sc in enumerate(art["status_claims"]):
        if sc.get("status") not in STATUSES:
            out.append(f"status claim {i}: status {sc.get('status')!r}")
        if sc.get("evidence") and sc["evidence"] not in text:
            out.append(f"status claim {i}: evidence not verbatim")
    seen: list[dict] = []
    for i, cm in enumerate(art["commitments"]):
        out += [f"commitment {i}: {problem}" for problem in commitment_problems(cm, text)]
        if cm in seen:
            out.append(f"commitment {i}: the same entry twice")
        seen.append(cm)
    for i, nm in enumerate(art["names"]):
        if nm.get("type") not in {"person", "party", "place"}:
            out.append(f"name {i}: type {nm.get('type')!r}")
        if nm.get("text") and nm["text"] not in text:
            out.append(f"name {i}: {nm['text']!r} not in text")
    return out


def main(argv: list[str]) -> int:
    langs = argv or sorted(p.name for p in ROOT.iterdir() if p.is_dir())
    bad = 0
    total = 0
    for lang in langs:
        for path in sorted((ROOT / lang).glob("*.json")):
            total += 1
            for problem in problems_of(path):
                bad += 1
                print(f"{path.relative_to(ROOT.parent)}: {problem}")
    print(f"{total} articles checked, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
