"""Reading an executor cell as officials write it: the executors in order, each marked lead, by
agreement or a person.

Commas, semicolons, new lines and list markers separate executors; "və", "и", "and" join two
executors or two words of one name ("Ekologiya və Təbii Sərvətlər Nazirliyi", "Министерство науки
и высшего образования"). Which one is told by where a name's head noun stands: Azerbaijani names
end with it (… Nazirliyi, … Komitəsi, … ASC), Russian and English names start with it
(Министерство …, Ministry of …). Text in quotes or parentheses is never split.
"""

import re
from dataclasses import dataclass, replace

from koordinat.core.text import fold


@dataclass(frozen=True, slots=True)
class ExecutorEntry:
    name: str
    lead: bool = False
    agreement: bool = False
    person: bool = False


# Quote characters and the characters that close them ("“…”", "„…“", "«…»", and the straight quote,
# which word processors mix with the curly ones).
_CLOSERS = {'"': '"”“', "“": '”“"', "„": '“”"', "«": "»", "”": '”"'}
_AGREEMENT = (
    r"razılaşdırılmaqla|razılaşdırmaqla|razılaşdırma\s+(?:yolu\s+)?ilə|razılığı\s+ilə|"
    r"по\s+согласованию|(?:upon|subject\s+to|in|by)\s+agreement"
)
_LEAD = (
    r"əsas\s+icraçı|əlaqələndirici|ответственный\s+исполнитель|головной(?:\s+исполнитель)?|"
    r"lead(?:\s+(?:executor|agency|institution))?|coordinator"
)
_MARKER = re.compile(rf"^\s*(?:(?P<agreement>{_AGREEMENT})|(?P<lead>{_LEAD}))\s*$", re.I)
# A marker at the end of a name: in parentheses, or after a dash or a space.
_TRAILING_MARKER = re.compile(
    rf"(?:\s*\(\s*(?:{_AGREEMENT}|{_LEAD})\s*\)|\s*[-–—]?\s+(?:{_AGREEMENT}))\s*$", re.I
)
_LIST_MARKER = re.compile(r"^\s*(?:\(?\d{1,3}[.)](?!\d)|\(?[a-zа-яə]\)|[-–—•·▪●○◦*])\s*")
# Words that join two executors: the first three only between executors, the others always.
_CONJUNCTION = re.compile(
    r"\s+(?P<word>və|и|and|&|h[əa]mçinin|habelə|а\s+также|as\s+well\s+as|(?:together\s+)?with)\s+", re.I
)
_ALWAYS = {"həmçinin", "hamçinin", "habelə", "а также", "as well as", "with", "together with"}
# "A B ilə birlikdə" (A together with B): the words say nothing about who executes
_TOGETHER = re.compile(r"\s+ilə\s+birlikdə\s*$", re.I)
_INTRODUCER = re.compile(r"(?::|\s(?:o\s+cümlədən|в\s+том\s+числе|including):?)\s+", re.I)
# A person: initials and surname ("Ə.Əliyev", "И.И. Иванов", "J. Smith") or surname and initials.
_UPPER = "A-ZƏÜÖĞIİŞÇА-ЯЁ"
_LOWER = "a-zəüöğışçа-яё'’-"
_INITIALS = rf"(?:[{_UPPER}][{_LOWER[:-3]}]?\.\s?){{1,3}}"
_SURNAME = rf"[{_UPPER}][{_LOWER}]+"
_PERSON = re.compile(
    rf"^(?:{_INITIALS}\s*{_SURNAME}|{_SURNAME}\s+{_INITIALS}|{_SURNAME}\s+[{_UPPER}]\.[{_UPPER}])$"
)
# A full first name and surname in parentheses after a unit: "şöbəsi (Rəşad Xanlarov)"; the surname
# ends as Azerbaijani surnames do.
_FULL_NAME_AZ = re.compile(
    rf"^[{_UPPER}][a-zəğışçöü]+\s+[{_UPPER}][a-zəğışçöü]+(?:ov|ova|ev|eva|yev|yeva|li|lı|lu|lü|zadə|zade|ski|skaya)$"
)
# People written one after another with nothing between them: "Кулешова Р.В. Звягина М.А."
_NEXT_PERSON = re.compile(rf"(?<=[{_UPPER}]\.)[ \t]+(?={_SURNAME}[ \t]+[{_UPPER}]\.)")
# A rank written before a person says who the person is, not who executes: "полковник\nДудин Е.А."
_RANK = re.compile(
    r"^(?:генерал(?:-[а-я]+)?|полковник|подполковник|майор|капитан|(?:старший\s+)?лейтенант)\s+", re.I
)
# A person named in parentheses after a unit: "Ümumi şöbə (X.Fərəcov)", "Минвостокразвития России (А.А.Козлову)"
_PERSON_IN_PARENTHESES = re.compile(r"^(?P<unit>.*?)\s*\((?P<person>[^()]+)\)$")
_ACRONYM = re.compile(rf"^[{_UPPER}]{{2,}}(?:-\w+)?$")
# A body of the name before it, not a name of its own: "Həmkarlar İttifaqı Respublika Komitəsi",
# "Partiyası Siyasi Şurası", "Akademiyasının Rəyasət Heyəti".
_BODY_OF = re.compile(r"^(?:Respublika|Elmi|Siyasi|İcraiyyə|Rəyasət|Region(?:al)?)\s+\w+(?:\s*[,;]|\s*$)")
# The genitive a piece of an Azerbaijani name ends with when the name goes on after a comma:
# "rayon, şəhər təhsil şöbələrinin, idarələrinin müdirləri".
_GENITIVE_AZ = re.compile(r"(?:nin|nun|lerin|larin)$")

