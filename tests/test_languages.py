"""Three languages: URL prefixes, switcher, complete catalogues and no English left on az/ru pages."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

import koordinat
from koordinat.directory.demo import loader
from koordinat.directory.models import Body, Organization, Person

LOCALE = Path(koordinat.__file__).parent / "locale"


def catalogue_entries(language: str) -> list[tuple[str, list[str], bool]]:
    """(msgid, msgstrs, fuzzy) for every entry of a .po file, parsed without extra tools."""
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    entries = []
    for block in text.split("\n\n"):
        ids = re.findall(r'^msgid "(.*)"\n((?:".*"\n?)*)', block, re.M)
        if not ids:
            continue
        msgid = ids[0][0] + "".join(re.findall(r'"(.*)"', ids[0][1]))
        strs = [
            "".join([head, *re.findall(r'"(.*)"', tail)])
            for head, tail in re.findall(r'^msgstr(?:\[\d\])? "(.*)"\n?((?:".*"\n?)*)', block, re.M)
        ]
        if msgid:
            entries.append((msgid, strs, "#, fuzzy" in block))
    return entries


@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_catalogue_is_complete(language):
    entries = catalogue_entries(language)
    assert entries
    missing = [msgid for msgid, strs, fuzzy in entries if fuzzy or not all(strs)]
    assert missing == []


@pytest.mark.parametrize("language", ["az", "ru"])
def test_placeholders_survive_translation(language):
    for msgid, strs, _fuzzy in catalogue_entries(language):
        wanted = sorted(set(re.findall(r"%\(\w+\)[sd]|\{\{ ?\w+ ?\}\}|\{\w+\}", msgid)))
        for text in strs:
            assert sorted(set(re.findall(r"%\(\w+\)[sd]|\{\{ ?\w+ ?\}\}|\{\w+\}", text))) == wanted, msgid


@pytest.mark.parametrize(("language", "word"), [("az", "Daxil ol"), ("ru", "Войти"), ("en", "Sign in")])
def test_home_page_answers_in_each_language(client, db, language, word):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert word in html


def test_root_redirects_to_azerbaijani_by_default(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/az/"


def test_language_switcher_keeps_the_page(client, coordinator, ministry):
    client.force_login(coordinator)
    response = client.get(reverse("directory:organization", args=[ministry.pk]))
    links = {link["code"]: link["url"] for link in response.context["language_links"]}
    assert links == {
        "az": f"/az/directory/organizations/{ministry.pk}/",
        "ru": f"/ru/directory/organizations/{ministry.pk}/",
        "en": f"/en/directory/organizations/{ministry.pk}/",
    }


class VisibleText(HTMLParser):
    """Text a person reads or hears: text nodes and the labelling attributes."""

    SKIP = {"script", "style"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skipping += 1
        for name, value in attrs:
            if name in {"aria-label", "title", "placeholder", "alt"} and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping and data.strip():
            self.parts.append(" ".join(data.split()))


def english_left(html: str, language: str) -> set[str]:
    """English UI strings (the catalogue's msgids) that appear untranslated on the page; a word the
    language writes the same way ("plan" in Azerbaijani) is not English left behind."""
    parser = VisibleText()
    parser.feed(html)
    text = "\n".join(parser.parts)
    same = {msgid for msgid, strs, _f in catalogue_entries(language) if msgid in strs}
    english = {
        msgid for msgid, _strs, _f in catalogue_entries("en") if "%" not in msgid and "{" not in msgid
    } - same
    own_names = {"Koordinat", "Azərbaycanca", "Русский", "English", "—"}
    return {
        msgid
        for msgid in english - own_names
        if len(msgid) > 3 and re.search(rf"(?<!\w){re.escape(msgid)}(?!\w)", text)
    }


@pytest.fixture
def demo_pages(db):
    loader.load()
    headquarters = Body.objects.get(kind="headquarters")
    organization = Organization.objects.filter(children__isnull=False).first()
    person = Person.objects.filter(bodies=headquarters).first()
    return [
        "/",
        reverse("accounts:password_change"),
        reverse("directory:organizations"),
        reverse("directory:organization", args=[organization.pk]),
        reverse("directory:organization_edit", args=[organization.pk]),
        reverse("directory:organization_create"),
        reverse("directory:organization_abolish", args=[organization.pk]),
        reverse("directory:people"),
        reverse("directory:person", args=[person.pk]),
        reverse("directory:person_edit", args=[person.pk]),
        reverse("directory:person_create"),
        reverse("directory:bodies"),
        reverse("directory:body", args=[headquarters.pk]),
        reverse("directory:body_edit", args=[headquarters.pk]),
        *plan_pages(),
        *execution_pages(),
    ]


def execution_pages() -> list[str]:
    """A plan in force under control: a submitted report, a waiting extension, every control page."""
    import datetime

    from koordinat.accounts.models import User
    from koordinat.execution import services as control
    from koordinat.plans import services

    coordinator = User.objects.get(role="coordinator", email__startswith="elchin")
    executor = User.objects.get(email="asmar.zeynalova@eco.koordinat.test")
    act = services.legal_act_create(
        actor=coordinator, kind="order", number="9", date=datetime.date(2025, 12, 1), title={"az": "Sərəncam"}
    )
    plan = services.plan_create(
        actor=coordinator,
        code="LANG-CTRL",
        kind="action_plan",
        title={"az": "Plan", "ru": "План", "en": "Plan"},
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2027, 12, 31),
        coordinator=coordinator.organization,
        approved_by=act,
        status="in_force",
    )
    services.measure_create(
        actor=coordinator,
        plan=plan,
        number="1",
        content=services.MeasureContent(
            text={"az": "Tədbir"},
            expected_result={"az": ""},
            deadline_text="2027-ci il",
            executors=[executor.organization],
            other_executors={"az": ""},
        ),
    )
    cycle = control.cycle_open(
        actor=coordinator,
        plan=plan,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        due_date=datetime.date.today() + datetime.timedelta(days=10),
    )
    report = cycle.reports.get()
    report = control.report_save(
        actor=executor,
        report=report,
        version=report.version,
        narrative="İcra olunur",
        narrative_language="az",
        claimed_status="in_progress",
        progress=30,
    )
    control.report_submit(actor=executor, report=report, version=report.version)
    control.extension_request(
        actor=executor, item=report.item, new_date=datetime.date(2028, 3, 31), reason="Gecikmə"
    )
    return [
        reverse("execution:my_work"),
        reverse("execution:review_queue"),
        reverse("analytics:league"),
        reverse("execution:plan_cycles", args=[plan.code]),
        cycle.get_absolute_url(),
        report.item.get_absolute_url(),
        report.get_absolute_url(),
        reverse("execution:report_version", args=[report.pk, 1]),
    ]


def plan_pages() -> list[str]:
    """A small imported plan: the register, its page, a measure, the upload and a preview with problems."""
    import datetime
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile

    from koordinat.accounts.models import User
    from koordinat.plans import services
    from koordinat.plans.importing.pipeline import preview_file
    from tests.plans.files import AZ_HEADER, xlsx_bytes

    coordinator = User.objects.get(role="coordinator", email__startswith="elchin")
    plan = services.plan_create(
        actor=coordinator,
        code="LANG-1",
        kind="action_plan",
        title={"az": "Plan", "ru": "План", "en": "Plan"},
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        coordinator=coordinator.organization,
    )
    rows = [AZ_HEADER, ["1", "Tədbir", "Energetika Nazirliyi", "2026-cı ilin II rübü", ""]]
    services.plan_import_commit(
        actor=coordinator, plan=plan, preview=preview_file(io.BytesIO(xlsx_bytes(rows)), "p.xlsx")
    )
    problem_rows = [
        AZ_HEADER,
        ["1", "Tədbir", "Naməlum Agentlik", "tezliklə", ""],
        ["3.1", "Valideynsiz", "", "2026", ""],
    ]
    pending = services.plan_import_start(
        actor=coordinator, upload=SimpleUploadedFile("p.xlsx", xlsx_bytes(problem_rows)), plan_code=plan.code
    )
    return [
        reverse("plans:plans"),
        reverse("plans:plan", args=[plan.code]),
        reverse("plans:measure", args=[plan.code, "1"]),
        reverse("plans:import"),
        reverse("plans:import_preview", args=[pending.token]),
    ]


@pytest.mark.parametrize("language", ["az", "ru"])
def test_no_english_is_left_on_sign_in_pages(client, db, language):
    for path in ("/", "/accounts/login/", "/accounts/password/reset/", "/accounts/password/reset/sent/"):
        response = client.get(f"/{language}{path}")
        assert response.status_code == 200, path
        assert english_left(response.content.decode(), language) == set(), path
    response = client.post(
        f"/{language}/accounts/login/", {"username": "nobody@koordinat.test", "password": "x"}
    )
    assert english_left(response.content.decode(), language) == set()


@pytest.mark.parametrize("language", ["az", "ru"])
def test_no_english_is_left_on_directory_pages(client, demo_pages, language):
    from koordinat.accounts.models import User

    client.force_login(User.objects.get(role="coordinator", person__isnull=False, email__startswith="elchin"))
    for path in demo_pages:
        with translation.override(language):
            url = f"/{language}{path[3:]}" if path.startswith("/az/") else f"/{language}{path}"
        response = client.get(url)
        assert response.status_code == 200, url
        assert english_left(response.content.decode(), language) == set(), url
