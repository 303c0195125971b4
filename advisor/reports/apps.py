from __future__ import annotations

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "advisor.reports"
    label = "reports"
