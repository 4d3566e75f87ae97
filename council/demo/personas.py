"""The demo people: one place for `seed_demo` (which creates them) and `demo_logins` (which
lists them). Every persona signs in with DEMO_PASSWORD and a verified email address."""

from __future__ import annotations

from dataclasses import dataclass

from council.orgs.models import MembershipRole

DEMO_PASSWORD = "demo12345"  # noqa: S105 (published demo logins)


@dataclass(frozen=True)
class Persona:
    role: str
    email: str
    given_name: str
    family_name: str
    given_name_latin: str
    family_name_latin: str
    language: str
    country: str
    # (organisation key from catalogue.ORGANISATIONS, membership role)
    memberships: tuple[tuple[str, str], ...] = ()
    is_secretariat: bool = False
    is_superuser: bool = False
    # The main personas are the ones a demo walks through; the others keep every demo
    # organisation with an administrator, as the platform requires, or are volunteers with
    # profiles who apply to the demo projects.
    main: bool = True


ADMIN = MembershipRole.ADMIN
COORDINATOR = MembershipRole.COORDINATOR
MEMBER = MembershipRole.MEMBER


def _table(text: str) -> tuple[Persona, ...]:
    """Personas written two lines each: the role, then (indented) the address before
    @council.example | name | name in Latin letters | language country | organisation role."""
    personas = []
    lines = text.strip("\n").splitlines()
    for role, line in zip(lines[::2], lines[1::2], strict=True):
        login, name, latin, place, *membership = (cell.strip() for cell in line.split("|"))
        given_name, family_name = name.split()
        given_name_latin, family_name_latin = latin.split()
        language, country = place.split()
        personas.append(
            Persona(
                role,
                f"{login}@council.example",
                given_name,
                family_name,
                given_name_latin,
                family_name_latin,
                language,
                country,
                memberships=tuple((key, role) for key, role in map(str.split, membership)),
                main=False,
            )
        )
    return tuple(personas)


# The admins of the other demo organisations: every organisation has one, as the platform
# requires.
ADMINS = _table("""
admin, Association of Volunteer Centres
    admin.avc | Илья Новиков | Ilia Novikov | ru RU | avc admin
admin, National Volunteer Network
    admin.nvn | Гүлнар Омарова | Gulnar Omarova | kk KZ | nvn admin
admin, Omsk Regional Volunteer Centre
    admin.omsk | Павел Козлов | Pavel Kozlov | ru RU | omsk admin
admin, Silver Volunteers of Siberia
    admin.silver | Людмила Федорова | Liudmila Fedorova | ru RU | silver admin
admin, Volga University
    admin.university | Ринат Галиев | Rinat Galiev | ru RU | university admin
admin, Chernomorye Volunteer Club (pending)
    admin.sochi | Ксения Попова | Kseniia Popova | ru RU | sochi admin
admin, Ministry of Information and Social Development
    admin.ministry | Ержан Бекболатов | Yerzhan Bekbolatov | kk KZ | ministry admin
admin, UN Volunteers
    admin.unv | Мадина Исмаилова | Madina Ismailova | en KZ | unv admin
admin, Almaty City Volunteer Centre
    admin.almaty | Айжан Тұрсынова | Aizhan Tursynova | kk KZ | almaty admin
admin, Meyirim Public Foundation
    admin.meyirim | Бауыржан Әлиев | Bauyrzhan Aliyev | ru KZ | meyirim admin
admin, Green Almaty Initiative Group
    admin.green | Әлия Серікқызы | Aliya Serikkyzy | kk KZ | green admin
admin, Zhastar Youth Volunteer Centre (pending)
    admin.shymkent | Ғалым Нұрғалиев | Galym Nurgaliyev | kk KZ | shymkent admin
""")
# Volunteers with full profiles (see council/demo/profiles.py); they apply to the demo
# projects, fill a shift to its waiting list and give the searches and matches people.
VOLUNTEERS = _table("""
volunteer, Astana (student)
    aruzhan.sadykova | Аружан Садықова | Aruzhan Sadykova | kk KZ
volunteer, Kazan (medical student)
    timur.khabibullin | Тимур Хабибуллин | Timur Khabibullin | ru RU | university member
volunteer, Moscow (interpreter)
    elena.kuznetsova | Елена Кузнецова | Elena Kuznetsova | ru RU
volunteer, Karaganda (rescuer)
    marat.sarsenbayev | Марат Сәрсенбаев | Marat Sarsenbayev | kk KZ
“silver” volunteer, Novosibirsk (64)
    galina.vlasova | Галина Власова | Galina Vlasova | ru RU | silver member
volunteer aged 16, Omsk (guardian consent)
    alisa.kotova | Алиса Котова | Alisa Kotova | ru RU
volunteer, Shymkent (IT)
    yerlan.zhaksybekov | Ерлан Жақсыбеков | Yerlan Zhaksybekov | kk KZ
corporate volunteer, Yekaterinburg
    olga.nikitina | Ольга Никитина | Olga Nikitina | ru RU | company member
volunteer, Almaty (psychologist)
    saltanat.baizhanova | Салтанат Байжанова | Saltanat Baizhanova | ru KZ
volunteer, Sochi (events)
    ivan.petrov | Иван Петров | Ivan Petrov | ru RU
volunteer, Astana (media)
    kamila.rakhimova | Камила Рахимова | Kamila Rakhimova | ru KZ
volunteer, Omsk (driver)
    sergei.belov | Сергей Белов | Sergei Belov | ru RU | omsk member
volunteer, Karaganda (sign language)
    dina.yessenova | Дина Есенова | Dina Yessenova | kk KZ | meyirim member
volunteer, Saint Petersburg (tutor)
    maria.orlova | Мария Орлова | Mariia Orlova | ru RU
volunteer, Almaty (ecologist)
    askhat.nurpeissov | Асхат Нұрпейісов | Askhat Nurpeissov | kk KZ | green member
volunteer, Kazan (sport)
    andrei.frolov | Андрей Фролов | Andrei Frolov | ru RU
“silver” volunteer, Moscow (67)
    nina.zakharova | Нина Захарова | Nina Zakharova | ru RU
volunteer, Shymkent (student)
    zhandos.mukanov | Жандос Мұқанов | Zhandos Mukanov | kk KZ
volunteer, Almaty (medical student)
    viktoriya.kim | Виктория Ким | Viktoriya Kim | ru KZ
volunteer, Novosibirsk (developer)
    artem.solovev | Артём Соловьёв | Artem Solovev | ru RU
""")