# The head nouns Azerbaijani names end with, folded, in the forms names use.
_HEAD_AZ = re.compile(
    r"^(?:nazirli(?:k|yi|kler|kleri)|komite(?:si|ler|leri)?|agentli(?:k|yi|kler|kleri)|xidmet(?:i|ler|leri)?"
    r"|sura(?:si|lar|lari)?|fond(?:u|lar|lari)?|administrasiya(?:si|lar|lari)?|idare(?:si|ler|leri)?"
    r"|merkez(?:i|ler|leri)|universitet(?:i|ler|leri)?|akademiya(?:si|lar|lari)?|palata(?:si|lar|lari)?"
    r"|aparat(?:i|lar|lari)?|bank(?:i|lar|lari)?|institut(?:u|lar|lari)?|orqan(?:i|lar|lari)"
    r"|hakimiyyet(?:i|ler|leri)|belediyye(?:si|ler|leri)|mehkeme(?:si|ler|leri)?|meclis(?:i)?"
    r"|prokurorlu(?:q|gu)|kabinet(?:i)?|komissiya(?:si|lar|lari)?|birli(?:k|yi|kler|kleri)"
    r"|ittifaq(?:i|lar|lari)?|cemiyyet(?:i|ler|leri)?|qurum(?:u|lar|lari)|teskilat(?:i|lar|lari)"
    r"|sirket(?:i|ler|leri)?|holdinq(?:i)?|ofis(?:i)?|departament(?:i|ler|leri)?|sobe(?:si|ler|leri)?"
    r"|muzey(?:i|ler|leri)?|kitabxana(?:si|lar|lari)?|inspeksiya(?:si|lar|lari)?|muvekkil(?:i)?"
    r"|ombudsman(?:i)?|korporasiya(?:si|lar|lari)?|assosiasiya(?:si|lar|lari)?|federasiya(?:si|lar|lari)?"
    r"|xestexana(?:si|lar|lari)?|kollec(?:i|ler|leri)?|mekteb(?:i|ler|leri)?|teatr(?:i|lar|lari)?"
    r"|muessise(?:si|ler|leri)|subyekt(?:i|ler|leri)|numayendeli(?:k|yi|kler|kleri)|numayende(?:si|ler|leri)"
    r"|terefdas(?:i|lar|lari)|sektor(?:u|lar|lari)?|televiziya(?:si)?|metropoliten(?:i)?|liman(?:i)?"
    r"|yol(?:u|lar|lari)|prezident(?:i)?|nazir(?:i)?|sedr(?:i)?|rehber(?:i|ler|leri|liyi)"
    r"|mudir(?:i|ler|leri)?|bolme(?:si|ler|leri)?|filial(?:i|lar|lari)?|fakulte(?:si|ler|leri)?|kafedra(?:si|lar|lari)?"
    r"|direksiya(?:si|lar|lari)?|redaksiya(?:si|lar|lari)?|filarmoniya(?:si)?|ansambl(?:i|lar|lari)?"
    r"|asc|qsc|mmc|pum|ssc|aşc|llc|ltd|ojsc|cjsc)$"
)
# The words Russian and English names start with, folded ("й" folds to "и").
_HEAD_RU = re.compile(
    r"^(?:министерств[оа]|комитет(?:ы)?|агентств[оа]|служб[аы]|фонд(?:ы)?|аппарат|банк|центр(?:ы)?"
    r"|институт(?:ы)?|университет(?:ы)?|академи[яи]|палата|совет|правительство|администраци[яи]"
    r"|управлени[ея]|департамент(?:ы)?|дирекци[яи]|комисси[яи]|инспекци[яи]|прокуратур[аы]|суд(?:ы)?"
    r"|органы|организации|учреждения|ведомства|корпораци[яи]|компани[яи]|объединения|союз|ассоциаци[яи]"
    r"|мэри[яи]|хокимият|оао|ао|зао|ооо|пао|гуп|фгуп|фгбу|гбу|ано|нко"
    r"|(?:государствен|федераль|националь|централь|обществен|муниципаль|региональ|исполнитель|местн"
    r"|заинтересован|генераль|верховн)н?(?:ыи|ая|ое|ые)|высш(?:ии|ая|ее|ие)|друг(?:ие|ое)|иные"
    r"|мин(?:фин|юст|здрав|обр|экономразвития|труд|природы|культуры|спорт|транс|энерго|сельхоз|цифры"
    r"|промторг|строи|обороны|просвещения|обрнауки|вуз)\w*"
    r"|рос\w*(?:стат|надзор|недра|реестр|гидромет|архив|молодежь|туризм|космос|атом|таможня|гвардия"
    r"|стандарт|имущество|казначеиство|авиация|морречфлот|лесхоз|рыболовство|аккредитация|мониторинг)"
    r"|ministry|ministries|agency|agencies|state|committee|office|council|department|service|fund|bank"
    r"|central|national|authority|authorities|commission|court|courts|parliament|government|administration"
    r"|university|institute|academy|chamber|centre|center|relevant|other|local|municipalities|civil"
    r"|private|international|non-governmental|ngos|media|company|presidential|prosecutor|the)$"
)
_HEAD_EN_END = re.compile(
    r"^(?:authority|agency|committee|service|council|office|university|bank|company|fund|llc|ojsc|cjsc|ltd"
    r"|inc|institute|academy|commission|chamber|centre|center|administration|court|parliament|ministry"
    r"|municipalities|authorities|agencies|organisations|organizations|ngos|corporation|holding|foundation)$"
)


