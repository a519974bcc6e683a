"""The demo's Dialogue Platform: the round table of the National Action Plan's item 5.6 held at the
Yardimli district executive authority with its public council, and the next round table, open for
registration. Made through the services, so each step is audited; idempotent (found by title)."""

from __future__ import annotations

import datetime
import zoneinfo

from django.db import transaction

from koordinat.accounts.models import User
from koordinat.core import clock
from koordinat.directory.models import Body, Organization
from koordinat.places.models import District
from koordinat.plans.models import Measure

from .. import services
from ..models import Event

BAKU = zoneinfo.ZoneInfo("Asia/Baku")
AUTHORITY = "Yardımlı Rayon İcra Hakimiyyəti"
COUNCIL = "Yardımlı Rayon İcra Hakimiyyəti yanında İctimai Şura"
PARTNERS = ["“Yardımlı Gəncləri” İctimai Birliyi", "“Talış Dağları” Regional İnkişaf İctimai Birliyi"]

HELD_TITLE = {
    "az": "Hökumət–Vətəndaş Cəmiyyəti Dialoq Platformasının Yardımlı rayonunda dəyirmi masası",
    "ru": "Круглый стол Платформы диалога «Правительство – гражданское общество» в Ярдымлинском районе",
    "en": "Round table of the Government–Civil Society Dialogue Platform in Yardimli district",
}
HELD_DESCRIPTION = {
    "az": "Milli Fəaliyyət Planının 5.6-cı bəndinin icrası çərçivəsində rayon icra hakimiyyəti, ictimai şura "
    "və yerli vətəndaş cəmiyyəti təşkilatları rayonun sosial problemlərini və rəsmi internet saytında "
    "yenilənən bölmələri müzakirə edir.",
    "ru": "В рамках исполнения пункта 5.6 Национального плана действий районная исполнительная власть, "
    "общественный совет и местные организации гражданского общества обсуждают социальные проблемы района "
    "и регулярно обновляемые разделы официального сайта.",
    "en": "Under item 5.6 of the National Action Plan, the district executive authority, its public council "
    "and local civil society organisations discuss the district's social problems and the regularly "
    "updated sections of the official website.",
}
ADDRESS = {
    "az": "Yardımlı şəhəri, Heydər Əliyev prospekti 12, rayon icra hakimiyyətinin iclas zalı",
    "ru": "г. Ярдымлы, проспект Гейдара Алиева, 12, зал заседаний районной исполнительной власти",
    "en": "Yardimli, 12 Heydar Aliyev Avenue, meeting hall of the district executive authority",
}
AGENDA = [
    {
        "az": "Dialoq Platformasının dəyirmi masalarının keçirilməsi və ictimai şuranın fəaliyyəti (MFP, 5.6-cı bənd)",
        "ru": "Проведение круглых столов Платформы диалога и работа общественного совета (НПД, пункт 5.6)",
        "en": "Holding the Dialogue Platform's round tables and the public council's work (NAP, item 5.6)",
    },
    {
        "az": "Rəsmi internet saytında vətəndaşlar üçün mütəmadi yenilənən bölmələrin aparılması",
        "ru": "Ведение на официальном сайте регулярно обновляемых разделов для граждан",
        "en": "Keeping regularly updated sections for citizens on the official website",
    },
]
SUMMARY = {
    "az": "Dəyirmi masada rayon icra hakimiyyətinin nümayəndələri, ictimai şuranın üzvləri və yerli ictimai "
    "birliklər kənd yollarının təmiri, içməli su təchizatı və gənclərin məşğulluğu məsələlərini müzakirə "
    "etdilər. İctimai şuranın iclaslarının rüblük keçirilməsi və qərarların rəsmi saytda dərc edilməsi "
    "razılaşdırıldı.",
    "ru": "На круглом столе представители районной исполнительной власти, члены общественного совета и местные "
    "общественные объединения обсудили ремонт сельских дорог, снабжение питьевой водой и занятость "
    "молодёжи. Договорились проводить заседания общественного совета ежеквартально и публиковать их "
    "решения на официальном сайте.",
    "en": "At the round table, representatives of the district executive authority, members of the public "
    "council and local public unions discussed the repair of village roads, drinking water supply and "
    "youth employment. They agreed that the public council will meet every quarter and that its "
    "decisions will be published on the official website.",
}
PROPOSALS = [
    (
        {
            "az": "İctimai şuranın iclaslarını rübdə bir dəfə keçirmək və protokollarını rəsmi saytda dərc etmək",
            "ru": "Проводить заседания общественного совета раз в квартал и публиковать протоколы на официальном сайте",
            "en": "Hold the public council's meetings once a quarter and publish their minutes on the official website",
        },
        True,
    ),
    (
        {
            "az": "Rəsmi saytda kənd yollarının təmiri qrafikini və icra vəziyyətini göstərən bölmə yaratmaq",
            "ru": "Создать на официальном сайте раздел с графиком ремонта сельских дорог и ходом его выполнения",
            "en": "Open a section on the official website with the village road repair schedule and its progress",
        },
        True,
    ),
    (
        {
            "az": "Gənclər üçün peşə hazırlığı kurslarını ictimai birliklərlə birgə təşkil etmək",
            "ru": "Организовать курсы профессиональной подготовки для молодёжи совместно с общественными объединениями",
            "en": "Organise vocational training courses for young people together with public unions",
        },
        False,
    ),
]
NEXT_TITLE = {
    "az": "Yardımlı rayonunda növbəti dəyirmi masa: içməli su təchizatı və kənd yolları",
    "ru": "Следующий круглый стол в Ярдымлинском районе: питьевая вода и сельские дороги",
    "en": "Next round table in Yardimli district: drinking water and village roads",
}
NEXT_DESCRIPTION = {
    "az": "Əvvəlki dəyirmi masanın təkliflərinin icrası barədə məlumat və sakinlərin sualları. İştirak açıqdır, "
    "qeydiyyat tələb olunur.",
    "ru": "Информация о выполнении предложений прошлого круглого стола и вопросы жителей. Участие открытое, "
    "нужна регистрация.",
    "en": "What became of the last round table's proposals, and residents' questions. Anyone may take part; "
    "please register.",
}
NEXT_AGENDA = {
    "az": "Əvvəlki dəyirmi masanın təkliflərinin icrası (MFP, 5.6-cı bənd)",
    "ru": "Выполнение предложений прошлого круглого стола (НПД, пункт 5.6)",
    "en": "What became of the last round table's proposals (NAP, item 5.6)",
}


