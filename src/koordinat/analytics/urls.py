from django.urls import path

from . import views

app_name = "analytics"

urlpatterns = [
    path("discipline/", views.league_table, name="league"),
    path("at-risk/", views.at_risk, name="at_risk"),
]
