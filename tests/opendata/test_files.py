"""The open-data files: what the portal shows and nothing more, the same for every role, in every
format, at stable addresses; 404 for anything else."""

import csv
import io
import json
import re

import pytest
from django.urls import reverse

from koordinat.opendata import registry
from koordinat.plans import services as plans_services

from .conftest import PUBLIC_SUMMARY_AZ, PUBLIC_SUMMARY_EN, SECRETS
from .files import XLSX, body, text, xlsx_cells

ROLES = ["anonymous", "executor", "other_executor", "observer", "coordinator", "admin_user"]
FORMATS = ["csv", "xlsx", "json"]


def _rows(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return list(csv.DictReader(io.StringIO(body(response).decode())))


def _every_file(portal):
    urls = [
        reverse("opendata:file", args=[each.name, kind]) for each in registry.datasets() for kind in FORMATS
    ]
    urls += [
        reverse("opendata:plan_file", args=[portal.plan.code, each.name, kind])
        for each in registry.datasets()
        if each.scope == "plan"
        for kind in FORMATS
    ]
    return [
        *urls,
        reverse("opendata:datapackage"),
        reverse("opendata:plan_datapackage", args=[portal.plan.code]),
        reverse("opendata:feed"),
        reverse("opendata:popolo"),
        reverse("opendata:index"),
    ]


def test_the_measures_file_holds_what_the_portal_shows(client, portal):
    rows = {row["number"]: row for row in _rows(client, reverse("opendata:file", args=["measures", "csv"]))}
    assert set(rows) == {"1", "1.1", "1.2"}  # the published plan's measures only
    measure = rows["1.1"]
    page = client.get(reverse("portal:measure", args=[portal.plan.code, "1.1"])).content.decode()
    assert measure["text"] == "Ağdam şəhərində su xəttinin çəkilməsi"
    assert measure["text"] in page
    assert measure["plan_code"] == portal.plan.code
    assert measure["public_status"] == "in_progress"
    assert measure["public_summary_az"] == PUBLIC_SUMMARY_AZ
    assert measure["public_summary_en"] == PUBLIC_SUMMARY_EN
    assert measure["public_summary_ru"] == ""  # missing stays missing: never the Azerbaijani text
    assert measure["districts"] == "Ağdam"
    assert measure["period_end"] == "2026-12-31"
    assert measure["url"] == "http://testserver" + reverse("portal:measure", args=[portal.plan.code, "1.1"])
    for executor in measure["executors"].split("; "):
        assert executor in page
    assert rows["1.2"]["public_status"] == ""  # a returned report published nothing


def test_texts_are_in_the_language_of_the_address_and_summaries_in_their_own_columns(client, portal):
    rows = {row["number"]: row for row in _rows(client, "/ru/portal/data/measures.csv")}
    assert rows["1.1"]["text"] == "Прокладка водопровода в Агдаме"
    assert rows["1.1"]["districts"] == "Агдам"
    assert rows["1.1"]["public_summary_ru"] == ""
    assert rows["1.1"]["public_summary_az"] == PUBLIC_SUMMARY_AZ


def test_lists_hold_only_what_was_published(client, portal):
    plans = _rows(client, reverse("opendata:file", args=["plans", "csv"]))
    assert [row["code"] for row in plans] == [portal.plan.code]
    assert plans[0]["measure_count"] == "3"
    organisations = {
        row["id"] for row in _rows(client, reverse("opendata:file", args=["organisations", "csv"]))
    }
    executing = {str(executor.organization_id) for executor in portal.measure.executors.all()}
    assert executing <= organisations
    assert str(portal.plan.coordinator_id) not in organisations  # coordinates, executes nothing
    meetings = _rows(client, reverse("opendata:file", args=["meetings", "csv"]))
    assert [row["id"] for row in meetings] == [str(portal.meeting.pk)]
    decisions = _rows(client, reverse("opendata:file", args=["decisions", "csv"]))
    assert [row["meeting_id"] for row in decisions] == [str(portal.meeting.pk)]
    assert decisions[0]["text"] == "Su xəttinin sxemini dərc etmək."
    districts = _rows(client, reverse("opendata:file", args=["districts", "csv"]))
    assert [row["name"] for row in districts] == ["Ağdam"]


def test_csv_is_rfc_4180_utf8_without_a_byte_order_mark(client, portal):
    content = body(client.get(reverse("opendata:file", args=["measures", "csv"])))
    assert not content.startswith(b"\xef\xbb\xbf")
    assert content.count(b"\r\n") == 4  # header and three rows, each ended by CRLF
    assert b"\n" not in content.replace(b"\r\n", b"")


def test_json_and_xlsx_hold_the_same_rows_as_csv(client, portal):
    url = reverse("opendata:plan_file", args=[portal.plan.code, "measures", "csv"])
    rows = _rows(client, url)
    document = json.loads(body(client.get(url.replace(".csv", ".json"))))
    assert document["name"] == "measures"
    assert document["license"]["name"] == "CC-BY-4.0"
    assert document["as_of"].endswith("Z")
    assert [field["name"] for field in document["schema"]["fields"]] == list(rows[0])
    assert [record["number"] for record in document["data"]] == [row["number"] for row in rows]
    assert document["data"][1]["public_summary_ru"] == ""
    assert document["data"][0]["period_end"] is None
    response = client.get(url.replace(".csv", ".xlsx"))
    assert response["Content-Type"] == XLSX
    cells = xlsx_cells(body(response))
    assert cells[0] == list(rows[0])
    assert [row[1] for row in cells[1:4]] == ["1", "1.1", "1.2"]
    assert str(cells[2][6]) == "2026-12-31 00:00:00"  # a date cell, not a text


def test_a_formula_like_text_is_kept_as_text(client, portal, coordinator):
    measure = portal.plain_measure
    measure.text_az = "=HYPERLINK(1)"
    measure.save(update_fields=["text_az"])
    rows = {row["number"]: row for row in _rows(client, reverse("opendata:file", args=["measures", "csv"]))}
    assert rows["1.2"]["text"] == "'=HYPERLINK(1)"
    document = json.loads(body(client.get(reverse("opendata:file", args=["measures", "json"]))))
    assert document["data"][2]["text"] == "=HYPERLINK(1)"  # JSON carries the text exactly


@pytest.mark.parametrize("role", ROLES)
def test_every_role_gets_the_same_public_files(client, request, portal, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    for url in _every_file(portal):
        response = client.get(url)
        assert response.status_code == 200, url
        found = text(response)
        leaked = [name for name, marker in SECRETS.items() if marker.lower() in found.lower()]
        assert not leaked, f"{url} shows {leaked} to {role}"
    csv_url = reverse("opendata:file", args=["measures", "csv"])
    client.logout()
    assert body(client.get(csv_url)) == body(client.get(csv_url))


def test_files_are_the_same_whoever_asks(client, request, portal):
    urls = [reverse("opendata:file", args=[each.name, "csv"]) for each in registry.datasets()]
    anonymous = [body(client.get(url)) for url in urls]
    for role in ROLES[1:]:
        client.force_login(request.getfixturevalue(role))
        assert [body(client.get(url)) for url in urls] == anonymous, role


@pytest.mark.parametrize(
    "url",
    [
        "/az/portal/data/nothing.csv",
        "/az/portal/data/measures.pdf",
        "/az/portal/data/measures.CSV",
        "/az/portal/data/organisations",
        "/az/portal/data/plans/PUB-1/organisations.csv",  # no per-plan file of that list
        "/az/portal/data/plans/PUB-1/nothing.csv",
        "/az/portal/data/plans/INT-1/measures.csv",  # exists, not published
        "/az/portal/data/plans/NOPE-9/measures.csv",  # does not exist
        "/az/portal/data/plans/INT-1/datapackage.json",
        "/az/portal/data/plans/NOPE-9/datapackage.json",
    ],
)
def test_anything_else_answers_404_and_tells_nothing(client, portal, url):
    response = client.get(url)
    assert response.status_code == 404
    content = body(response).decode()
    assert not [marker for marker in SECRETS.values() if marker in content]
    assert "INT-1" not in content or "INT-1" in url


def test_an_unpublished_plan_answers_as_a_missing_one(client, portal):
    hidden = client.get("/az/portal/data/plans/INT-1/measures.csv")
    missing = client.get("/az/portal/data/plans/NOPE-9/measures.csv")
    assert hidden.status_code == missing.status_code == 404
    token = re.compile(r"[A-Za-z0-9]{64}")  # the CSRF token of the 404 page's layout
    hidden_page = token.sub("", body(hidden).decode()).replace("INT-1", "X")
    assert hidden_page == token.sub("", body(missing).decode()).replace("NOPE-9", "X")


def test_files_are_cached_by_the_public_version(
    client, portal, coordinator, django_capture_on_commit_callbacks
):
    url = reverse("opendata:plan_file", args=[portal.plan.code, "measures", "csv"])
    first = client.get(url)
    assert first["ETag"].startswith('W/"')
    assert "public" in first["Cache-Control"]
    assert "max-age=300" in first["Cache-Control"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    descriptor = reverse("opendata:datapackage")
    assert client.get(descriptor).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        plans_services.plan_unpublish(
            actor=coordinator, plan=portal.plan, version=portal.plan.version, reason="Yenidən baxılır"
        )
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 404  # withdrawn at once
    assert portal.plan.code not in body(client.get(descriptor)).decode()
    assert _rows(client, reverse("opendata:file", args=["measures", "csv"])) == []
