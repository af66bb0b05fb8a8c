"""Check the reading set's files: fields, verbatim spans, known values.

python bench/reading_set/check.py [LANG ...]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent / "articles"
CHANNELS = {
    "telegram", "social_media", "interview", "press_briefing", "press_conference",
    "told_journalists", "speech", "official_statement", "document", "unknown",
}  # fmt: skip
STATUSES = {
    "proposed", "announced", "scheduled", "talks_under_way", "agreed", "signed", "in_force",
    "stalled", "suspended", "abandoned",
}  # fmt: skip
REQUIRED = ("id", "url", "outlet", "language", "published", "text", "relevant", "tracks",
            "statements", "status_claims", "names", "split")  # fmt: skip


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
    if not art["relevant"] and (art["statements"] or art["tracks"]):
        out.append("a distractor has statements or tracks")
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
