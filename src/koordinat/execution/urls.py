from django.urls import path

from . import views

app_name = "execution"

urlpatterns = [
    path("", views.my_work, name="my_work"),
    path("review/", views.review_queue, name="review_queue"),
    path("register/", views.control_register, name="register"),
    path("register/filters/", views.saved_filter_create, name="saved_filter_create"),
    path("register/filters/<int:pk>/remove/", views.saved_filter_remove, name="saved_filter_remove"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/extension/", views.extension_request, name="extension_request"),
    path("items/<int:pk>/controller/", views.item_controller_person, name="item_controller_person"),
    path("items/<int:pk>/close/", views.item_close, name="item_close"),
    path("items/<int:pk>/control-date/", views.item_control_date, name="item_control_date"),
    path("items/<int:pk>/public/", views.item_publication, name="item_publication"),
    path(
        "items/<int:pk>/public/withdraw/", views.item_publication_withdraw, name="item_publication_withdraw"
    ),
    path("no-control-date/", views.items_without_control_date, name="undated"),
    path("extensions/<int:pk>/decide/", views.extension_decide, name="extension_decide"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/review/", views.report_review, name="report_review"),
    path("reports/<int:pk>/head/", views.report_head_decide, name="report_head"),
    path("reports/<int:pk>/versions/<int:number>/", views.report_version, name="report_version"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("plans/<str:code>/cycles/", views.plan_cycles, name="plan_cycles"),
    path("cycles/<int:pk>/", views.cycle_detail, name="cycle"),
    path("cycles/<int:pk>/close/", views.cycle_close, name="cycle_close"),
]
