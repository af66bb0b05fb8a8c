"""Ingestion time per MB of text at 100 KB, 1 MB and 4 MB: the pipeline must be linear.

    .venv/bin/python bench/ingest_scaling.py [--profile SIZE_KB [tottime]]
    (DATABASE_URL: default tracker_bench_scaling)

Loads the curated seed record and the knowledge base (a realistic entity index), then ingests,
through ``ingest_file`` (the path of ``manage.py ingest``), plain-text files made of the five
seed articles repeated, each copy with a numbered paragraph so that no two texts are duplicates.
The analysis cap (``INGEST_MAX_ANALYSED_CHARS``) is lifted for the run so that the whole text is
analysed: the figures measure the pipeline, not the cap. Printed per size: seconds, seconds per
MB, and the ratio of the per-MB time to the 100 KB baseline measured in the same run (flat =
about 1). ``--profile 1000 [tottime]`` runs cProfile over one ingest of that size.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import ROOT, setup

SIZES_KB = (100, 1000, 4000)


def make_text(size_kb: int, tag: str) -> str:
    seeds = [p.read_text(encoding="utf-8").strip() for p in sorted((ROOT / "seeds").glob("*.txt"))]
    parts, total, i = [], 0, 0
    while total < size_kb * 1000:
        part = f"Part {tag}-{i}.\n\n{seeds[i % len(seeds)]}\n\n"
        parts.append(part)
        total += len(part.encode())
        i += 1
    return "".join(parts)


def ingest_once(size_kb: int, tag: str, folder: Path) -> float:
    from negotiations.services.ingest import ingest_file

    path = folder / f"scaling_{tag}_{size_kb}.txt"
    path.write_text(make_text(size_kb, tag), encoding="utf-8")
    start = time.perf_counter()
    job = ingest_file(path=path)
    elapsed = time.perf_counter() - start
    if job.status != "done":
        raise SystemExit(f"{path.name}: {job.status} {job.error}")
    return elapsed


def main() -> None:
    setup("tracker_bench_scaling")
    from django.conf import settings
    from django.core.management import call_command

    devnull = open("/dev/null", "w")  # noqa: SIM115
    call_command("load_seed_record", verbosity=0, stdout=devnull)
    call_command("load_knowledge_base", verbosity=0, stdout=devnull)
    settings.INGEST_MAX_ANALYSED_CHARS = 0  # analyse everything: measure the pipeline
    run = str(int(time.time()))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if "--profile" in sys.argv:
            size = int(sys.argv[sys.argv.index("--profile") + 1])
            profile(size, run, folder)
            return
        ingest_once(20, f"{run}w", folder)  # warm-up: entity index, language packs
        figures = []
        for size in SIZES_KB:
            seconds = ingest_once(size, run, folder)
            figures.append((size, seconds, seconds / (size / 1000)))
    base = figures[0][2]
    print(f"{'size':>8} {'seconds':>9} {'s/MB':>8} {'ratio':>7}")
    for size, seconds, per_mb in figures:
        print(f"{size:>6}KB {seconds:>9.2f} {per_mb:>8.2f} {per_mb / base:>7.2f}")


def profile(size_kb: int, run: str, folder: Path) -> None:
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.runcall(ingest_once, size_kb, run, folder)
    pstats.Stats(prof).sort_stats(
        sys.argv[-1] if sys.argv[-1] in {"tottime", "cumulative"} else "cumulative"
    ).print_stats(40)


if __name__ == "__main__":
    main()
