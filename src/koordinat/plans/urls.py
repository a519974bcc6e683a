from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="plans"),
    path("import/", views.plan_import, name="import"),
    path("import/<uuid:token>/", views.plan_import_preview, name="import_preview"),
    path("import/<uuid:token>/languages/", views.plan_import_languages, name="import_languages"),
    path("new/", views.plan_create, name="plan_create"),
    path("acts/new/", views.legal_act_create, name="legal_act_create"),
    path("<str:code>/", views.plan_detail, name="plan"),
    path("<str:code>/edit/", views.plan_edit, name="plan_edit"),
    path("<str:code>/publish/", views.plan_publication, {"action": "publish"}, name="plan_publish"),
    path("<str:code>/unpublish/", views.plan_publication, {"action": "unpublish"}, name="plan_unpublish"),
    path("<str:code>/measures/new/", views.measure_create, name="measure_create"),
    path("<str:code>/measures/<str:number>/", views.measure_detail, name="measure"),
    path("<str:code>/measures/<str:number>/edit/", views.measure_edit, name="measure_edit"),
    path("<str:code>/measures/<str:number>/indicators/new/", views.indicator_create, name="indicator_create"),
    path(
        "<str:code>/measures/<str:number>/indicators/<int:pk>/",
        views.indicator_edit,
        name="indicator_edit",
    ),
    path("<str:code>/export/<str:fmt>/", views.plan_export, name="export"),
]
