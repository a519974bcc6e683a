import pytest

from koordinat.plans.importing.executors import ExecutorEntry as E
from koordinat.plans.importing.executors import read_executors
from koordinat.plans.importing.matching import OrganizationIndex
from tests.conftest import texts


@pytest.fixture
def registry(coordinator):
    from koordinat.directory import services

    make = services.organization_create
    return {
        "eco": make(
            actor=coordinator,
            kind="ministry",
            name=texts(
                "Azərbaycan Respublikasının Ekologiya və Təbii Sərvətlər Nazirliyi",
                "Министерство экологии и природных ресурсов Азербайджанской Республики",
                "Ministry of Ecology and Natural Resources of the Republic of Azerbaijan",
            ),
            short_name=texts(
                "Ekologiya və Təbii Sərvətlər Nazirliyi", "Министерство экологии", "Ministry of Ecology"
            ),
            abbreviation=texts("ETSN", "МЭПР", "MENR"),
        ),
        "energy": make(
            actor=coordinator,
            kind="ministry",
            name=texts(
                "Azərbaycan Respublikasının Energetika Nazirliyi",
                "Министерство энергетики Азербайджанской Республики",
                "Ministry of Energy",
            ),
            short_name=texts("Energetika Nazirliyi", "Министерство энергетики", "Ministry of Energy"),
        ),
        "agdam": make(
            actor=coordinator,
            kind="local_executive_authority",
            name=texts(
                "Ağdam Rayon İcra Hakimiyyəti",
                "Исполнительная власть Агдамского района",
                "Aghdam District Executive Authority",
            ),
        ),
    }


def _read(cell):
    return [(e.name, e.lead, e.agreement, e.person) for e in read_executors(cell)]


def _expect(*entries):
    return [(e.name, e.lead, e.agreement, e.person) for e in entries]