def _district() -> District:
    district = District.objects.filter(name_az="Yardımlı").first()
    if district is None:
        district = next(d for d in District.objects.all() if "Yardimli" in (d.aliases or []))
    return district


@transaction.atomic
def load() -> dict[str, int]:
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    if admin is None:
        raise RuntimeError("Load the demo directory first (koordinat demo-data does both).")
    authority = Organization.objects.get(name_az=AUTHORITY)
    council = Body.objects.get(name_az=COUNCIL)
    partners = list(Organization.objects.filter(name_az__in=PARTNERS).order_by("name"))
    measure = Measure.objects.get(plan__code="OGP-NAP-2020", number="5.6")
    district = _district()
    created = 0

    if not Event.objects.filter(title_az=HELD_TITLE["az"]).exists():
        held = services.event_create(
            actor=admin,
            kind=Event.Kind.ROUND_TABLE,
            title=HELD_TITLE,
            description=HELD_DESCRIPTION,
            address=ADDRESS,
            starts_at=datetime.datetime(2021, 11, 18, 11, 0, tzinfo=BAKU),
            district=district,
            organizers=[authority],
            partners=partners,
            council=council,
        )
        for text in AGENDA:
            held = _refreshed(held)
            services.agenda_item_add(
                actor=admin, event=held, version=held.version, text=text, measure=measure
            )
        held = _refreshed(held)
        held = services.outcome_record(
            actor=admin, event=held, version=held.version, summary=SUMMARY, attendance=46
        )
        for text, on_measure in PROPOSALS:
            held = _refreshed(held)
            services.proposal_add(
                actor=admin,
                event=held,
                version=held.version,
                text=text,
                measure=measure if on_measure else None,
            )
        held = _refreshed(held)
        services.event_publish(actor=admin, event=held, version=held.version)
        created += 1

    if not Event.objects.filter(title_az=NEXT_TITLE["az"]).exists():
        day = clock.today() + datetime.timedelta(days=21)
        starts_at = datetime.datetime.combine(day, datetime.time(11, 0), tzinfo=BAKU)
        upcoming = services.event_create(
            actor=admin,
            kind=Event.Kind.ROUND_TABLE,
            title=NEXT_TITLE,
            description=NEXT_DESCRIPTION,
            address=ADDRESS,
            starts_at=starts_at,
            district=district,
            organizers=[authority],
            partners=partners,
            council=council,
            registration_open=True,
            capacity=60,
            registration_deadline=starts_at - datetime.timedelta(days=2),
        )
        services.agenda_item_add(
            actor=admin, event=upcoming, version=upcoming.version, text=NEXT_AGENDA, measure=measure
        )
        upcoming = _refreshed(upcoming)
        services.event_publish(actor=admin, event=upcoming, version=upcoming.version)
        created += 1
    return {"events": created}


def _refreshed(event: Event) -> Event:
    return Event.objects.get(pk=event.pk)
