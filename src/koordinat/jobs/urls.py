from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("", views.jobs, name="jobs"),
    path("<uuid:pk>/retry/", views.retry, name="retry"),
]
