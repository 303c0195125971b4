from __future__ import annotations

from django.urls import path

from advisor.questionnaire import views

app_name = "questionnaire"
urlpatterns = [
    path("", views.start, name="start"),
    path("<uuid:pk>/review/", views.review, name="review"),
    path("<uuid:pk>/finish/", views.finish, name="finish"),
    path("<uuid:pk>/edit/", views.edit, name="edit"),
    path("<uuid:pk>/results/", views.results, name="results"),
    path("<uuid:pk>/resume/", views.resume, name="resume"),
    path("<uuid:pk>/<slug:section>/", views.step, name="step"),
]
