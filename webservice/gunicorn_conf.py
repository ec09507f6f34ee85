"""gunicorn settings for the web service in production: `gunicorn -c webservice/gunicorn_conf.py`.

Slow clients: a sync or threaded worker gives each connection a worker or thread until its
request has arrived, so a few connections that send a byte at a time hold them all. A
gevent worker gives each connection a greenlet instead, so slow connections cost memory
while there are fewer than `worker_connections` per worker; gevent bounds the wait for
headers but not for the body, so the service itself gives the whole body `body_deadline`
seconds (then 408, for any worker class): at the connection limit a slow-body flood holds
/health for at most that long. In front of it, nginx (webservice/nginx.conf, see
docs/web-service.md) reads whole requests with a body timeout and size limit before they
reach gunicorn, so slow clients meet nginx's connection limit, not this one; `timeout`
still restarts a worker stuck in the skill. Not part of the Lambda artifact.
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
chdir = os.path.dirname(os.path.abspath(__file__))
wsgi_app = "web_service:create_app()"
# Seconds for a whole request body, then 408; passed to the app through its environment.
body_deadline = os.environ.get("WEB_BODY_DEADLINE", "5")
raw_env = [f"WEB_BODY_DEADLINE={body_deadline}"]
worker_class = "gevent"
workers = int(os.environ.get("WEB_WORKERS", "2"))
worker_connections = 1000  # concurrent connections per worker, slow ones included
timeout = 30  # a worker silent this long is restarted
graceful_timeout = 10
keepalive = 5
limit_request_line = 4096
limit_request_fields = 50
limit_request_field_size = 8190
