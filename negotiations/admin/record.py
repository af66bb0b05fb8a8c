"""Admin for the curated record."""

from __future__ import annotations
