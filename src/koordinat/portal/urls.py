from django.urls import path, reverse

from koordinat.meetings import extensions as meeting_extensions
from koordinat.plans import extensions as plan_extensions

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("plans/<str:code>/", views.plan, name="plan"),
    path("plans/<str:code>/measures/<str:number>/", views.measure, name="measure"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
    path("organisations/<int:pk>/", views.organization, name="organization"),
    path("districts/<int:pk>/", views.district, name="district"),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
]


def register_public_pages() -> None:
    """The plans' and meetings' own pages send anonymous visitors here."""
    plan_extensions.public_pages.register("plans", lambda: reverse("portal:home"))
    plan_extensions.public_pages.register("plan", lambda code: reverse("portal:plan", args=[code]))
    plan_extensions.public_pages.register(
        "measure", lambda code, number: reverse("portal:measure", args=[code, number])
    )
    meeting_extensions.public_pages.register("meetings", lambda: reverse("portal:meetings"))
    meeting_extensions.public_pages.register("meeting", lambda pk: reverse("portal:meeting", args=[pk]))
