"""Text helpers that need no Django: normalisation, fingerprints, date phrases."""
