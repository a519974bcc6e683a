from django.urls import path

from . import views

app_name = "analytics"

urlpatterns = [
    path("", views.headquarters, name="dashboard"),
    path("plans/<str:code>/", views.plan_dashboard, name="dashboard_plan"),
    path("bodies/<int:pk>/", views.body_dashboard, name="dashboard_body"),
    path("organizations/<int:pk>/", views.organization_dashboard, name="dashboard_organization"),
    path("districts/<int:pk>/", views.district_dashboard, name="dashboard_district"),
    path("choose/", views.dashboard_choice, name="dashboard_choice"),
    path("comparison/", views.comparison_page, name="comparison"),
    path("discipline/", views.league_table, name="league"),
    path("at-risk/", views.at_risk, name="at_risk"),
    path("plans/<str:code>/official-reports/", views.official_reports, name="official_reports"),
    path("official-reports/<int:pk>/", views.official_report, name="official_report"),
    path(
        "official-reports/<int:pk>/download/", views.official_report_download, name="official_report_download"
    ),
    path("official-reports/<int:pk>/retry/", views.official_report_retry, name="official_report_retry"),
]
