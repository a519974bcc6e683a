"""The jobs page: administrators see the queue and try a failed job again; nobody else gets in."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from koordinat.accounts.models import Role
from koordinat.core.models import AuditEvent

from . import tasks
from .workers import make_worker, run_next

pytestmark = pytest.mark.django_db
JOBS = reverse("jobs:jobs")


@pytest.fixture
def administrator(make_user, center):
    return make_user(Role.ADMINISTRATOR, center)


def failed_job(settings, name: str = "statistics") -> DBTaskResult:
    settings.KOORDINAT_JOB_ATTEMPTS = 1
    tasks.always_fails.enqueue(name=name)
    return run_next(make_worker())


def test_anonymous_visitors_are_sent_to_sign_in(client, queue):
    response = client.get(JOBS)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize(
    "role", [Role.COORDINATOR, Role.BODY_SECRETARY, Role.EXECUTOR, Role.HEAD, Role.OBSERVER]
)
def test_every_other_role_is_refused(client, queue, settings, make_user, ministry, role):
    job = failed_job(settings)
    client.force_login(make_user(role, ministry))
    assert client.get(JOBS).status_code == 403
    assert client.post(reverse("jobs:retry", args=[job.pk])).status_code == 403
    job.refresh_from_db()
    assert job.status == "FAILED"


def test_administrators_see_jobs_with_status_attempts_and_last_error(client, queue, settings, administrator):
    failed = failed_job(settings)
    tasks.succeeds.enqueue(name="digest")
    client.force_login(administrator)
    response = client.get(JOBS)
    assert response.status_code == 200
    page = response.content.decode()
    assert "always_fails" in page
    assert "succeeds" in page
    assert "RuntimeError: The archive for statistics cannot be reached" in page
    assert reverse("jobs:retry", args=[failed.pk]) in page
    only_failed = client.get(JOBS, {"status": "FAILED"}).content.decode()
    assert "always_fails" in only_failed
    assert "succeeds" not in only_failed


def test_an_unknown_status_is_named_and_the_list_shown_whole(client, queue, administrator):
    client.force_login(administrator)
    response = client.get(JOBS, {"status": "LOST"})
    assert response.status_code == 200
    assert response.context["form"].errors["status"]
    assert response.context["page"].paginator.count == 0


def test_the_page_reads_the_same_queries_however_many_jobs(client, queue, administrator):
    client.force_login(administrator)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(JOBS).status_code == 200
        return len(captured)

    tasks.succeeds.enqueue(name="one")
    few = queries()
    for number in range(60):
        tasks.succeeds.enqueue(name=f"job {number}")
    assert queries() == few


def test_an_administrator_tries_a_failed_job_again(client, queue, settings, administrator):
    job = failed_job(settings)
    client.force_login(administrator)
    response = client.post(reverse("jobs:retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.worker_ids) == ("READY", [])
    assert job.exception_class_path == "builtins.RuntimeError"  # shown until it runs again
    event = AuditEvent.objects.get(action="job.retry")
    assert (event.actor_id, event.target_id, event.data["attempts"]) == (administrator.pk, str(job.pk), 1)
    assert run_next(make_worker()).status == "FAILED"  # it ran again


def test_only_a_failed_job_can_be_tried_again(client, queue, administrator):
    tasks.succeeds.enqueue(name="digest")
    job = run_next(make_worker())
    client.force_login(administrator)
    with translation.override("en"):
        response = client.post(reverse("jobs:retry", args=[job.pk]), follow=True)
    assert "Only a failed job can be tried again; this one is “done”." in response.content.decode()
    job.refresh_from_db()
    assert job.status == "SUCCESSFUL"
    assert not AuditEvent.objects.filter(action="job.retry").exists()


def test_administrators_find_the_page_in_the_menu_and_failed_jobs_on_their_home(
    client, queue, settings, administrator, coordinator
):
    failed_job(settings)
    client.force_login(administrator)
    home = client.get(reverse("home")).content.decode()
    assert f'href="{JOBS}"' in home
    assert f'href="{JOBS}?status=FAILED"><strong>1</strong>' in home
    client.force_login(coordinator)
    assert JOBS not in client.get(reverse("home")).content.decode()
