"""The public's pages, under the portal's prefix (/az/portal/events/, /az/portal/councils/)."""

from django.urls import path

from . import public_views

app_name = "public_events"

urlpatterns = [
    path("events/", public_views.event_list, name="events"),
    path("events/<int:pk>/", public_views.event, name="event"),
    path("events/<int:pk>/register/", public_views.register, name="register"),
    path("events/confirm/<str:token>/", public_views.confirm, name="confirm"),
    path("councils/<int:pk>/", public_views.council, name="council"),
]