def read_executors(cell: str) -> list[ExecutorEntry]:
    """The executors of one cell, in the order written; a lead marked later in the cell comes first."""
    text = (cell or "").replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    text = _NEXT_PERSON.sub("\n", _unwrapped(text))
    entries: list[ExecutorEntry] = []
    for line in _split(text, "\n;"):
        for entry in _read_line(line):
            if entry.name:
                entries.append(entry)
            elif entries:  # a marker on a line of its own marks the executor before it
                entries[-1] = _marked(entries[-1], entry)
    lead = next((index for index, entry in enumerate(entries) if entry.lead), 0)
    return [entries[lead], *entries[:lead], *entries[lead + 1 :]] if entries else []


def _read_line(line: str) -> list[ExecutorEntry]:
    """One line of the cell (or one part between semicolons)."""
    line = _LIST_MARKER.sub("", line, count=1)
    pieces = _merged(_split(line, ","))
    entries: list[ExecutorEntry] = []
    group: list[int] = []  # the entries of a list introduced by a generic word ("… orqanları: A, B")
    for piece in pieces:
        piece = _LIST_MARKER.sub("", piece, count=1)
        introducer = _top_level(piece, _INTRODUCER)
        if introducer is not None and not group:
            head, piece = piece[: introducer.start()], piece[introducer.end() :]
            entries.extend(_read_piece(head))
            group = [len(entries)]
        for entry in _read_piece(piece):
            if not entry.name and entries and entries[-1].name:  # a marker on its own marks the one before
                entries[-1] = _marked(entries[-1], entry)
            else:
                entries.append(entry)
    if group and entries and entries[-1].agreement:
        entries[group[0] :] = [replace(entry, agreement=True) for entry in entries[group[0] :]]
    if not any(entry.name for entry in entries):
        return entries[:1]
    return [entry for entry in entries if entry.name]
    return entries


