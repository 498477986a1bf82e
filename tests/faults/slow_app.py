"""The portal's Celery app for fault tests: the PDF layout waits a moment first, so that a test can kill the
worker (or stop the broker) while a document is being made.

    celery -A tests.faults.slow_app worker ...

``ZVP_FAULT_PDF_DELAY`` is the pause in seconds; the process laying out the PDF writes its pid to
``ZVP_FAULT_PID_FILE`` (the pool child to kill).
"""

import os
import time

from celery.signals import worker_init, worker_process_init

from zvp_portal.celery import app

__all__ = ["app"]


def _slow_down_the_layout(**kwargs):
    from documents import tasks

    real = tasks.html_to_pdf
    if getattr(real, "slowed_down", False):
        return

    def slow(html, report=None, start=0, end=100):
        pid_file = os.environ.get("ZVP_FAULT_PID_FILE")
        if pid_file:
            with open(pid_file, "w") as out:
                out.write(str(os.getpid()))
        time.sleep(float(os.environ.get("ZVP_FAULT_PDF_DELAY", "4")))
        return real(html, report=report, start=start, end=end)

    slow.slowed_down = True
    tasks.html_to_pdf = slow


worker_init.connect(_slow_down_the_layout, weak=False)
worker_process_init.connect(_slow_down_the_layout, weak=False)
