"""The REST API (``/api/v1/``): thin views over selectors and services."""
