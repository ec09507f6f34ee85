"""gunicorn settings for the web service in production: `gunicorn -c webservice/gunicorn_conf.py`.

Slow clients: a sync or threaded worker gives each connection a worker or thread until its
request has arrived, so a few connections that send a byte at a time hold them all. A
gevent worker gives each connection a greenlet instead, so slow connections cost memory,
not the service; `timeout` still restarts a worker stuck in the skill. In front of it, a
buffering reverse proxy (nginx, see README "Production") reads whole requests with a
body timeout and size limit before they reach gunicorn. Not part of the Lambda artifact.
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
chdir = os.path.dirname(os.path.abspath(__file__))
wsgi_app = "web_service:create_app()"
worker_class = "gevent"
workers = int(os.environ.get("WEB_WORKERS", "2"))
worker_connections = 1000  # concurrent connections per worker, slow ones included
timeout = 30  # a worker silent this long is restarted
graceful_timeout = 10
keepalive = 5
limit_request_line = 4096
limit_request_fields = 50
limit_request_field_size = 8190
