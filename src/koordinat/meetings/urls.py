from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="meetings"),
    path("new/", views.meeting_create, name="meeting_create"),
    path("series/new/", views.series_create, name="series_create"),
    path("instructions/new/", views.instruction_register, name="instruction_register"),
    path("instructions/<int:pk>/", views.instruction_detail, name="instruction"),
    path("<int:pk>/", views.meeting_detail, name="meeting"),
    path("<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("<int:pk>/held/", views.meeting_held, name="meeting_held"),
    path("<int:pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("<int:pk>/invite/", views.meeting_invite, name="meeting_invite"),
    path("<int:pk>/meeting.ics", views.meeting_calendar, name="meeting_calendar"),
    path("<int:pk>/documents/<str:kind>.<str:fmt>/<str:language>/", views.meeting_document, name="document"),
    path("<int:pk>/agenda/new/", views.agenda_item, name="agenda_create"),
    path("<int:pk>/agenda/<int:position>/", views.agenda_item, name="agenda_edit"),
    path("<int:pk>/minutes/", views.minutes_start, name="minutes_start"),
    path("<int:pk>/minutes/circulate/", views.minutes_circulate, name="minutes_circulate"),
    path("<int:pk>/minutes/comment/", views.minutes_comment, name="minutes_comment"),
    path("<int:pk>/minutes/approve/", views.minutes_approve, name="minutes_approve"),
    path("<int:pk>/minutes/publish/", views.minutes_publish, name="minutes_publish"),
    path("<int:pk>/instructions/new/", views.instruction_form, name="instruction_create"),
    path("<int:pk>/instructions/<int:instruction_pk>/", views.instruction_form, name="instruction_edit"),
]
