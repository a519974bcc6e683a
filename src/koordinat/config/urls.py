from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from koordinat.core import views as core_views

urlpatterns = i18n_patterns(
    path("", core_views.home, name="home"),
    path("accounts/", include("koordinat.accounts.urls")),
    path("directory/", include("koordinat.directory.urls")),
    path("plans/", include("koordinat.plans.urls")),
    path("control/", include("koordinat.execution.urls")),
    path("meetings/", include("koordinat.meetings.urls")),
    path("analytics/", include("koordinat.analytics.urls")),
    path("jobs/", include("koordinat.jobs.urls")),
    path("notifications/", include("koordinat.notifications.urls")),
    path("portal/data/", include("koordinat.opendata.urls")),
    path("portal/dialogue/", include("koordinat.dialogue.urls")),
    path("portal/", include("koordinat.portal.urls")),
    path("portal/", include("koordinat.events.public_urls")),
    path("events/", include("koordinat.events.urls")),
    path("dialogue/", include("koordinat.dialogue.office_urls")),
    path("admin/", admin.site.urls),
)
