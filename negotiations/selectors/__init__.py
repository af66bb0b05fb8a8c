"""Reads that callers share (the API, the admin and its workbench, the exports), one module per
read concept. Import the module you need (``from negotiations.selectors import timeline``):

- ``common``: the review filter and the sorting keys of nullable dates.
- ``reference``: parties, officials with positions, aliases, outlets, articles.
- ``records``: statements, status changes and commitments as REST clients read them.
- ``tracks``: tracks with their current status; the workbench's track page.
- ``timeline``: a track's status changes and statements in one order, and its cursor.
- ``coverage``: a statement's reports and the one rule for independent outlets.
- ``search``: full-text search (PostgreSQL) and its portable fallback.
- ``queue``: the review queue's kinds, rows and counts.
- ``comparison``: cross-outlet comparison of a statement's wordings or a story's articles.
- ``dashboard``: the admin index's figures.
- ``changes``: the rows changed since a sync client's marker (the sync contract).

Every list queryset fetches a page in a fixed number of queries whatever the page size
(``select_related`` for to-one, ``Prefetch`` with narrow querysets for to-many).
"""
