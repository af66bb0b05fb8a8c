"""The embedded default (SQLite, tasks in-process) ingests what a user gives it after `make run`.

Runs manage.py in fresh processes against a SQLite file: the near-duplicate lookup and the
entity-index stamp are the pipeline's own SQL, and must hold on both databases.
"""

from __future__ import annotations

import json

from tests.tracker.test_settings import manage


def test_ingest_on_sqlite_reads_seeds_and_a_json_record(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "DEBUG": "1"}
    for command in (["migrate", "--no-input"], ["load_seed_record"]):
        done = manage(*command, **env)
        assert done.returncode == 0, done.stderr
    seeds = manage("ingest", "seeds", **env)
    assert seeds.returncode == 0, seeds.stderr
    assert "5 files. duplicate: 5" in seeds.stdout  # the loader stored them: found again
    record = tmp_path / "report.json"
    record.write_text(
        json.dumps(
            {
                "url": "https://example.org/talks",
                "published": "2025-05-16",
                "language": "ru",
                "text": "Переговоры о мирном соглашении и гарантиях безопасности в Стамбуле "
                "завершились. Глава российской делегации Владимир Мединский заявил, что Россия "
                "довольна результатом переговоров с Украиной и готова продолжать контакты.",
            }
        ),
        encoding="utf-8",
    )
    again = manage("ingest", str(record), **env)
    assert again.returncode == 0, again.stderr
    assert "done" in again.stdout, again.stdout
    assert "statements=1" in again.stdout, again.stdout
    copy = manage("ingest", str(record), **env)  # the same record again: an exact duplicate
    assert "duplicate" in copy.stdout, copy.stdout
