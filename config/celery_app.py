"""The Celery app. Settings come from Django settings (CELERY_*); the beat schedule too."""

from __future__ import annotations

import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("alianza")
app.config_from_object("django.conf:settings", namespace="CELERY")

# The filesystem transport needs its folders before the first message.
for folder in ("data_folder_in", "processed_folder", "control_folder"):
    path = app.conf.broker_transport_options.get(folder)
    if path:
        Path(path).mkdir(parents=True, exist_ok=True)

app.autodiscover_tasks()
