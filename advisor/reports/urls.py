from __future__ import annotations

from django.urls import path

from advisor.reports import exports, plan_calendar, reminder_views, summary, views

app_name = "reports"
urlpatterns = [
    path("reports/", views.report_list, name="list"),
    path("reports/save/<uuid:pk>/", views.save, name="save"),
    path("r/<str:token>/", views.detail, name="detail"),
    path("r/<str:token>/details/", views.details, name="details"),
    path("r/<str:token>/steps/<slug:step>/", views.step_state, name="step"),
    path("r/<str:token>/reset/", views.reset, name="reset"),
    path("r/<str:token>/delete/", views.delete, name="delete"),
    path("r/<str:token>/share/", views.share, name="share"),
    path("r/<str:token>/email/", views.email_link, name="email"),
    path("r/<str:token>/retake/", views.retake, name="retake"),
    path("r/<str:token>/export.csv", exports.export_csv, name="csv"),
    path("r/<str:token>/export.json", exports.export_json, name="json"),
    path("r/<str:token>/print/", exports.print_view, name="print"),
    path("r/<str:token>/summary/", summary.summary, name="summary"),
    path("r/<str:token>/plan.ics", plan_calendar.owner_calendar, name="calendar"),
    path("r/<str:token>/reminder/", reminder_views.reminder, name="reminder"),
    path("s/<str:token>/", views.shared, name="shared"),
    path("s/<str:token>/summary/", summary.shared_summary, name="shared_summary"),
    path("s/<str:token>/plan.ics", plan_calendar.shared_calendar, name="shared_calendar"),
    path("reminders/stop/<str:token>/", reminder_views.unsubscribe, name="unsubscribe"),
]
