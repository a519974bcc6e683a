"""The portal's pages as every role reads them: the same public content for all, 404 for what was not
published, headers that let it be cached, and the office's forms that publish."""

import pytest
from django.urls import reverse
from django.utils import translation

from koordinat.core.models import AuditEvent
from koordinat.directory.models import Organization
from koordinat.execution.models import MeasurePublication
from koordinat.plans import services as plans_services
from koordinat.plans.models import Plan

from .conftest import PUBLIC_SUMMARY_AZ, PUBLIC_SUMMARY_EN, SECRETS

ROLES = ["anonymous", "other_executor", "coordinator", "admin_user"]


def english(url):
    """The English page: messages checked as written in the code."""
    return url.replace("/az/", "/en/", 1)


def _client(client, request, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


def _public_urls(portal):
    return [
        reverse("portal:home"),
        reverse("portal:plan", args=[portal.plan.code]),
        reverse("portal:measure", args=[portal.plan.code, "1.1"]),
        reverse("portal:measure", args=[portal.plan.code, "1.2"]),
        reverse("portal:organization", args=[portal.measure.executors.first().organization_id]),
        reverse("portal:district", args=[portal.district.pk]),
        reverse("portal:meetings"),
        reverse("portal:meeting", args=[portal.meeting.pk]),
        reverse("portal:search") + "?q=su",
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_same_public_pages_and_nothing_else(client, request, portal, role):
    client = _client(client, request, role)
    for url in _public_urls(portal):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        leaked = [name for name, marker in SECRETS.items() if marker in html]
        assert not leaked, f"{url} shows {leaked} to {role}"
        assert "csrfmiddlewaretoken" not in html
        assert "kd-account__name" not in html


@pytest.mark.parametrize("role", ROLES)
def test_what_was_not_published_answers_404(client, request, portal, role):
    client = _client(client, request, role)
    unpublished = [
        reverse("portal:plan", args=[portal.internal_plan.code]),
        reverse("portal:measure", args=[portal.internal_plan.code, "1"]),
        reverse("portal:measure", args=[portal.plan.code, "9.9"]),
        reverse("portal:evidence", args=[portal.hidden_evidence.pk]),
        reverse("portal:meeting", args=[portal.draft_meeting.pk]),
        # no organisation has this id (a person's id plus 1000 met one once PostgreSQL's sequences ran apart)
        reverse("portal:organization", args=[Organization.objects.order_by("-pk").first().pk + 1]),
    ]
    for url in unpublished:
        response = client.get(url)
        assert response.status_code == 404, url
        html = response.content.decode()
        assert not [marker for marker in SECRETS.values() if marker in html]  # the 404 says nothing of it


def test_a_withdrawn_plan_leaves_the_portal_at_once(
    client, portal, coordinator, django_capture_on_commit_callbacks
):
    url = reverse("portal:measure", args=[portal.plan.code, "1.1"])
    evidence = reverse("portal:evidence", args=[portal.evidence.pk])
    assert client.get(url).status_code == 200  # now cached
    assert client.get(evidence).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        plans_services.plan_unpublish(
            actor=coordinator, plan=portal.plan, version=portal.plan.version, reason="yoxlama"
        )
    assert client.get(url).status_code == 404
    assert client.get(reverse("portal:plan", args=[portal.plan.code])).status_code == 404
    assert client.get(evidence).status_code == 404
    assert portal.plan.title not in client.get(reverse("portal:home")).content.decode()


def test_the_measure_page_shows_the_summary_and_its_evidence(client, portal):
    html = client.get(reverse("portal:measure", args=[portal.plan.code, "1.1"])).content.decode()
    assert PUBLIC_SUMMARY_AZ in html
    assert reverse("portal:evidence", args=[portal.evidence.pk]) in html
    download = client.get(reverse("portal:evidence", args=[portal.evidence.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_missing_language_is_named_never_filled_from_another(client, portal):
    with translation.override("ru"):
        russian = reverse("portal:measure", args=[portal.plan.code, "1.1"])
    with translation.override("en"):
        english_page = reverse("portal:measure", args=[portal.plan.code, "1.1"])
    html = client.get(russian).content.decode()
    assert PUBLIC_SUMMARY_AZ not in html
    assert PUBLIC_SUMMARY_EN not in html
    assert "Сводка доступна только на азербайджанском языке и на английском языке." in html
    assert f'href="{english_page}" lang="en"' in html  # where to read it
    english = client.get(english_page)
    assert PUBLIC_SUMMARY_EN in english.content.decode()


def test_public_pages_carry_cache_headers_and_answer_304(client, portal):
    url = reverse("portal:plan", args=[portal.plan.code])
    response = client.get(url)
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    etag = response["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url.replace("/az/", "/en/"))["ETag"] != etag  # each language its own


def test_publishing_invalidates_the_cached_pages(
    client, portal, coordinator, django_capture_on_commit_callbacks
):
    home = reverse("portal:home")
    first = client.get(home)
    assert portal.internal_plan.title not in first.content.decode()
    assert client.get(home, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        plans_services.plan_publish(
            actor=coordinator, plan=portal.internal_plan, version=portal.internal_plan.version
        )
    second = client.get(home, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]
    assert portal.internal_plan.title in second.content.decode()


def test_a_cached_page_is_served_without_reading_the_database(client, portal, django_assert_num_queries):
    url = reverse("portal:plan", args=[portal.plan.code])
    client.get(url)
    with django_assert_num_queries(0):  # an anonymous reader: no session, and the page from the cache
        assert client.get(url).status_code == 200


def test_the_public_reads_a_cached_page_before_sessions_and_the_rest_run(
    client, portal, django_assert_num_queries
):
    url = reverse("portal:plan", args=[portal.plan.code])
    first = client.get(url)
    assert hasattr(first.wsgi_request, "session")  # drawn: the whole way
    with django_assert_num_queries(0):
        again = client.get(url)
    assert not hasattr(again.wsgi_request, "session")  # answered by PublicPageMiddleware
    assert again.content == first.content
    assert sorted(again.headers.items()) == sorted(first.headers.items())
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(english(url)).content != first.content  # the address holds the language


def test_a_signed_in_reader_gets_the_same_page_the_whole_way(client, portal, coordinator):
    url = reverse("portal:plan", args=[portal.plan.code])
    public = client.get(url)
    client.force_login(coordinator)
    signed_in = client.get(url)
    assert hasattr(signed_in.wsgi_request, "session")  # the session clock and the rest still run
    assert signed_in.content == public.content


def test_a_page_kept_by_the_middleware_is_dropped_with_its_version(
    client, portal, coordinator, django_capture_on_commit_callbacks
):
    url = reverse("portal:plan", args=[portal.plan.code])
    client.get(url)
    client.get(url)  # from the middleware's copy
    with django_capture_on_commit_callbacks(execute=True):
        plans_services.plan_publish(
            actor=coordinator, plan=portal.internal_plan, version=portal.internal_plan.version
        )
    redrawn = client.get(url)
    assert hasattr(redrawn.wsgi_request, "session")  # a newer version: drawn again


def test_anonymous_visitors_of_the_office_pages_are_sent_to_the_portal(client, portal):
    assert client.get(reverse("plans:plan", args=[portal.plan.code])).url == reverse(
        "portal:plan", args=[portal.plan.code]
    )
    assert client.get(reverse("meetings:meeting", args=[portal.meeting.pk])).url == reverse(
        "portal:meeting", args=[portal.meeting.pk]
    )
    assert client.get(reverse("meetings:meetings")).url == reverse("portal:meetings")


# The office's forms ----------------------------------------------------------------------------


def test_the_coordinator_publishes_from_the_plan_page(client, portal, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("plans:plan", args=[portal.internal_plan.code])).content.decode()
    assert reverse("plans:plan_publish", args=[portal.internal_plan.code]) in page
    response = client.post(
        reverse("plans:plan_publish", args=[portal.internal_plan.code]),
        {"publish-version": portal.internal_plan.version},
    )
    assert response.status_code == 302
    assert Plan.objects.get(pk=portal.internal_plan.pk).visibility == "public"


def test_withdrawing_without_a_reason_shows_the_error_summary(client, portal, coordinator):
    client.force_login(coordinator)
    response = client.post(
        english(reverse("plans:plan_unpublish", args=[portal.plan.code])),
        {"unpublish-version": portal.plan.version},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Say why the plan is withdrawn from the portal." in html
    assert Plan.objects.get(pk=portal.plan.pk).visibility == "public"


def test_an_executor_cannot_publish(client, portal, executor):
    client.force_login(executor)
    page = client.get(reverse("plans:plan", args=[portal.internal_plan.code])).content.decode()
    assert reverse("plans:plan_publish", args=[portal.internal_plan.code]) not in page
    response = client.post(
        reverse("plans:plan_publish", args=[portal.internal_plan.code]),
        {"publish-version": portal.internal_plan.version},
    )
    assert response.status_code == 403
    assert Plan.objects.get(pk=portal.internal_plan.pk).visibility == "internal"


def test_the_controller_fills_the_public_entry_from_an_accepted_report(client, portal, coordinator):
    client.force_login(coordinator)
    MeasurePublication.objects.all().delete()
    url = reverse("execution:item_publication", args=[portal.item.pk])
    page = client.get(url, {"report": portal.accepted.pk})
    form = page.context["form"]
    assert form.initial["summary_az"] == portal.accepted.narrative  # pre-filled in its language, to edit
    assert not form.initial.get("summary_ru")
    assert form.initial["status"] == "in_progress"
    response = client.post(
        url,
        {
            "version": 0,
            "status": "completed",
            "source_report": portal.accepted.pk,
            "summary_az": "Tamamlanıb.",
            "summary_ru": "Выполнено.",
            "summary_en": "",
            "evidence": [portal.evidence.pk],
        },
    )
    assert response.status_code == 302
    entry = MeasurePublication.objects.get(item=portal.item)
    assert (entry.status, entry.summary_ru, list(entry.evidence.all())) == (
        "completed",
        "Выполнено.",
        [portal.evidence],
    )


def test_the_public_entry_form_shows_errors_in_a_summary(client, portal, coordinator):
    client.force_login(coordinator)
    url = english(reverse("execution:item_publication", args=[portal.item.pk]))
    response = client.post(url, {"version": portal.publication.version, "summary_az": "x"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Choose what the public reads of how the measure stands." in html
    stale = client.post(url, {"version": 0, "status": "delayed", "source_report": ""})
    assert "Someone else changed this record" in stale.content.decode()
    assert MeasurePublication.objects.get(item=portal.item).status == "in_progress"


@pytest.mark.parametrize("role", ["executor", "other_executor", "observer"])
def test_others_cannot_open_the_public_entry_form(client, request, portal, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("execution:item_publication", args=[portal.item.pk])).status_code == 403
    response = client.post(
        reverse("execution:item_publication_withdraw", args=[portal.item.pk]),
        {"version": portal.publication.version},
    )
    assert response.status_code == 403
    assert MeasurePublication.objects.filter(item=portal.item).exists()
    assert AuditEvent.objects.filter(outcome="refused").exists()
