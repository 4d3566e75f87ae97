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
    Persona(
        "admin, Association of Volunteer Centres", "admin.avc@council.example",
        "Илья", "Новиков", "Ilia", "Novikov", "ru", "RU",
        memberships=(("avc", ADMIN),), main=False,
    ),
    Persona(
        "admin, National Volunteer Network", "admin.nvn@council.example",
        "Гүлнар", "Омарова", "Gulnar", "Omarova", "kk", "KZ",
        memberships=(("nvn", ADMIN),), main=False,
    ),
    Persona(
        "admin, Omsk Regional Volunteer Centre", "admin.omsk@council.example",
        "Павел", "Козлов", "Pavel", "Kozlov", "ru", "RU",
        memberships=(("omsk", ADMIN),), main=False,
    ),
    Persona(
        "admin, Silver Volunteers of Siberia", "admin.silver@council.example",
        "Людмила", "Федорова", "Liudmila", "Fedorova", "ru", "RU",
        memberships=(("silver", ADMIN),), main=False,
    ),
    Persona(
        "admin, Volga University", "admin.university@council.example",
        "Ринат", "Галиев", "Rinat", "Galiev", "ru", "RU",
        memberships=(("university", ADMIN),), main=False,
    ),
    Persona(
        "admin, Chernomorye Volunteer Club (pending)", "admin.sochi@council.example",
        "Ксения", "Попова", "Kseniia", "Popova", "ru", "RU",
        memberships=(("sochi", ADMIN),), main=False,
    ),
    Persona(
        "admin, Ministry of Information and Social Development", "admin.ministry@council.example",
        "Ержан", "Бекболатов", "Yerzhan", "Bekbolatov", "kk", "KZ",
        memberships=(("ministry", ADMIN),), main=False,
    ),
    Persona(
        "admin, UN Volunteers", "admin.unv@council.example",
        "Мадина", "Исмаилова", "Madina", "Ismailova", "en", "KZ",
        memberships=(("unv", ADMIN),), main=False,
    ),
    Persona(
        "admin, Almaty City Volunteer Centre", "admin.almaty@council.example",
        "Айжан", "Тұрсынова", "Aizhan", "Tursynova", "kk", "KZ",
        memberships=(("almaty", ADMIN),), main=False,
    ),
    Persona(
        "admin, Meyirim Public Foundation", "admin.meyirim@council.example",
        "Бауыржан", "Әлиев", "Bauyrzhan", "Aliyev", "ru", "KZ",
        memberships=(("meyirim", ADMIN),), main=False,
    ),
    Persona(
        "admin, Green Almaty Initiative Group", "admin.green@council.example",
        "Әлия", "Серікқызы", "Aliya", "Serikkyzy", "kk", "KZ",
        memberships=(("green", ADMIN),), main=False,
    ),
    Persona(
        "admin, Zhastar Youth Volunteer Centre (pending)", "admin.shymkent@council.example",
        "Ғалым", "Нұрғалиев", "Galym", "Nurgaliyev", "kk", "KZ",
        memberships=(("shymkent", ADMIN),), main=False,
    ),
    # Volunteers with full profiles (see council/demo/profiles.py); they apply to the demo
    # projects, fill a shift to its waiting list and give the searches and matches people.
    Persona(
        "volunteer, Astana (student)", "aruzhan.sadykova@council.example",
        "Аружан", "Садықова", "Aruzhan", "Sadykova", "kk", "KZ", main=False,
    ),
    Persona(
        "volunteer, Kazan (medical student)", "timur.khabibullin@council.example",
        "Тимур", "Хабибуллин", "Timur", "Khabibullin", "ru", "RU",
        memberships=(("university", MEMBER),), main=False,
    ),
    Persona(
        "volunteer, Moscow (interpreter)", "elena.kuznetsova@council.example",
        "Елена", "Кузнецова", "Elena", "Kuznetsova", "ru", "RU", main=False,
    ),
    Persona(
        "volunteer, Karaganda (rescuer)", "marat.sarsenbayev@council.example",
        "Марат", "Сәрсенбаев", "Marat", "Sarsenbayev", "kk", "KZ", main=False,
    ),
    Persona(
        "“silver” volunteer, Novosibirsk (64)", "galina.vlasova@council.example",
        "Галина", "Власова", "Galina", "Vlasova", "ru", "RU",
        memberships=(("silver", MEMBER),), main=False,
    ),
    Persona(
        "volunteer aged 16, Omsk (guardian consent)", "alisa.kotova@council.example",
        "Алиса", "Котова", "Alisa", "Kotova", "ru", "RU", main=False,
    ),
    Persona(
        "volunteer, Shymkent (IT)", "yerlan.zhaksybekov@council.example",
        "Ерлан", "Жақсыбеков", "Yerlan", "Zhaksybekov", "kk", "KZ", main=False,
    ),
    Persona(
        "corporate volunteer, Yekaterinburg", "olga.nikitina@council.example",
        "Ольга", "Никитина", "Olga", "Nikitina", "ru", "RU",
        memberships=(("company", MEMBER),), main=False,
    ),
    Persona(
        "volunteer, Almaty (psychologist)", "saltanat.baizhanova@council.example",
        "Салтанат", "Байжанова", "Saltanat", "Baizhanova", "ru", "KZ", main=False,
    ),
    Persona(
        "volunteer, Sochi (events)", "ivan.petrov@council.example",
        "Иван", "Петров", "Ivan", "Petrov", "ru", "RU", main=False,
    ),
    Persona(
        "volunteer, Astana (media)", "kamila.rakhimova@council.example",
        "Камила", "Рахимова", "Kamila", "Rakhimova", "ru", "KZ", main=False,
    ),
    Persona(
        "volunteer, Omsk (driver)", "sergei.belov@council.example",
        "Сергей", "Белов", "Sergei", "Belov", "ru", "RU",
        memberships=(("omsk", MEMBER),), main=False,
    ),
    Persona(
        "volunteer, Karaganda (sign language)", "dina.yessenova@council.example",
        "Дина", "Есенова", "Dina", "Yessenova", "kk", "KZ",
        memberships=(("meyirim", MEMBER),), main=False,
    ),
    Persona(
        "volunteer, Saint Petersburg (tutor)", "maria.orlova@council.example",
        "Мария", "Орлова", "Mariia", "Orlova", "ru", "RU", main=False,
    ),
    Persona(
        "volunteer, Almaty (ecologist)", "askhat.nurpeissov@council.example",
        "Асхат", "Нұрпейісов", "Askhat", "Nurpeissov", "kk", "KZ",
        memberships=(("green", MEMBER),), main=False,
    ),
    Persona(
        "volunteer, Kazan (sport)", "andrei.frolov@council.example",
        "Андрей", "Фролов", "Andrei", "Frolov", "ru", "RU", main=False,
    ),
    Persona(
        "“silver” volunteer, Moscow (67)", "nina.zakharova@council.example",
        "Нина", "Захарова", "Nina", "Zakharova", "ru", "RU", main=False,
    ),
    Persona(
        "volunteer, Shymkent (student)", "zhandos.mukanov@council.example",
        "Жандос", "Мұқанов", "Zhandos", "Mukanov", "kk", "KZ", main=False,
    ),
    Persona(
        "volunteer, Almaty (medical student)", "viktoriya.kim@council.example",
        "Виктория", "Ким", "Viktoriya", "Kim", "ru", "KZ", main=False,
    ),
    Persona(
        "volunteer, Novosibirsk (developer)", "artem.solovev@council.example",
        "Артём", "Соловьёв", "Artem", "Solovev", "ru", "RU", main=False,
    ),
)  # fmt: skip


def persona(email: str) -> Persona:
    return next(p for p in PERSONAS if p.email == email)