AZ_CELLS = [
    ("Ümumi şöbə\n(X.Fərəcov)", [E("Ümumi şöbə"), E("X.Fərəcov", person=True)]),
    ("İqtisadiyyat şöbəsi (R.Orucov)", [E("İqtisadiyyat şöbəsi"), E("R.Orucov", person=True)]),
    ("Ali təhsil\nmüəssisələrinin rəhbərləri", [E("Ali təhsil müəssisələrinin rəhbərləri")]),
    (
        "Tərbiyə və\nməktəbdənkənar müəssisələr şöbəsi",
        [E("Tərbiyə və məktəbdənkənar müəssisələr şöbəsi")],
    ),
    (
        "Mədəniyyət Nazirliyi Elm və Təhsil Nazirliyi və Azərbaycan Milli Elmlər Akademiyası ilə birlikdə",
        [E("Mədəniyyət Nazirliyi"), E("Elm və Təhsil Nazirliyi"), E("Azərbaycan Milli Elmlər Akademiyası")],
    ),
    (
        "Ekologiya və Təbii Sərvətlər Nazirliyi yanında Milli Hidrometeorologiya Xidməti",
        [E("Ekologiya və Təbii Sərvətlər Nazirliyi yanında Milli Hidrometeorologiya Xidməti")],
    ),
    (
        "Ekologiya və Təbii Sərvətlər Nazirliyi (əsas icraçı); Energetika Nazirliyi,\nAğdam Rayon İcra Hakimiyyəti",
        [
            E("Ekologiya və Təbii Sərvətlər Nazirliyi", lead=True),
            E("Energetika Nazirliyi"),
            E("Ağdam Rayon İcra Hakimiyyəti"),
        ],
    ),
    (
        "Ekologiya və Təbii Sərvətlər Nazirliyi, Energetika Nazirliyi, bələdiyyələr (razılaşdırılmaqla)",
        [
            E("Ekologiya və Təbii Sərvətlər Nazirliyi"),
            E("Energetika Nazirliyi"),
            E("bələdiyyələr", agreement=True),
        ],
    ),
    ("Təhsil Nazirliyi və Səhiyyə Nazirliyi", [E("Təhsil Nazirliyi"), E("Səhiyyə Nazirliyi")]),
    ("Gənclər və İdman Nazirliyi", [E("Gənclər və İdman Nazirliyi")]),
    (
        "Mərkəzi və yerli icra hakimiyyəti orqanları, bələdiyyələr (razılaşdırma ilə)",
        [E("Mərkəzi və yerli icra hakimiyyəti orqanları"), E("bələdiyyələr", agreement=True)],
    ),
    (
        'Energetika Nazirliyi, "Azərişıq" ASC, "Azərenerji, Bakı" ASC və “Azərsu” ASC',
        [E("Energetika Nazirliyi"), E('"Azərişıq" ASC'), E('"Azərenerji, Bakı" ASC'), E("“Azərsu” ASC")],
    ),
    ('"Bakı və Abşeron" ASC', [E('"Bakı və Abşeron" ASC')]),
    (
        "Ailə, Qadın və Uşaq Problemləri üzrə Dövlət Komitəsi, Təhsil Nazirliyi",
        [E("Ailə, Qadın və Uşaq Problemləri üzrə Dövlət Komitəsi"), E("Təhsil Nazirliyi")],
    ),
    (
        "Milli Məclis (razılaşdırılmaqla), Ədliyyə Nazirliyi (əlaqələndirici)",
        [E("Ədliyyə Nazirliyi", lead=True), E("Milli Məclis", agreement=True)],
    ),
    (
        "1) Təhsil Nazirliyi\n2) Gənclər və İdman Nazirliyi\n3) Ə.Əliyev",
        [E("Təhsil Nazirliyi"), E("Gənclər və İdman Nazirliyi"), E("Ə.Əliyev", person=True)],
    ),
    ("Ə. Əliyev və R.Məmmədov", [E("Ə. Əliyev", person=True), E("R.Məmmədov", person=True)]),
    (
        "aidiyyəti dövlət orqanları (Milli Məclis, Ali Məhkəmə) (razılaşdırılmaqla)",
        [
            E("aidiyyəti dövlət orqanları"),
            E("Milli Məclis", agreement=True),
            E("Ali Məhkəmə", agreement=True),
        ],
    ),
    (
        "Ədliyyə Nazirliyi, digər dövlət orqanları: Milli Məclis, Ali Məhkəmə (razılığı ilə)",
        [
            E("Ədliyyə Nazirliyi"),
            E("digər dövlət orqanları"),
            E("Milli Məclis", agreement=True),
            E("Ali Məhkəmə", agreement=True),
        ],
    ),
    (
        "– Nazirlər Kabineti\n– Prezident Administrasiyası.",
        [E("Nazirlər Kabineti"), E("Prezident Administrasiyası")],
    ),
    ("Milli Məclis – razılaşdırılmaqla", [E("Milli Məclis", agreement=True)]),
    ("Energetika Nazirliyi\n(razılaşdırma yolu ilə)", [E("Energetika Nazirliyi", agreement=True)]),
    (
        "Təhsil Nazirliyi, həmçinin Bakı Dövlət Universiteti",
        [E("Təhsil Nazirliyi"), E("Bakı Dövlət Universiteti")],
    ),
    ("ETSN və ƏƏSMN", [E("ETSN"), E("ƏƏSMN")]),
    # heads of units: bölmə, müdir; spaces inside a name read as one
    (
        "Mədəniyyət və Turizm  Nazirliyi, AMEA-nın Naxçıvan Bölməsi, Naxçıvan Dövlət Universiteti",
        [
            E("Mədəniyyət və Turizm Nazirliyi"),
            E("AMEA-nın Naxçıvan Bölməsi"),
            E("Naxçıvan Dövlət Universiteti"),
        ],
    ),
    # a body of the organisation named before it is no executor of its own
    (
        "Azərbaycan Təhsil İşçiləri Azad Həmkarlar İttifaqı Respublika Komitəsi",
        [E("Azərbaycan Təhsil İşçiləri Azad Həmkarlar İttifaqı Respublika Komitəsi")],
    ),
    (
        "Mədəniyyət Nazirliyi Elm və Təhsil Nazirliyi",
        [E("Mədəniyyət Nazirliyi"), E("Elm və Təhsil Nazirliyi")],
    ),
    # a genitive before a comma goes on; a word or two left at the end of a line go on the next one
    (
        "Naxçıvan MR təhsil naziri, rayon, şəhər\ntəhsil şöbələrinin, idarələrinin müdirləri, ali,\n"
        "orta ixtisas, texniki peşə təhsili\nmüəssisələrinin rəhbərləri",
        [
            E("Naxçıvan MR təhsil naziri"),
            E("rayon, şəhər təhsil şöbələrinin, idarələrinin müdirləri"),
            E("ali, orta ixtisas, texniki peşə təhsili müəssisələrinin rəhbərləri"),
        ],
    ),
    (
        "Təhsil Nazirliyi,\nyerli icra hakimiyyəti orqanları",
        [E("Təhsil Nazirliyi"), E("yerli icra hakimiyyəti orqanları")],
    ),
    ("Azərbaycan Respublikasının\nMaliyyə Nazirliyi", [E("Azərbaycan Respublikasının Maliyyə Nazirliyi")]),
    (
        "yerli təhsil orqanları, ümumi təhsil, ilk peşə, orta-ixtisas və ali təhsil müəssisələrinin rəhbərləri",
        [
            E("yerli təhsil orqanları"),
            E("ümumi təhsil, ilk peşə, orta-ixtisas və ali təhsil müəssisələrinin rəhbərləri"),
        ],
    ),
    # a full name in parentheses after a unit is a person
    (
        "İctimaiyyətlə əlaqələr sektoru (Cəsarət Valehov)",
        [E("İctimaiyyətlə əlaqələr sektoru"), E("Cəsarət Valehov", person=True)],
    ),
    ("", []),
]
RU_CELLS = [
    # people one after another, a rank before a person, a unit with its person in parentheses
    ("Кулешова Р.В. Звягина М.А.", [E("Кулешова Р.В.", person=True), E("Звягина М.А.", person=True)]),
    ("И.Г. Назарьева\nЮ.В.Григорьев", [E("И.Г. Назарьева", person=True), E("Ю.В.Григорьев", person=True)]),
    ("полковник\nДудин Е.А.", [E("Дудин Е.А.", person=True)]),
    ("Кудрявцев Ю.В", [E("Кудрявцев Ю.В", person=True)]),
    (
        "Минвостокразвития России\n(А.А.Козлову)",
        [E("Минвостокразвития России"), E("А.А.Козлову", person=True)],
    ),
    ("Наварич В.А., воспитатели общежитий", [E("Наварич В.А.", person=True), E("воспитатели общежитий")]),
    (
        "Зобнин С.Н. (по согласованию), главы сельских поселений (по согласованию)",
        [E("Зобнин С.Н.", agreement=True, person=True), E("главы сельских поселений", agreement=True)],
    ),
    # a narrow column wraps names over several lines
    (
        "министерство\nпромышленности\nи энергетики\nобласти,\nминистерство\nсельского\nхозяйства области",
        [
            E("министерство промышленности и энергетики области"),
            E("министерство сельского хозяйства области"),
        ],
    ),
    ("Министерство науки и высшего образования", [E("Министерство науки и высшего образования")]),
    (
        "Министерство науки и высшего образования, Минфин России и Росстат",
        [E("Министерство науки и высшего образования"), E("Минфин России"), E("Росстат")],
    ),
    (
        "Министерство юстиции и Министерство финансов (по согласованию)",
        [E("Министерство юстиции"), E("Министерство финансов", agreement=True)],
    ),
    (
        "ОАО «РЖД», ПАО «Газпром» (по согласованию), Иванов И.И.",
        [E("ОАО «РЖД»"), E("ПАО «Газпром»", agreement=True), E("Иванов И.И.", person=True)],
    ),
    ("АО «Почта, связь и логистика»", [E("АО «Почта, связь и логистика»")]),
    (
        "Министерство по делам гражданской обороны, чрезвычайным ситуациям и ликвидации последствий стихийных бедствий",
        [
            E(
                "Министерство по делам гражданской обороны, чрезвычайным ситуациям и ликвидации последствий "
                "стихийных бедствий"
            )
        ],
    ),
    (
        "Минфин России, Минэкономразвития России (ответственный исполнитель), заинтересованные органы",
        [E("Минэкономразвития России", lead=True), E("Минфин России"), E("заинтересованные органы")],
    ),
    (
        "органы исполнительной власти субъектов Российской Федерации (по согласованию)",
        [E("органы исполнительной власти субъектов Российской Федерации", agreement=True)],
    ),
    ("И.И. Иванов и Петров П.П.", [E("И.И. Иванов", person=True), E("Петров П.П.", person=True)]),
    ("• Минтруд России (головной)\n• Роструд", [E("Минтруд России", lead=True), E("Роструд")]),
    ("Министерство культуры и ООО «Арт»", [E("Министерство культуры"), E("ООО «Арт»")]),
]
EN_CELLS = [
    ("GSA with CDO Council and ICSP", [E("GSA"), E("CDO Council"), E("ICSP")]),
    ("OMB*", [E("OMB")]),
    ("Ministry of Culture and Tourism", [E("Ministry of Culture and Tourism")]),
    (
        "Ministry of Culture and Tourism, Ministry of Finance and State Customs Committee",
        [E("Ministry of Culture and Tourism"), E("Ministry of Finance"), E("State Customs Committee")],
    ),
    (
        "“Azercell Telecom” LLC, J. Smith (lead)",
        [E("J. Smith", lead=True, person=True), E("“Azercell Telecom” LLC")],
    ),
    (
        "Ministry of Justice, relevant agencies (upon agreement)",
        [E("Ministry of Justice"), E("relevant agencies", agreement=True)],
    ),
    (
        "• Ministry of Education\n• Civil Aviation Authority and local governments",
        [E("Ministry of Education"), E("Civil Aviation Authority"), E("local governments")],
    ),
    (
        "Ministry of Economy; Central Bank (subject to agreement); ADA University",
        [E("Ministry of Economy"), E("Central Bank", agreement=True), E("ADA University")],
    ),
    ("Ministry of Youth and Sports (in agreement)", [E("Ministry of Youth and Sports", agreement=True)]),
    (
        "Ministry of Energy (coordinator), “Power, Gas and Water” OJSC",
        [E("Ministry of Energy", lead=True), E("“Power, Gas and Water” OJSC")],
    ),
]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        pytest.param(cell, expected, id=f"{language}-{index}")
        for language, cells in (("az", AZ_CELLS), ("ru", RU_CELLS), ("en", EN_CELLS))
        for index, (cell, expected) in enumerate(cells)
    ],
)
def test_executor_cells_are_read_as_officials_write_them(cell, expected):
    assert _read(cell) == _expect(*expected)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Ekologiya və Təbii Sərvətlər Nazirliyi", "eco"),
        ("ETSN", "eco"),
        ("МЭПР", "eco"),
        ("ekologiya ve tebii servetler nazirliyi", "eco"),
        ("Ekologiya və Təbii Sərvətlər Nazirliyinin", "eco"),
        ("Министерством экологии и природных ресурсов", "eco"),
        ("Energetika Nazirliyi", "energy"),
        ("Agdam rayon icra hakimiyyeti", "agdam"),
        ("Ağdam Rayon İcra Hakimiyyətinin", "agdam"),
    ],
)
def test_names_in_any_form_match_their_organisation(registry, text, key):
    result = OrganizationIndex.build().match(text)
    assert result.organization_id == registry[key].pk, (text, result)
    assert result.score >= 0.9