def _marked(entry: ExecutorEntry, marker: ExecutorEntry) -> ExecutorEntry:
    return replace(entry, lead=entry.lead or marker.lead, agreement=entry.agreement or marker.agreement)


def _unwrapped(text: str) -> str:
    """Lines joined back where a narrow column wrapped a name: the next line goes on in lower case
    ("Ali təhsil\nmüəssisələrinin rəhbərləri", "Управление\nпотребительского\nрынка"), or the line ends
    with "və"/"и"/"and". A line that ends a name, or a next line that starts one, stays apart."""
    lines = text.split("\n")
    joined = [lines[0]]
    for line in lines[1:]:
        before, after = joined[-1].rstrip(), line.strip()
        ends_with_conjunction = bool(re.search(r"\s(?:və|и|and)$", before, re.I))
        wrapped = (
            bool(after)
            and after[0].islower()
            and not before.endswith((",", ";", ".", ")", "»", '"', "”", ":"))
            and not _ends_a_name(before, "və")
            and not _starts_a_name(after)
        )
        if (
            before
            and after
            and (
                ends_with_conjunction
                or wrapped
                or _dangling(before, after)
                or _RANK.match(f"{before.strip()} ")
            )
        ):
            joined[-1] = f"{before} {after}"
        else:
            joined.append(line)
    return "\n".join(joined)


def _dangling(before: str, after: str) -> bool:
    """An Azerbaijani line that ends in a genitive, or with a comma after a word or two of no name
    ("… müdirləri, ali,") going on in lower case on the next line ("orta ixtisas … rəhbərləri")."""
    words = _words(before)
    if words and _GENITIVE_AZ.search(fold(words[-1])) and re.search("[əğışçöüƏĞİŞÇÖÜ]", before):
        return True  # "Azərbaycan Respublikasının\nMaliyyə Nazirliyi"
    if not (before.endswith(",") and after[:1].islower() and re.search("[əğışçöüƏĞİŞÇÖÜ]", before)):
        return False
    last = before[:-1].rsplit(",", 1)[-1]
    return 0 < len(_words(last)) <= 2 and not _ends_a_name(last, "və") and not _PERSON.match(last.strip())


def _adjacent(piece: str) -> list[str]:
    """Azerbaijani names written one after another without a separator: a head noun followed by a
    capitalised word starts the next name ("Mədəniyyət Nazirliyi Elm və Təhsil Nazirliyi")."""
    piece = _TOGETHER.sub("", piece)
    inside = _protected(piece)
    parts, start = [], 0
    for found in re.finditer(r"(?<=\w)\s+(?=[" + _UPPER + r"])", piece):
        if inside[found.start()]:
            continue
        before = piece[start : found.start()]
        words = _words(before)
        if _BODY_OF.match(piece[found.end() :]):
            continue
        if len(words) >= 2 and _HEAD_AZ.match(fold(words[-1])) and not _ACRONYM.match(words[-1]):
            parts.append(before)
            start = found.end()
    parts.append(piece[start:])
    return parts


def _read_piece(piece: str) -> list[ExecutorEntry]:
    """A part between commas: one executor, or several joined by "və"/"и"/"and"."""
    entries = []
    for part in (part for conjoined in _conjoined(piece) for part in _adjacent(conjoined)):
        name, lead, agreement = _markers(part)
        if _PERSON.match(_RANK.sub("", name)):
            name = _RANK.sub("", name)
        person = _PERSON_IN_PARENTHESES.match(name)
        if person and (
            _PERSON.match(person.group("person").strip())
            or _FULL_NAME_AZ.match(person.group("person").strip())
        ):
            if person.group("unit"):
                entries.append(ExecutorEntry(person.group("unit"), lead, agreement))
            entries.append(ExecutorEntry(person.group("person").strip(), lead, agreement, person=True))
            continue
        listed = _parenthesised_list(name, agreement)
        if listed:
            head, names = listed
            entries.extend([*_read_piece(head), *(replace(entry, agreement=True) for entry in names)])
            continue
        entries.append(ExecutorEntry(name, lead, agreement, bool(_PERSON.match(name))))
    return entries


