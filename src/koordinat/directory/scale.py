"""Directory part of the scale data: organisations in a hierarchy, people, positions, bodies."""

from itertools import islice
from typing import Any

from koordinat.core.scale import ScaleContext
from koordinat.core.text import fold

from .models import Body, Membership, Organization, Person

# (az, ru, en) building blocks; combined they give distinct, plausible names in three languages.
AREAS = [
    ("Ekologiya", "экологии", "Ecology"),
    ("Energetika", "энергетики", "Energy"),
    ("Nəqliyyat", "транспорта", "Transport"),
    ("Səhiyyə", "здравоохранения", "Health"),
    ("Təhsil", "образования", "Education"),
    ("Kənd Təsərrüfatı", "сельского хозяйства", "Agriculture"),
    ("Mədəniyyət", "культуры", "Culture"),
    ("Su Ehtiyatları", "водных ресурсов", "Water Resources"),
    ("Turizm", "туризма", "Tourism"),
    ("Rəqəmsal İnkişaf", "цифрового развития", "Digital Development"),
    ("Əmək və Sosial Müdafiə", "труда и социальной защиты", "Labour and Social Protection"),
    ("Şəhərsalma", "градостроительства", "Urban Planning"),
]
KINDS = [
    ("ministry", "Nazirliyi", "Министерство", "Ministry of"),
    ("state_committee", "Dövlət Komitəsi", "Государственный комитет", "State Committee for"),
    ("state_agency", "Dövlət Agentliyi", "Государственное агентство", "State Agency for"),
    ("public_legal_entity", "Mərkəzi", "Центр", "Centre for"),
]
LAST_NAMES = [
    ("Məmmədov", "Мамедов", "Mammadov"),
    ("Əliyev", "Алиев", "Aliyev"),
    ("Həsənov", "Гасанов", "Hasanov"),
    ("Quliyev", "Кулиев", "Guliyev"),
    ("Hüseynov", "Гусейнов", "Huseynov"),
    ("İsmayılov", "Исмаилов", "Ismayilov"),
    ("Babayev", "Бабаев", "Babayev"),
    ("Rzayev", "Рзаев", "Rzayev"),
    ("Cəfərov", "Джафаров", "Jafarov"),
    ("Süleymanov", "Сулейманов", "Suleymanov"),
]
FIRST_NAMES = [
    ("Rəşad", "Рашад", "Rashad"),
    ("Elçin", "Эльчин", "Elchin"),
    ("Aynur", "Айнур", "Aynur"),
    ("Kamran", "Камран", "Kamran"),
    ("Leyla", "Лейла", "Leyla"),
    ("Orxan", "Орхан", "Orkhan"),
    ("Nərmin", "Нармин", "Narmin"),
    ("Tural", "Турал", "Tural"),
    ("Günay", "Гюнай", "Gunay"),
    ("Vüqar", "Вугар", "Vugar"),
]
POSITIONS = [
    ("baş məsləhətçi", "главный консультант", "chief adviser"),
    ("aparıcı məsləhətçi", "ведущий консультант", "leading adviser"),
    ("şöbə müdiri", "заведующий отделом", "head of department"),
    ("sektor müdiri", "заведующий сектором", "head of sector"),
]


def _batches(items: list[Any], size: int) -> Any:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _organization(context: ScaleContext, index: int, parent: Organization | None) -> Organization:
    area_az, area_ru, area_en = context.rng.choice(AREAS)
    kind, kind_az, kind_ru, kind_en = context.rng.choice(KINDS)
    names = {
        "az": f"{area_az} {kind_az} №{index}",
        "ru": f"{kind_ru} {area_ru} №{index}",
        "en": f"{kind_en} {area_en} No. {index}",
    }
    abbreviation = "".join(word[0] for word in names["az"].split()[:3]).upper() + str(index)
    organization = Organization(
        kind=kind,
        parent=parent,
        country="AZ",
        name=names["az"],
        name_az=names["az"],
        name_ru=names["ru"],
        name_en=names["en"],
        abbreviation=abbreviation,
        abbreviation_az=abbreviation,
    )
    organization.search_text = fold(" | ".join([*names.values(), abbreviation]))
    return organization


