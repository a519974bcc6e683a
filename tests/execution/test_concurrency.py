"""Two people saving the same report or deciding the same request at once: nothing is lost."""

import threading

import pytest
from django.db import close_old_connections, connection

from koordinat.core.errors import ConcurrentEditError
from koordinat.execution import services
from koordinat.execution.models import Report

from . import files

pytestmark = pytest.mark.django_db(transaction=True)


def in_parallel(*calls):
    """Run the calls in threads started together; return what each returned or raised."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            results[index] = call()
        except Exception as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()
    return results


def test_two_saves_of_the_same_version_keep_one_and_refuse_the_other(executor, lead_report):
    def save(text):
        return lambda: services.report_save(
            actor=executor,
            report=lead_report,
            version=lead_report.version,
            narrative=text,
            narrative_language="az",
            claimed_status="in_progress",
            progress=30,
        )

    results = in_parallel(save("Birinci redaktə"), save("İkinci redaktə"))
    saved = [result for result in results if isinstance(result, Report)]
    refused = [result for result in results if isinstance(result, ConcurrentEditError)]
    assert (len(saved), len(refused)) == (1, 1), results
    stored = Report.objects.get(pk=lead_report.pk)
    assert stored.narrative == saved[0].narrative
    assert stored.version == lead_report.version + 1


def test_evidence_added_while_the_text_is_saved_is_kept(executor, lead_report):
    import io

    results = in_parallel(
        lambda: services.evidence_add(
            actor=executor, report=lead_report, title="Link", url="https://eco.gov.az/"
        ),
        lambda: services.report_save(
            actor=executor,
            report=lead_report,
            version=lead_report.version,
            narrative="Mətn",
            narrative_language="az",
            claimed_status="in_progress",
            progress=30,
        ),
        lambda: services.evidence_add(
            actor=executor,
            report=lead_report,
            title="Akt",
            upload=io.BytesIO(files.pdf()),
            filename="akt.pdf",
        ),
    )
    assert not [result for result in results if isinstance(result, Exception)], results
    stored = Report.objects.get(pk=lead_report.pk)
    assert stored.narrative == "Mətn"
    assert sorted(stored.evidence.values_list("title", flat=True)) == ["Akt", "Link"]


def test_one_extension_decision_wins(coordinator, admin_user, executor, lead_report):
    import datetime

    extension = services.extension_request(
        actor=executor,
        item=lead_report.item,
        new_date=datetime.date(2026, 9, 30),
        reason="Gecikmə",
        today=datetime.date(2026, 4, 1),
    )
    results = in_parallel(
        lambda: services.extension_decide(actor=coordinator, extension=extension, approve=True),
        lambda: services.extension_decide(
            actor=admin_user, extension=extension, approve=False, comment="Yox"
        ),
    )
    decided = [result for result in results if not isinstance(result, Exception)]
    assert len(decided) == 1, results
    lead_report.item.refresh_from_db()
    assert lead_report.item.date_changes.count() == (1 if decided[0].status == "approved" else 0)