def _markers(part: str) -> tuple[str, bool, bool]:
    """The name without its trailing markers, whether one marks it lead, whether one by agreement."""
    lead = agreement = False
    name = part.strip()
    while True:
        if _MARKER.match(name.strip("()–—- ")) and name.strip("()–—- "):
            found = _MARKER.match(name.strip("()–—- "))
            assert found is not None
            return "", lead or bool(found.group("lead")), agreement or bool(found.group("agreement"))
        found = _TRAILING_MARKER.search(name)
        if not found:
            break
        marker = found.group(0)
        if re.search(_LEAD, marker, re.I) and not re.search(_AGREEMENT, marker, re.I):
            lead = True
        else:
            agreement = True
        name = name[: found.start()].rstrip()
    return _clean(name), lead, agreement


def _clean(name: str) -> str:
    """The name without the separators around it; a final dot only when it ends a sentence, not an
    initial or an abbreviation ("Иванов И.И.", "Ltd.")."""
    name = re.sub(r"\s+", " ", name).strip(" \t,;:–—-").rstrip("*").rstrip()  # "Turizm  Nazirliyi"
    if name.endswith(".") and not _PERSON.match(name):
        last = name[:-1].rsplit(maxsplit=1)[-1] if name[:-1].strip() else ""
        if len(last) > 3 or not last:
            name = name[:-1].rstrip()
    return name


def _parenthesised_list(name: str, marked: bool) -> tuple[str, list[ExecutorEntry]] | None:
    """ "aidiyyəti orqanlar (Milli Məclis, Ali Məhkəmə)": the names listed in parentheses after a
    generic one, when they are executors (or a marker after the list covers them)."""
    if not name.endswith(")"):
        return None
    opening = _matching_open(name)
    if opening <= 0:
        return None
    inner = read_executors(name[opening + 1 : -1])
    if len(inner) < 2 or not (marked or all(_is_name(entry.name) for entry in inner)):
        return None
    return name[:opening].rstrip(), inner


def _matching_open(text: str) -> int:
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index] == ")":
            depth += 1
        elif text[index] == "(":
            depth -= 1
            if depth == 0:
                return index
    return -1


def _is_name(text: str) -> bool:
    """Whether a text reads as one executor by itself: a quoted name, a person, an acronym, or a name
    with its head noun where its language puts it."""
    return _ends_a_name(text, "və") or _starts_a_name(text)


# Splitting ------------------------------------------------------------------------------------


def _protected(text: str) -> list[bool]:
    """Which characters are inside quotes or parentheses, where nothing splits."""
    inside = [False] * len(text)
    index = 0
    depth = 0
    while index < len(text):
        char = text[index]
        if char in _CLOSERS:
            closers = _CLOSERS[char]
            end = -1
            nested = 0
            for probe in range(index + 1, len(text)):
                if char == "«" and text[probe] == "«":
                    nested += 1
                elif text[probe] in closers:
                    if nested:
                        nested -= 1
                        continue
                    end = probe
                    break
            if end > 0:
                for position in range(index, end + 1):
                    inside[position] = True
                index = end + 1
                continue
        if char == "(":
            depth += 1
        if depth:
            inside[index] = True
        if char == ")" and depth:
            depth -= 1
        index += 1
    return inside


def _split(text: str, separators: str) -> list[str]:
    inside = _protected(text)
    parts, start = [], 0
    for index, char in enumerate(text):
        if char in separators and not inside[index]:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return [part for part in parts if part.strip()]


def _top_level(text: str, pattern: re.Pattern[str]) -> re.Match[str] | None:
    inside = _protected(text)
    return next((found for found in pattern.finditer(text) if not inside[found.start()]), None)


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’-]+", text)


