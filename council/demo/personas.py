"""The demo people: one place for `seed_demo` (which creates them) and `demo_logins` (which
lists them). Every persona signs in with DEMO_PASSWORD and a verified email address."""

from __future__ import annotations

from dataclasses import dataclass

from council.orgs.models import MembershipRole

DEMO_PASSWORD = "demo12345"  # noqa: S105 (published demo logins)
DEMO_URL = "http://127.0.0.1:8000"


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
    # organisation with an administrator, as the platform requires.
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
)  # fmt: skip


def persona(email: str) -> Persona:
    return next(p for p in PERSONAS if p.email == email)