PERSONAS: tuple[Persona, ...] = (
    Persona(
        "volunteer (Russia)", "volunteer.ru@council.example",
        "Анастасия", "Морозова", "Anastasiia", "Morozova", "ru", "RU",
        memberships=(("spb", MEMBER),),
    ),
    Persona(
        "volunteer (Kazakhstan)", "volunteer.kz@council.example",
        "Данияр", "Қасымов", "Daniyar", "Kassymov", "kk", "KZ",
        memberships=(("green", MEMBER),),
    ),
    Persona(
        "organisation admin", "org.admin@council.example",
        "Дмитрий", "Волков", "Dmitrii", "Volkov", "ru", "RU",
        memberships=(("spb", ADMIN),),
    ),
    Persona(
        "organisation coordinator", "org.coordinator@council.example",
        "Нұрлан", "Сейітов", "Nurlan", "Seitov", "ru", "KZ",
        memberships=(("almaty", COORDINATOR),),
    ),
    Persona(
        "national coordinator (Russia)", "coordinator.ru@council.example",
        "Екатерина", "Соколова", "Ekaterina", "Sokolova", "ru", "RU",
        memberships=(("avc", COORDINATOR),),
    ),
    Persona(
        "national coordinator (Kazakhstan)", "coordinator.kz@council.example",
        "Әсел", "Жұмабаева", "Assel", "Zhumabayeva", "kk", "KZ",
        memberships=(("nvn", COORDINATOR),),
    ),
    Persona(
        "council secretariat", "secretariat@council.example",
        "Динара", "Ахметова", "Dinara", "Akhmetova", "en", "KZ",
        is_secretariat=True,
    ),
    Persona(
        "company volunteering lead", "company.lead@council.example",
        "Марина", "Лебедева", "Marina", "Lebedeva", "ru", "RU",
        memberships=(("company", ADMIN),),
    ),
    Persona(
        "Django superuser", "admin@council.example",
        "Олег", "Смирнов", "Oleg", "Smirnov", "en", "RU",
        is_superuser=True,
    ),
    *ADMINS,
    *VOLUNTEERS,
)  # fmt: skip


def persona(email: str) -> Persona:
    return next(p for p in PERSONAS if p.email == email)
