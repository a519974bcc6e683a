from django.urls import path

from . import views

app_name = "analytics"

urlpatterns = [
    path("discipline/", views.league_table, name="league"),
    path("plans/<str:code>/official-reports/", views.official_reports, name="official_reports"),
    path("official-reports/<int:pk>/", views.official_report, name="official_report"),
    path(
        "official-reports/<int:pk>/download/", views.official_report_download, name="official_report_download"
    ),
    path("official-reports/<int:pk>/retry/", views.official_report_retry, name="official_report_retry"),
]
