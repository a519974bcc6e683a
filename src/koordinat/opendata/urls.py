from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("datapackage.json", views.datapackage, name="datapackage"),
    path("feed.atom", views.feed, name="feed"),
    path("popolo.json", views.popolo_json, name="popolo"),
    path("plans/<str:code>/datapackage.json", views.plan_datapackage, name="plan_datapackage"),
    path("plans/<str:code>/<slug:name>.<slug:kind>", views.plan_file, name="plan_file"),
    path("<slug:name>.<slug:kind>", views.dataset_file, name="file"),
]
