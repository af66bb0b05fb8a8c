"""Indexes for the API's default orderings over nullable dates.

Cursor pagination needs a non-null sort key, so the API orders statements by
COALESCE(said_on, '0001-01-01') and articles by COALESCE(published_at, '0001-01-01'): undated rows
sort as the oldest. These expression indexes serve those orderings (newest first, id as the
tie-breaker) so a page is an index range scan rather than a sort of the whole table.
"""

from django.db import migrations

INDEXES = (
    (
        "statement_said_sort",
        "negotiations_statement",
        "(COALESCE(said_on, '0001-01-01'::date)) DESC, id DESC",
    ),
    (
        "article_published_sort",
        "negotiations_article",
        "(COALESCE(published_at, '0001-01-01 00:00:00+00:00'::timestamptz)) DESC, id DESC",
    ),
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, columns in INDEXES:
        schema_editor.execute(f"CREATE INDEX {name} ON {table} ({columns})")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("negotiations", "0005_api_search")]

    operations = [migrations.RunPython(forwards, backwards)]
