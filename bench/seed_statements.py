"""Statements extracted from the five seeds against the curated seed record.

    .venv/bin/python bench/seed_statements.py     (DATABASE_URL: default tracker_bench_seed)

Loads the curated record (load_seed_record), removes the curated statements (so that extraction
stands alone: corroboration would otherwise hand it the curated speaker), runs
``manage.py ingest seeds/`` and compares report by report, per article:
- a curated report is found (recall) when a machine report of the same article has the same
  speaker (the official; the party or description when the record names no official) and its
  wording overlaps the curated wording (their character spans intersect);
- a machine report is correct (precision) when it matches a curated report that way.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import ROOT, setup


def speaker_key(speaker, party, description):
    if speaker:
        return ("official", speaker)
    return ("party", party) if party else ("desc", description)


def main(verbose: bool = "-v" in sys.argv) -> None:
    setup("tracker_bench_seed")
    from django.core.management import call_command

    from negotiations.models import Article, Statement, StatementReport

    call_command("load_seed_record", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    Statement.objects.all().delete()
    call_command("ingest", str(ROOT / "seeds"), stdout=open("/dev/null", "w"))  # noqa: SIM115
    articles = {a.source_ref: a for a in Article.objects.all()}

    curated = []
    fixture = json.loads((ROOT / "fixtures" / "statements.json").read_text(encoding="utf-8"))
    for s in fixture["statements"]:
        key = speaker_key(s["speaker"], s["speaker_party"], s["speaker_description"])
        for r in s["reports"]:
            curated.append((articles[r["article"]].pk, key, r["char_start"], r["char_end"], r))
    ours = []
    for r in StatementReport.objects.select_related(
        "statement__speaker", "statement__speaker_party"
    ).filter(origin="machine"):
        st = r.statement
        key = speaker_key(
            st.speaker.slug if st.speaker else None,
            st.speaker_party.slug if st.speaker_party else None,
            st.speaker_description,
        )
        ours.append((r.article_id, key, r.char_start, r.char_end, st))

    def match(c, o) -> bool:
        same_speaker = c[1] == o[1] or (c[1][0] == "party" and o[1] == c[1])
        return c[0] == o[0] and same_speaker and o[2] < c[3] and c[2] < o[3]

    found = [c for c in curated if any(match(c, o) for o in ours)]
    correct = [o for o in ours if any(match(c, o) for c in curated)]
    recall = len(found) / len(curated)
    precision = len(correct) / len(ours) if ours else 0.0
    print(f"curated reports: {len(curated)}, machine reports: {len(ours)}")
    print(f"recall    = {recall:.3f} ({len(found)}/{len(curated)})   target >= 0.9")
    print(f"precision = {precision:.3f} ({len(correct)}/{len(ours)})   target >= 0.9")
    if verbose:
        for c in curated:
            if c not in found:
                print("MISSED", c[1], c[4]["article"][:3], c[4]["wording"][:100])
        for o in ours:
            if o not in correct:
                print("EXTRA ", o[1], o[0], o[4].text[:100])


if __name__ == "__main__":
    main()
