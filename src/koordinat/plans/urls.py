from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="plans"),
    path("import/", views.plan_import, name="import"),
    path("import/<uuid:token>/", views.plan_import_preview, name="import_preview"),
    path("<str:code>/", views.plan_detail, name="plan"),
    path("<str:code>/measures/<str:number>/", views.measure_detail, name="measure"),
    path("<str:code>/export/<str:fmt>/", views.plan_export, name="export"),
]