def generate(context: ScaleContext) -> None:
    rng, size = context.rng, context.batch_size
    total = context.counts.get("organizations", 0)
    top_level = max(1, total // 10)
    organizations = Organization.objects.bulk_create(
        [_organization(context, index + 1, None) for index in range(min(top_level, total))], batch_size=size
    )
    for start in range(top_level, total, size):  # each batch hangs under rows already saved
        batch = [
            _organization(context, index + 1, rng.choice(organizations))
            for index in range(start, min(start + size, total))
        ]
        organizations.extend(Organization.objects.bulk_create(batch, batch_size=size))
    context.report(f"organizations: {len(organizations)}")

    people: list[Person] = []
    memberships: list[Membership] = []
    for index in range(context.counts.get("people", 0)):
        last, first = rng.choice(LAST_NAMES), rng.choice(FIRST_NAMES)
        people.append(
            Person(
                last_name=last[0],
                last_name_az=last[0],
                last_name_ru=last[1],
                last_name_en=last[2],
                first_name=first[0],
                first_name_az=first[0],
                first_name_ru=first[1],
                first_name_en=first[2],
                email=f"person{index + 1}@scale.koordinat.test",
                search_text=fold(f"{last[0]} {first[0]} {last[1]} {first[1]} {last[2]} {first[2]}"),
            )
        )
    for batch in _batches(people, size):
        Person.objects.bulk_create(batch, batch_size=size)
    for person in people:
        position = rng.choice(POSITIONS)
        memberships.append(
            Membership(
                person=person,
                organization=rng.choice(organizations),
                position=position[0],
                position_az=position[0],
                position_ru=position[1],
                position_en=position[2],
            )
        )
    Membership.objects.bulk_create(memberships, batch_size=size)
    context.report(f"people: {len(people)} with {len(memberships)} positions")

    body_count = context.counts.get("bodies", max(1, total // 10))
    if not organizations or not body_count:
        context.made.update(organizations=organizations, people=people, bodies=[])
        return
    headquarters = Body.objects.create(
        kind=Body.Kind.HEADQUARTERS,
        name="Koordinasiya Qərargahı",
        name_az="Koordinasiya Qərargahı",
        name_ru="Координационный штаб",
        name_en="Coordination Headquarters",
        search_text=fold("Koordinasiya Qərargahı Координационный штаб Coordination Headquarters"),
    )
    groups = []
    for index in range(1, body_count):
        area = rng.choice(AREAS)
        names = (
            f"{area[0]} üzrə işçi qrup №{index}",
            f"Рабочая группа по вопросам {area[1]} №{index}",
            f"{area[2]} working group No. {index}",
        )
        groups.append(
            Body(
                kind=Body.Kind.WORKING_GROUP,
                parent=headquarters,
                name=names[0],
                name_az=names[0],
                name_ru=names[1],
                name_en=names[2],
                search_text=fold(" | ".join(names)),
            )
        )
    bodies = [headquarters, *Body.objects.bulk_create(groups, batch_size=size)]
    OrgLink: Any = Body.member_organizations.through
    PersonLink: Any = Body.members.through
    org_links, person_links = [], []
    for body in bodies:
        members = rng.sample(organizations, min(len(organizations), 55 if body is headquarters else 8))
        org_links += [OrgLink(body_id=body.pk, organization_id=org.pk) for org in members]
        chosen = rng.sample(people, min(len(people), 12)) if people else []
        person_links += [PersonLink(body_id=body.pk, person_id=person.pk) for person in chosen]
        if chosen:
            body.chair, body.secretary = chosen[0], chosen[-1]
    OrgLink.objects.bulk_create(org_links, batch_size=size)
    PersonLink.objects.bulk_create(person_links, batch_size=size)
    Body.objects.bulk_update(bodies, ["chair", "secretary"], batch_size=size)
    context.report(f"bodies: {len(bodies)}")
    context.made.update(organizations=organizations, people=people, bodies=bodies)