def test_an_unknown_name_is_not_guessed_but_suggests_candidates(registry):
    result = OrganizationIndex.build().match("Energetika Agentliyi")
    assert result.organization_id is None
    assert result.candidates
    assert result.candidates[0].organization_id == registry["energy"].pk


def test_a_name_with_nothing_in_common_has_no_candidates(registry):
    result = OrganizationIndex.build().match("Xarici İşlər Nazirliyi Konsulluq İdarəsi")
    assert result.organization_id is None


def test_abolished_organisations_are_not_offered(registry, coordinator):
    import datetime

    from koordinat.directory import services

    energy = registry["energy"]
    services.organization_abolish(
        actor=coordinator, organization=energy, version=energy.version, on=datetime.date(2025, 1, 1)
    )
    assert OrganizationIndex.build().match("Energetika Nazirliyi").organization_id is None


@pytest.fixture
def minister(coordinator, registry):
    from koordinat.directory import services

    return services.person_create(
        actor=coordinator,
        last_name=texts("Əliyev", "Алиев", "Aliyev"),
        first_name=texts("Rəşad", "Рашад", "Rashad"),
        patronymic=texts("Əli oğlu", "Али оглы", ""),
        organization=registry["energy"],
        position=texts("nazir"),
    )


@pytest.mark.parametrize("written", ["R.Əliyev", "R. Əliyev", "Алиев Р.А.", "Р.А. Алиев", "R. Aliyev"])
def test_a_person_stands_for_the_organisation_they_work_in(minister, registry, written):
    (entry,) = read_executors(written)
    assert entry.person
    assert OrganizationIndex.build().match_person(entry.name).organization_id == registry["energy"].pk


@pytest.mark.parametrize("written", ["T.Əliyev", "Алиев Р.Б.", "R.Məmmədov"])
def test_a_person_the_directory_has_no_post_for_is_left_to_the_coordinator(minister, written):
    result = OrganizationIndex.build().match_person(written)
    assert (result.organization_id, result.person) == (None, True)