def _quoted(text: str) -> bool:
    return any(char in text for char in _CLOSERS) or "»" in text


def _ends_a_name(before: str, conjunction: str) -> bool:
    """Whether the text before a conjunction ends an executor's name in the conjunction's language."""
    name, lead, agreement = _markers(before)
    if lead or agreement or _PERSON.match(name) or name.endswith(("»", "”", '"', ")")):
        return bool(name)
    words = _words(name)
    if not words:
        return False
    last = words[-1]
    if _ACRONYM.match(last):
        return True
    folded = fold(last)
    language = _language(conjunction)
    if language == "en":
        return bool(_HEAD_EN_END.match(folded))
    if language == "ru":
        return False
    plural = folded.endswith(("ler", "lar", "leri", "lari"))
    return bool(_HEAD_AZ.match(folded)) and (len(words) >= 2 or plural)


def _starts_a_name(after: str) -> bool:
    """Whether the text after a conjunction starts an executor's name (Russian and English)."""
    after = after.strip()
    if not after:
        return False
    if after[0] in _CLOSERS or after[0] == "«":
        return True
    name = _markers(after)[0]
    if _PERSON.match(name):
        return True
    words = _words(name)
    if not words:
        return False
    return bool(_ACRONYM.match(words[0]) or _HEAD_RU.match(fold(words[0])))


def _language(conjunction: str) -> str:
    word = fold(conjunction)
    if word in {"и", "а также"}:
        return "ru"
    if word in {"and", "&", "as well as"}:
        return "en"
    return "az"


def _conjoined(piece: str) -> list[str]:
    """A piece split where "və", "и", "and" join two executors."""
    inside = _protected(piece)
    parts: list[str] = []
    start = 0
    for found in _CONJUNCTION.finditer(piece):
        if inside[found.start()] or found.start() < start:
            continue
        word = " ".join(found.group("word").lower().split())
        before, after = piece[start : found.start()], piece[found.end() :]
        if not before.strip():
            start = found.end()  # ", və Energetika Nazirliyi": a conjunction after a comma
            continue
        if (
            word in _ALWAYS
            or _ends_a_name(before, word)
            or (_language(word) != "az" and _starts_a_name(after))
            or (_language(word) == "az" and (_quoted(after[:2]) or _PERSON.match(_markers(after)[0])))
        ):
            parts.append(before)
            start = found.end()
    parts.append(piece[start:])
    return [part for part in parts if part.strip()]


def _merged(pieces: list[str]) -> list[str]:
    """Pieces joined back where a comma is part of a name: "Ailə, Qadın və Uşaq Problemləri üzrə
    Dövlət Komitəsi" (a short Azerbaijani piece with no head noun), "Министерство по делам
    гражданской обороны, чрезвычайным ситуациям …" (a Russian or English piece going on in lower
    case). A piece with quotes is never joined."""
    merged: list[str] = []
    for piece in pieces:
        if merged and not _quoted(piece) and not _quoted(merged[-1]) and _continues(merged[-1], piece):
            merged[-1] = f"{merged[-1]},{piece}"
        else:
            merged.append(piece)
    return merged


def _continues(before: str, after: str) -> bool:
    first = after.strip()
    last = before.strip()
    words = _words(last)
    if last.endswith(")") or _PERSON.match(_markers(last)[0]) or (words and _ACRONYM.match(words[-1])):
        return False
    if not first or not first[0].isalpha() or _MARKER.match(_markers(first)[0] or first.strip("()")):
        return False
    if re.search("[а-яё]", first, re.I):  # Russian: a name goes on in lower case
        return first[0].islower() and not _starts_a_name(first)
    if re.search("[əğışçöüƏĞİŞÇÖÜ]", before + first):  # Azerbaijani: a short piece with no head noun
        words = _words(_markers(before)[0])
        if words and _GENITIVE_AZ.search(fold(words[-1])) and not _LIST_MARKER.match(after):
            return True
        words = _words(_markers(before.rsplit(",", 1)[-1])[0])  # the last part of what is joined so far
        return 0 < len(words) <= 3 and not _ends_a_name(before, "və") and not _LIST_MARKER.match(after)
    return first[0].islower() and not _starts_a_name(first)  # English, as Russian
