from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="events"),
    path("new/", views.event_create, name="event_create"),
    path("<int:pk>/", views.event_detail, name="event"),
    path("<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("<int:pk>/publish/", views.event_publish, name="event_publish"),
    path("<int:pk>/withdraw/", views.event_unpublish, name="event_unpublish"),
    path("<int:pk>/agenda/", views.agenda_add, name="event_agenda_add"),
    path("<int:pk>/agenda/<int:item_pk>/remove/", views.agenda_remove, name="event_agenda_remove"),
    path("<int:pk>/proposals/", views.proposal_add, name="event_proposal_add"),
    path("<int:pk>/proposals/<int:item_pk>/remove/", views.proposal_remove, name="event_proposal_remove"),
    path("<int:pk>/outcome/", views.outcome, name="event_outcome"),
]
