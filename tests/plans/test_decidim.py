"""Decidim interchange as Decidim really writes it (issue #12, item 6): its accountability results
export comes in with its own locales, HTML, nesting, statuses and progress, and Koordinat's Decidim
export is one Decidim's results import takes."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from koordinat.core.models import AuditEvent
from koordinat.plans import exporting, services
from koordinat.plans.importing.decidim import NO_MAIN_LANGUAGE
from koordinat.plans.importing.pipeline import preview_file
from koordinat.plans.importing.preview import dump_preview, load_preview
from koordinat.plans.models import Measure, Plan, PlanImport
from tests.dates import english  # noqa: F401 - the fixture

from .decidim_files import decidim_export, decidim_would_import, serialized_result

pytestmark = pytest.mark.usefixtures("english")  # messages compared as written

EXECUTING = (7, "executing", {"ca": "En execució", "es": "En ejecución", "fr": "En cours"})
DONE = (8, "done", {"ca": "Executat", "es": "Ejecutado", "fr": "Terminé"})


def result(id, ca, es, fr, **kwargs):
    """A result with a title and an HTML description in Catalan, Spanish and French."""
    return serialized_result(
        id=id,
        title={"ca": ca, "es": es, "fr": fr},
        description={
            "ca": f"<p>{ca}: descripció.</p>",
            "es": f"<p>{es}: descripción.</p>",
            "fr": f"<p>{fr} : description.</p>",
        },
        **kwargs,
    )


# Children before and after their parents, a grandchild before its parent, as a database returns them.
RESULTS = [
    result(
        11,
        "Carril bici",
        "Carril bici",
        "Piste cyclable",
        parent=10,
        start="2026-03-01",
        end="2026-09-30",
        status=DONE,
        progress="100.0",
    ),
    result(
        13,
        "Tram nord",
        "Tramo norte",
        "Tronçon nord",
        parent=12,
        start="2026-05-01",
        end="2027-06-30",
        status=EXECUTING,
        progress="0.255e2",
    ),
    serialized_result(
        id=10,
        title={"ca": "Mobilitat sostenible", "es": "Movilidad sostenible", "fr": "Mobilité durable"},
        description={
            "ca": "<p>Reduir el trànsit &amp; la contaminació.</p><p>Dues línies:<br>primera<br>segona</p>"
            "<ul><li>bicicleta</li><li>autobús</li></ul><script>alert('x')</script>",
            "es": "<p>Reducir el tráfico &amp; la contaminación.</p>",
            "fr": "<p>Réduire le trafic &amp; la pollution.</p>",
        },
        start="2026-01-01",
        end="2027-12-31",
        status=EXECUTING,
        progress="40.5",
    ),
    result(
        12,
        "Xarxa d'autobusos",
        "Red de autobuses",
        "Réseau de bus",
        parent=10,
        start="2026-02-01",
        end="2027-12-31",
        status=EXECUTING,
        progress="12.0",
    ),
    result(20, "Habitatge", "Vivienda", "Logement"),
    result(21, "=SUMA(A1)", "-10 % de lloguer", "+ logements", parent=20, end="2026-12-31"),
]
DECIDIM_FILE = decidim_export(RESULTS)
LANGUAGES = {"az": "ca", "ru": "es", "en": "fr"}


def test_the_file_is_written_as_decidim_writes_it():
    """The test's own writer against Decidim's spec fixture (valid_result.csv): the same columns."""
    header = DECIDIM_FILE.decode().split("\n")[0]
    assert header.startswith("id;category/id;category/name/ca;category/name/es;category/name/fr;scope/id;")
    assert ";parent/id;title/ca;title/es;title/fr;description/ca;description/es;description/fr;" in header
    assert header.endswith(
        ";start_date;end_date;status/id;status/key;status/name/ca;status/name/es;status/name/fr;"
        "progress;created_at;url;component/id;proposal_urls"
    )
    assert "'=SUMA(A1)" in DECIDIM_FILE.decode()  # Decidim's own export puts the apostrophe


def test_the_preview_shows_the_files_languages_and_waits_for_azerbaijani(db):
    preview = preview_file(io.BytesIO(DECIDIM_FILE), "results.csv")
    assert preview.locales == ["ca", "es", "fr"]
    assert preview.languages == {}  # none of them is az, ru or en
    assert [problem.code for problem in preview.problems] == [NO_MAIN_LANGUAGE]
    assert not preview.is_clean
    assert preview.rows[0].text == "Mobilitat sostenible"  # the first language, to read the rows by


def test_a_locale_that_is_a_koordinat_language_maps_to_itself(db):
    data = decidim_export(
        [
            serialized_result(
                id=1,
                title={"ca": "Títol", "en": "Title", "es": "Título"},
                description={"ca": "", "en": "<p>Text</p>", "es": ""},
                locales=("ca", "en", "es"),
            )
        ]
    )
    preview = preview_file(io.BytesIO(data), "results.csv")
    assert (preview.locales, preview.languages) == (["ca", "en", "es"], {"en": "en"})
    preview = preview_file(io.BytesIO(data), "results.csv", languages={"az": "ca", "en": "en"})
    assert preview.is_clean
    (row,) = preview.rows
    assert (row.text, row.translations) == ("Títol", {"en": ("Title", "Text")})


def commit(client, url, pending):
    done = client.post(url, {"commit": "1"})
    assert done.status_code == 302, done.context["preview"].to_json()["problems"]
    pending.refresh_from_db()
    assert pending.status == PlanImport.Status.COMMITTED


def test_a_decidim_export_imports_with_its_languages_mapped_in_the_preview(client, coordinator):
    client.force_login(coordinator)
    uploaded = client.post(
        reverse("plans:import"),
        {"file": SimpleUploadedFile("results.csv", DECIDIM_FILE), "plan": "PAM-2026", "kind": "action_plan"},
    )
    pending = PlanImport.objects.get()
    url = reverse("plans:import_preview", args=[pending.token])
    assert uploaded["Location"] == url
    page = client.get(url)
    html = page.content.decode()
    assert "Languages of the file" in html
    assert 'name="languages-az"' in html
    assert '<option value="ca">ca (' in html
    assert client.post(url, {"commit": "1"}).status_code == 400  # nothing for Azerbaijani yet
    assert not Plan.objects.filter(code="PAM-2026").exists()

    mapped = client.post(
        reverse("plans:import_languages", args=[pending.token]),
        {f"languages-{code}": locale for code, locale in LANGUAGES.items()},
    )
    assert mapped.status_code == 302
    assert mapped["Location"] == url
    pending.refresh_from_db()
    assert pending.columns["languages"] == LANGUAGES
    preview = client.get(url).context["preview"]
    assert preview.is_clean, preview.to_json()["problems"]
    assert [(row.row, row.number) for row in preview.rows] == [
        (4, "1"),
        (2, "1.1"),
        (5, "1.2"),
        (3, "1.2.1"),
        (6, "2"),
        (7, "2.1"),
    ]
    commit(client, url, pending)

    plan = Plan.objects.get(code="PAM-2026")
    measures = {m.number: m for m in Measure.objects.filter(plan=plan).select_related("parent")}
    assert {number: m.parent.number if m.parent else None for number, m in measures.items()} == {
        "1": None,
        "1.1": "1",
        "1.2": "1",
        "1.2.1": "1.2",
        "2": None,
        "2.1": "2",
    }
    mobility = measures["1"]
    assert (mobility.text_az, mobility.text_ru, mobility.text_en) == (
        "Mobilitat sostenible",
        "Movilidad sostenible",
        "Mobilité durable",
    )
    assert mobility.expected_result_az == (
        "Reduir el trànsit & la contaminació.\nDues línies:\nprimera\nsegona\n• bicicleta\n• autobús"
    )
    assert mobility.expected_result_ru == "Reducir el tráfico & la contaminación."
    assert mobility.expected_result_en == "Réduire le trafic & la pollution."
    assert (mobility.deadline_kind, mobility.deadline_start, mobility.deadline_end) == (
        "date",
        datetime.date(2026, 1, 1),
        datetime.date(2027, 12, 31),
    )
    assert mobility.decidim == {
        "status": {"key": "executing", "name": {"az": "En execució", "ru": "En ejecución", "en": "En cours"}},
        "progress": "40.5",
        "url": "https://decidim.example.org/processes/pam/f/8/results/10",
    }
    assert measures["1.1"].decidim["progress"] == "100"
    assert measures["1.1"].decidim["status"]["key"] == "done"
    assert measures["1.2.1"].decidim["progress"] == "25.5"  # Ruby's BigDecimal#to_s writes 0.255e2
    assert (measures["2"].deadline_text, measures["2"].deadline_end, measures["2"].decidim.get("status")) == (
        "",
        None,
        None,
    )
    assert (measures["2.1"].text_az, measures["2.1"].text_ru, measures["2.1"].text_en) == (
        "=SUMA(A1)",
        "-10 % de lloguer",
        "+ logements",
    )
    page = client.get(mobility.get_absolute_url()).content.decode()
    assert "In Decidim" in page
    assert "En cours" in page  # the status in the page's language
    assert "40.5 % done" in page
    assert "<script>" not in mobility.expected_result_az


def imported_plan(coordinator, center, data=DECIDIM_FILE, languages=LANGUAGES, code="PAM-2026"):
    preview = preview_file(io.BytesIO(data), "results.csv", languages=languages)
    assert preview.is_clean, preview.to_json()["problems"]
    plan = services.plan_create(
        actor=coordinator,
        code=code,
        kind="action_plan",
        title={"az": code},
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2027, 12, 31),
        coordinator=center,
    )
    services.plan_import_commit(actor=coordinator, plan=plan, preview=preview)
    return plan, preview


def read(preview):
    """What a preview says of each item, whatever row of the file it came from."""
    return [
        (row.number, row.text, row.expected_result, row.translations, row.deadline.to_json(), row.decidim)
        for row in preview.rows
    ]


def test_the_decidim_export_reads_back_through_the_same_reader_as_it_came_in(coordinator, center):
    plan, original = imported_plan(coordinator, center)
    exported = exporting.export_decidim_csv(plan)
    again = preview_file(io.BytesIO(exported.encode()), "results.csv")
    assert again.languages == {"az": "az", "ru": "ru", "en": "en"}
    assert again.is_clean, again.to_json()["problems"]
    assert read(again) == read(original)
    copy, _preview = imported_plan(coordinator, center, exported.encode(), None, "PAM-COPY")
    assert read(preview_file(io.BytesIO(exporting.export_decidim_csv(copy).encode()), "again.csv")) == read(
        original
    )


def test_the_export_is_what_decidims_results_import_takes(coordinator, center):
    plan, _preview = imported_plan(coordinator, center)
    data = exporting.export_decidim_csv(plan).encode()
    assert not data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode()), delimiter=";"))
    assert list(rows[0])[:5] == ["id", "parent/id", "title/az", "title/ru", "title/en"]
    assert {row["status/id"] for row in rows} == {""}
    by_title = {row["title/az"]: row for row in rows}
    mobility = by_title["Mobilitat sostenible"]
    assert mobility["description/az"].startswith("<p>Reduir el trànsit &amp; la contaminació.</p>")
    assert (mobility["start_date"], mobility["end_date"], mobility["progress"]) == (
        "2026-01-01",
        "2027-12-31",
        "40.5",
    )
    assert (mobility["status/key"], mobility["status/name/en"]) == ("executing", "En cours")
    assert by_title["'=SUMA(A1)"]["title/ru"] == "'-10 % de lloguer"  # safe, as Decidim's own export is
    assert by_title["Carril bici"]["parent/id"] == mobility["id"]
    assert decidim_would_import(data, locales=["az", "ru", "en"], default_locale="az") == []
    # An organisation whose locales are ca, es and fr would find no title in its default locale ...
    assert decidim_would_import(data, locales=["ca", "es", "fr"], default_locale="ca")[0] == (
        2,
        "Title can't be blank",
    )
    # ... so the texts are written under its locales.
    renamed = exporting.export_decidim_csv(plan, {"az": "ca", "ru": "es", "en": "fr"}).encode()
    assert decidim_would_import(renamed, locales=["ca", "es", "fr"], default_locale="ca") == []
    # and Decidim's own file passes the same check, so the check is Decidim's
    assert (
        decidim_would_import(
            DECIDIM_FILE, locales=["ca", "es", "fr"], default_locale="ca", status_ids={"7", "8"}
        )
        == []
    )


def test_the_export_page_writes_the_locales_asked_for(client, coordinator, center):
    plan, _preview = imported_plan(coordinator, center)
    client.force_login(coordinator)
    url = reverse("plans:export", args=[plan.code, "decidim"])
    page = client.get(reverse("plans:plan", args=[plan.code])).content.decode()
    assert 'name="locale_az"' in page
    assert f'action="{url}"' in page
    response = client.get(url, {"locale_az": "ca", "locale_ru": "", "locale_en": "fr"})
    assert response.status_code == 200
    header = response.content.decode().split("\n")[0].split(";")
    assert [name for name in header if name.startswith("title/")] == ["title/ca", "title/fr"]
    refused = client.get(url, {"locale_az": "ca", "locale_ru": "ca", "locale_en": "fr;x"})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "“ca” is given twice." in html
    assert 'href="#id_locale_en"' in html
    assert client.get(url).content.decode().startswith("id;parent/id;title/az;title/ru;title/en;")
    # an installation set to read "," (DECIDIM_DEFAULT_CSV_COL_SEP) gets ","; Koordinat reads both
    commas = client.get(url, {"locale_az": "az", "separator": ","}).content
    assert commas.decode().startswith("id,parent/id,title/az,description/az,start_date,")
    assert preview_file(io.BytesIO(commas), "commas.csv").is_clean
    assert client.get(url, {"separator": "|"}).status_code == 400


def test_problems_are_named_by_row_and_column(db):
    data = decidim_export(
        [
            result(1, "Un", "Uno", "Un", start="2026-05-01", end="2026-01-31"),
            result(1, "Dos", "Dos", "Deux", progress="140"),
            result(3, "", "Tres", "Trois", parent=99, start="31/12/2026", end="2026-02-30"),
            result(4, "Quatre", "Cuatro", "Quatre", parent=5, start="2026-01-01"),
            result(5, "Cinc", "Cinco", "Cinq", parent=4, progress="molt"),
            result(6, "Sis", "Seis", "Six", parent=6, start="31/12/2026", end="31.01.2027"),
        ]
    )
    preview = preview_file(io.BytesIO(data), "results.csv", languages=LANGUAGES)
    found = sorted((p.row, p.column, p.severity, p.message) for p in preview.all_problems)
    assert found == [
        (2, "end_date", "error", "The end date 2026-01-31 is before the start date 2026-05-01."),
        (3, "id", "error", "The id 1 is used twice (also in row 2)."),
        (3, "progress", "error", "The progress “140” is not a percentage from 0 to 100."),
        (4, "end_date", "error", "“2026-02-30” is not a date like 2026-12-31."),
        (4, "parent/id", "error", "The parent 99 is not a result in this file."),
        (4, "title/ca", "error", "The measure text is empty."),
        (
            5,
            "end_date",
            "warning",
            "The result starts on 2026-01-01 and has no end date: give its control date after the import.",
        ),
        (5, "parent/id", "error", "The parents of this result lead back to itself."),
        (6, "progress", "error", "The progress “molt” is not a percentage from 0 to 100."),
        (7, "parent/id", "error", "A result cannot be its own parent."),
    ]
    by_row = {row.row: row for row in preview.rows}
    assert (by_row[7].deadline.start, by_row[7].deadline.end) == (  # day first, as Decidim reads them
        datetime.date(2026, 12, 31),
        datetime.date(2027, 1, 31),
    )
    assert by_row[6].number == f"{by_row[5].number}.1"  # the loop is shown from where it was found


def test_results_nested_past_the_limit_are_refused_not_recursed(db):
    chain = [result(1, "Arrel", "Raíz", "Racine")] + [
        result(n, f"Nivell {n}", f"Nivel {n}", f"Niveau {n}", parent=n - 1) for n in range(2, 3000)
    ]
    preview = preview_file(io.BytesIO(decidim_export(chain)), "results.csv", languages=LANGUAGES)
    assert len(preview.rows) == 2999
    assert max(row.depth for row in preview.rows) == 7
    deep = [p for p in preview.all_problems if p.column == "parent/id"]
    assert deep[0].message == "Results are nested more than 8 levels deep here."
    assert not preview.is_clean


def test_a_comma_separated_file_with_a_byte_order_mark_is_read_too(db):
    data = (
        "\ufeffid,parent/id,title/az,description/az,end_date,progress\n1,,Birinci,<p>Bir</p>,2026-12-31,50\n"
    )
    preview = preview_file(io.BytesIO(data.encode()), "results.csv")
    assert preview.is_clean
    (row,) = preview.rows
    assert (row.text, row.expected_result, row.decidim) == ("Birinci", "Bir", {"progress": "50"})


def test_the_upload_limits_hold_for_a_semicolon_file(settings, db):
    settings.KOORDINAT_MAX_IMPORT_ROWS = 5
    preview = preview_file(io.BytesIO(DECIDIM_FILE), "results.csv", languages=LANGUAGES)
    assert [problem.message for problem in preview.problems] == [
        "results.csv has more than 5 rows, the most a plan file may have; split it into parts."
    ]
    assert not preview.rows


def test_a_kept_decidim_preview_reads_back_as_built(db):
    built = preview_file(io.BytesIO(DECIDIM_FILE), "results.csv", languages=LANGUAGES)
    loaded = load_preview(dump_preview(built))
    assert loaded.to_json() == built.to_json()
    assert (loaded.locales, loaded.languages) == (["ca", "es", "fr"], LANGUAGES)
    assert read(loaded) == read(built)


def test_a_reimport_shows_a_changed_status_as_a_change(coordinator, center):
    plan, _preview = imported_plan(coordinator, center)
    moved = [dict(item) for item in RESULTS]
    moved[2] = {**moved[2], "progress": "75.0"}
    preview = preview_file(io.BytesIO(decidim_export(moved)), "results.csv", plan=plan, languages=LANGUAGES)
    assert preview.changes["changed"] == ["1"]
    services.plan_import_commit(actor=coordinator, plan=plan, preview=preview)
    assert Measure.objects.get(plan=plan, number="1").decidim["progress"] == "75"


def test_the_command_line_takes_the_languages(tmp_path, coordinator, capsys):
    path = tmp_path / "results.csv"
    path.write_bytes(DECIDIM_FILE)
    call_command(
        "import-plan",
        str(path),
        "--plan",
        "PAM-CLI",
        "--languages",
        "az=ca,ru=es,en=fr",
        "--user",
        coordinator.email,
    )
    assert Measure.objects.get(plan__code="PAM-CLI", number="1").text_ru == "Movilidad sostenible"


# The language form: the coordinator who uploaded; every other role is refused as the import pages are.


def upload(actor):
    return services.plan_import_start(
        actor=actor, upload=SimpleUploadedFile("results.csv", DECIDIM_FILE), plan_code="PAM-2026"
    )


def test_the_uploader_maps_the_languages_on_their_own_page_too(client, coordinator):
    pending = upload(coordinator)
    client.force_login(coordinator)
    url = reverse("plans:import_languages", args=[pending.token])
    page = client.get(url)
    assert page.status_code == 200
    assert "ca, es, fr" in page.content.decode()
    refused = client.post(url, {"languages-az": "ca", "languages-ru": "ca", "languages-en": ""})
    assert refused.status_code == 400
    assert "“ca” already gives the texts in" in refused.content.decode()
    missing = client.post(url, {"languages-az": "", "languages-ru": "es"})
    assert missing.status_code == 400
    assert "Choose the language of the Azerbaijani texts" in missing.content.decode()
    assert client.post(url, {"languages-az": "de"}).status_code == 400  # not a language of the file
    pending.refresh_from_db()
    assert "languages" not in pending.columns
    assert client.post(url, {"languages-az": "es", "languages-en": "fr"}).status_code == 302
    pending.refresh_from_db()
    assert pending.columns["languages"] == {"az": "es", "en": "fr"}
    assert pending.preview["languages"] == {"az": "es", "en": "fr"}
    event = AuditEvent.objects.filter(action="plan.import_languages").get()
    assert (event.outcome, event.actor_id) == ("success", coordinator.pk)


@pytest.fixture
def body_secretary(make_user, center):
    from koordinat.accounts.models import Role

    return make_user(Role.BODY_SECRETARY, center)


@pytest.mark.parametrize("role", ["admin_user", "executor", "other_executor", "observer", "body_secretary"])
def test_no_one_else_maps_the_languages_of_an_upload(client, request, coordinator, role):
    pending = upload(coordinator)
    client.force_login(request.getfixturevalue(role))
    url = reverse("plans:import_languages", args=[pending.token])
    assert client.get(url).status_code == 404
    assert client.post(url, {"languages-az": "ca"}).status_code == 404
    pending.refresh_from_db()
    assert "languages" not in pending.columns
    refusals = AuditEvent.objects.filter(outcome="refused", target_id=str(pending.pk))
    assert refusals.count() == 2


def test_anonymous_visitors_are_sent_to_sign_in(client, coordinator):
    pending = upload(coordinator)
    response = client.post(reverse("plans:import_languages", args=[pending.token]), {"languages-az": "ca"})
    assert response.status_code == 302
    assert "login" in response["Location"]
    pending.refresh_from_db()
    assert "languages" not in pending.columns


@pytest.mark.parametrize("role", ["executor", "observer", "body_secretary"])
def test_the_service_refuses_other_roles_and_records_it(request, coordinator, role):
    pending = upload(coordinator)
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.plan_import_languages(actor=actor, pending=pending, languages={"az": "ca"})
    pending.refresh_from_db()
    assert "languages" not in pending.columns
    event = AuditEvent.objects.get(action="plan.import_languages")
    assert (event.outcome, event.actor_id) == ("refused", actor.pk)
