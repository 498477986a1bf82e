"""The Celery application.

Configured from Django settings under the ``CELERY_`` namespace, so the broker
comes from ``CELERY_BROKER_URL``. Without it the embedded defaults run every
task eagerly, in-process (see settings).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zvp_portal.settings")

app = Celery("zvp_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
