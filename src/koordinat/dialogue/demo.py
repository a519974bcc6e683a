"""The demo's dialogue: citizens' questions and proposals on item 5.6 of the National Action Plan
(OGP-NAP-2020) — answered on time, answered late, awaiting an answer, rejected with a reason — and
the demo citizen's two questions on the Yardimli round table (events demo, loaded before: the events
app is installed before this one), one answered by its organiser, one awaiting an answer; told
through the services on the days they happened (`clock.at`), so due dates, lateness and the on-time
figure are the real ones. One demo citizen signs in (README)."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password

from koordinat.accounts.models import User
from koordinat.core import clock
from koordinat.core.calendar import default_calendar
from koordinat.core.demo import DEMO_PASSWORD
from koordinat.events.demo.loader import HELD_TITLE
from koordinat.events.models import Event
from koordinat.plans.models import Measure

from . import services
from .models import Citizen, Submission

DEMO_CITIZEN = "gunay.rzayeva@citizen.koordinat.test"
MODERATOR = "rustam.suleymanov@center.koordinat.test"  # the administrator moderates the plan's dialogue
ANSWERER = "parviz.abbasov@tartar.koordinat.test"  # the focal point of the lead executor of 5.6
ADDRESS = "192.0.2.50"
# The Yardimli authority's focal point for the dialogue: answers what is asked on its round table.
EVENT_ANSWERER = "aynur.hasanova@yardimli.koordinat.test"  # Yardımlı's focal point in the directory demo

CITIZENS = [
    (DEMO_CITIZEN, "Günay Rzayeva", "Yardımlı Gənclər İctimai Birliyi", "az"),
    ("sergey.volkov@citizen.koordinat.test", "Сергей Волков", "", "ru"),
    ("emma.clarke@citizen.koordinat.test", "Emma Clarke", "Open Caucasus Network", "en"),
    ("elnur.quliyev@citizen.koordinat.test", "Elnur Quliyev", "", "az"),
]

# (citizen, kind, language, text, working days ago accepted, working days to answer or None, answer
# texts, rejection reason or None)
STORIES = [
    (
        0,
        "question",
        "az",
        "Tərtər rayonunda Dialoq Platformasının növbəti dəyirmi masası nə vaxt keçiriləcək və gənclər "
        "təşkilatları orada necə iştirak edə bilər?",
        40,
        6,
        {
            "az": "Növbəti dəyirmi masa ayın son cümə günü saat 11:00-da Tərtər Rayon İcra Hakimiyyətinin "
            "akt zalında keçiriləcək. Gənclər təşkilatları iştirak üçün icra hakimiyyətinin saytındakı "
            "«Dialoq Platforması» bölməsində qeydiyyatdan keçə bilərlər.",
            "ru": "Очередной круглый стол пройдёт в последнюю пятницу месяца в 11:00 в актовом зале "
            "Тертерской районной исполнительной власти. Молодёжные организации могут зарегистрироваться "
            "в разделе «Платформа диалога» на сайте исполнительной власти.",
            "en": "The next round table is on the last Friday of the month at 11:00 in the assembly hall of "
            "the Tərtər district executive authority. Youth organisations can register in the «Dialogue "
            "Platform» section of the authority's website.",
        },
        None,
    ),
    (
        1,
        "question",
        "ru",
        "Будут ли протоколы заседаний общественного совета публиковаться на сайте районной "
        "исполнительной власти, и в какой срок после заседания?",
        30,
        4,
        {
            "az": "Bəli. İctimai şuranın iclaslarının protokolları iclasdan sonra beş iş günü ərzində "
            "saytın «İctimai şura» bölməsində dərc olunur.",
            "ru": "Да. Протоколы заседаний общественного совета публикуются в разделе «Общественный "
            "совет» на сайте в течение пяти рабочих дней после заседания.",
        },
        None,
    ),
    (
        0,
        "proposal",
        "az",
        "Təklif edirəm ki, dəyirmi masaların yekun sənədləri və verilən təkliflərin icra vəziyyəti "
        "rayon icra hakimiyyətinin saytında ayrıca cədvəldə dərc olunsun.",
        25,
        14,  # answered three working days after its ten
        {
            "az": "Təklifiniz qəbul olunub: növbəti rübdən etibarən dəyirmi masalarda səslənən təkliflər "
            "və onların icra vəziyyəti saytda ayrıca cədvəldə dərc olunacaq. Cavabın gecikməsinə görə üzr "
            "istəyirik.",
            "ru": "Ваше предложение принято: со следующего квартала предложения, прозвучавшие на круглых "
            "столах, и ход их выполнения будут публиковаться на сайте отдельной таблицей. Приносим "
            "извинения за задержку ответа.",
            "en": "Your proposal is accepted: from next quarter the proposals made at round tables and "
            "their progress will be published on the website in a separate table. We apologise for the "
            "late answer.",
        },
        None,
    ),
    (
        2,
        "question",
        "en",
        "Can civil-society organisations that are not registered in the district join the public "
        "council, and how are its members chosen?",
        3,
        None,
        None,
        None,
    ),
    (
        3,
        "proposal",
        "az",
        "Rayonda yeni ticarət mərkəzi açılıb, hamını ora dəvət edirəm, endirimlər var!",
        12,
        None,
        None,
        ("advertising", "Mətn Tədbirlər Planının 5.6-cı bəndinə aid deyil və reklam xarakteri daşıyır."),
    ),
]


# On the held Yardimli round table, by the demo citizen: (text, working days ago accepted, working
# days to answer or None, answer texts or None).
EVENT_STORIES = [
    (
        "Dəyirmi masada səslənən kənd yollarının təmiri ilə bağlı təkliflər nə vaxt rayonun illik "
        "planına daxil ediləcək?",
        20,
        5,
        {
            "az": "Dəyirmi masada səslənən təkliflər rayonun gələn ilin tikinti-təmir planının layihəsinə "
            "daxil edilib; layihə dekabrın sonunadək ictimai şurada müzakirə olunacaq.",
            "ru": "Предложения, прозвучавшие на круглом столе, включены в проект районного плана "
            "строительства и ремонта на следующий год; проект будет обсуждён в общественном совете до "
            "конца декабря.",
            "en": "The proposals made at the round table are in the draft of the district's building and "
            "repair plan for next year; the public council will discuss the draft by the end of December.",
        },
    ),
    (
        "Dəyirmi masanın iştirakçılarının siyahısı və təqdimatlar saytda dərc olunacaqmı?",
        2,
        None,
        None,
    ),
]


def _event_stories(citizen: Citizen, moderator: User) -> None:
    event = Event.objects.filter(title_az=HELD_TITLE["az"], is_published=True).first()
    if event is None:
        return
    calendar = default_calendar()
    today = clock.today()
    for text, ago, answer_after, answer in EVENT_STORIES:
        accepted_on = calendar.add_working_days(today, -ago)
        with clock.at(_moment(calendar.add_working_days(accepted_on, -1), 18)):
            submission = services.submission_create(
                citizen=citizen, kind="question", text=text, language="az", address=ADDRESS, event=event
            )
        with clock.at(_moment(accepted_on, 10)):
            submission = services.submission_moderate(
                actor=moderator, submission=submission, version=submission.version, accept=True
            )
        if answer_after is not None and answer is not None and submission.organization is not None:
            answerer = User.objects.get(email=EVENT_ANSWERER, organization=submission.organization)
            with clock.at(_moment(calendar.add_working_days(accepted_on, answer_after), 15)):
                services.answer_save(
                    actor=answerer, submission=submission, version=0, texts=answer, publish=True
                )


def _moment(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=ZoneInfo(settings.TIME_ZONE))


def load() -> dict[str, int]:
    """Once: a database with submissions is left as it is."""
    if Submission.objects.exists():
        return {"submissions": 0}
    measure = Measure.objects.filter(plan__code="OGP-NAP-2020", number="5.6").select_related("plan").first()
    moderator = User.objects.filter(email=MODERATOR).first()
    answerer = User.objects.filter(email=ANSWERER).first()
    if measure is None or moderator is None or answerer is None:
        return {"submissions": 0}
    calendar = default_calendar()
    today = clock.today()
    password = make_password(DEMO_PASSWORD)
    citizens = []
    for email, name, organization, language in CITIZENS:
        citizen, _created = Citizen.objects.get_or_create(
            email=email,
            defaults={
                "name": name,
                "organization_name": organization,
                "password": password,
                "language": language,
                "consented_at": clock.now(),
                "confirmed_at": clock.now(),
            },
        )
        citizens.append(citizen)
    for who, kind, language, text, ago, answer_after, answer, rejection in STORIES:
        accepted_on = calendar.add_working_days(today, -ago)
        with clock.at(_moment(calendar.add_working_days(accepted_on, -1), 18)):
            submission = services.submission_create(
                citizen=citizens[who],
                kind=kind,
                text=text,
                language=language,
                address=ADDRESS,
                measure=measure,
            )
        with clock.at(_moment(accepted_on, 10)):
            submission = services.submission_moderate(
                actor=moderator,
                submission=submission,
                version=submission.version,
                accept=rejection is None,
                reason=rejection[0] if rejection else "",
                reason_text=rejection[1] if rejection else "",
            )
        if answer_after is not None and answer is not None:
            with clock.at(_moment(calendar.add_working_days(accepted_on, answer_after), 15)):
                services.answer_save(
                    actor=answerer, submission=submission, version=0, texts=answer, publish=True
                )
    _event_stories(citizens[0], moderator)
    return {"citizens": len(citizens), "submissions": Submission.objects.count()}
