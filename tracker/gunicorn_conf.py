"""gunicorn settings the service needs whoever starts it (``scripts/run.sh``, the Docker image,
the API fuzz test): ``gunicorn -c python:tracker.gunicorn_conf tracker.wsgi``.

The API's lists take many filters, an ordering and a cursor; a client that combines them (or a
mirror paging with ``changed_since`` and a cursor) can send a request line longer than gunicorn's
default 4,094 bytes, which gunicorn refuses with an HTML page before Django can answer in JSON.
8,190 is the largest value gunicorn allows; the body size stays bounded by
DATA_UPLOAD_MAX_MEMORY_SIZE.

Its workers are marked ``TRACKER_PROCESS=web``, so the settings give their database connections
the web requests' statement timeout (``WEB_STATEMENT_TIMEOUT``); workers and commands have none.
"""

limit_request_line = 8190
raw_env = ["TRACKER_PROCESS=web"]
