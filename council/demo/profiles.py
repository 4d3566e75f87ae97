"""Volunteer profiles of the demo people, keyed on their email (see personas.py).

Ages are ages on the day the demo is seeded: the date of birth is computed then and kept
afterwards (a profile already there is left alone unless `seed_demo --reset`)."""

from __future__ import annotations

from dataclasses import dataclass

from council.volunteers.models import Availability

WEEKDAYS = Availability.WEEKDAYS
EVENINGS = Availability.EVENINGS
WEEKENDS = Availability.WEEKENDS
REMOTE = Availability.REMOTE


@dataclass(frozen=True)
class ProfileSpec:
    email: str
    city: str  # key in catalogue.CITIES
    age: int
    skills: tuple[str, ...]  # reference skill slugs
    causes: tuple[str, ...]  # reference cause slugs
    languages: tuple[tuple[str, str], ...]  # (language code, CEFR level or "native")
    availability: tuple[str, ...] = (WEEKENDS,)
    sdg_goals: tuple[int, ...] = ()
    medical: bool = False
    bio: tuple[str, str, str] = ("", "", "")  # ru, kk, en
    discoverable: bool = True
    guardian: tuple[str, str] | None = None  # name, contact
    birthday_in: int = 100  # days until the next birthday, so the age holds for a while


PROFILES: tuple[ProfileSpec, ...] = (
    ProfileSpec(
        "volunteer.ru@council.example", "spb", 24,
        ("elderly-care", "event-organisation", "photography"), ("elderly", "culture"),
        (("ru", "native"), ("en", "B2")), (EVENINGS, WEEKENDS), (3, 10),
        bio=(
            "Волонтер «Доброго Петербурга»: помогаю пожилым людям и фотографирую городские "
            "события.",
            "«Мейірімді Петербургтің» еріктісімін: қарт адамдарға көмектесемін және қала "
            "іс-шараларын суретке түсіремін.",
            "Volunteer at Kind Petersburg: I help older people and photograph city events.",
        ),
    ),
    ProfileSpec(
        "volunteer.kz@council.example", "almaty", 21,
        ("tree-planting", "clean-up", "social-media"), ("environment",),
        (("kk", "native"), ("ru", "C1"), ("en", "B1")), (WEEKENDS,), (13, 15),
        bio=(
            "Сажаю деревья с «Жасыл Алматы» и веду соцсети группы.",
            "«Жасыл Алматымен» ағаш отырғызамын және топтың әлеуметтік желілерін жүргіземін.",
            "I plant trees with Green Almaty and run the group's social media.",
        ),
    ),
    ProfileSpec(
        "aruzhan.sadykova@council.example", "astana", 19,
        ("registration-desk", "social-media"), ("sport-events", "education"),
        (("kk", "native"), ("ru", "C1"), ("en", "B2")), (WEEKENDS, EVENINGS), (4,),
        bio=(
            "Студентка, хочу быть волонтером на крупных мероприятиях.",
            "Студентпін, ірі іс-шараларда ерікті болғым келеді.",
            "A student; I want to volunteer at large events.",
        ),
    ),
    ProfileSpec(
        "timur.khabibullin@council.example", "kazan", 22,
        ("first-aid", "nursing", "health-education"), ("health",),
        (("ru", "native"), ("tt", "B2"), ("en", "B1")), (EVENINGS, WEEKENDS), (3,),
        medical=True,
        bio=(
            "Студент-медик, инструктор по первой помощи.",
            "Медицина студентімін, алғашқы көмек нұсқаушысымын.",
            "Medical student, first aid instructor.",
        ),
    ),
    ProfileSpec(
        "elena.kuznetsova@council.example", "moscow", 35,
        ("translation", "interpreting"), ("culture",),
        (("ru", "native"), ("en", "C1"), ("kk", "A2")), (WEEKENDS, REMOTE), (17,),
    ),
    ProfileSpec(
        "marat.sarsenbayev@council.example", "karaganda", 45,
        ("disaster-relief", "search-and-rescue", "driving"), ("emergency",),
        (("kk", "native"), ("ru", "native")), (WEEKDAYS, WEEKENDS), (11, 13),
    ),
    ProfileSpec(
        "galina.vlasova@council.example", "novosibirsk", 64,
        ("mentoring", "elderly-care", "handicraft"), ("mentoring", "elderly"),
        (("ru", "native"),), (WEEKDAYS, REMOTE), (4, 10),
        bio=(
            "Сорок лет работала учителем; теперь серебряный волонтер и наставник.",
            "Қырық жыл мұғалім болып істедім; қазір күміс ерікті және тәлімгермін.",
            "A teacher for forty years, now a silver volunteer and mentor.",
        ),
    ),
    ProfileSpec(
        "alisa.kotova@council.example", "omsk", 16,
        ("animal-care", "clean-up"), ("animals", "environment"),
        (("ru", "native"), ("en", "A2")), (WEEKENDS,), (15,),
        guardian=("Ирина Котова", "+7 913 555 01 16"),
    ),
    ProfileSpec(
        "yerlan.zhaksybekov@council.example", "shymkent", 27,
        ("it-support", "digital-literacy", "web-development"), ("digital",),
        (("kk", "native"), ("ru", "C1"), ("en", "B2")), (EVENINGS, REMOTE), (9,),
    ),
    ProfileSpec(
        "olga.nikitina@council.example", "yekaterinburg", 41,
        ("tree-planting", "project-management", "mentoring"), ("environment", "mentoring"),
        (("ru", "native"), ("en", "B1")), (WEEKENDS, REMOTE), (13,),
    ),
    ProfileSpec(
        "saltanat.baizhanova@council.example", "almaty", 30,
        ("psychological-support", "crisis-hotline"), ("social", "emergency"),
        (("kk", "native"), ("ru", "C2"), ("en", "B1")), (EVENINGS, REMOTE), (3,),
    ),
    ProfileSpec(
        "ivan.petrov@council.example", "sochi", 20,
        ("guiding", "stewarding", "registration-desk"), ("sport-events", "culture"),
        (("ru", "native"), ("en", "B2")), (WEEKDAYS, WEEKENDS), (17,),
    ),
    ProfileSpec(
        "kamila.rakhimova@council.example", "astana", 18,
        ("event-organisation", "photography", "video"), ("culture",),
        (("ru", "native"), ("kk", "B2"), ("en", "B1")), (WEEKENDS,), (17,),
    ),
    ProfileSpec(
        "sergei.belov@council.example", "omsk", 38,
        ("driving", "logistics", "disaster-relief"), ("emergency", "social"),
        (("ru", "native"), ("kk", "B1")), (WEEKENDS,), (11,),
    ),
    ProfileSpec(
        "dina.yessenova@council.example", "karaganda", 25,
        ("disability-support", "sign-language", "interpreting"), ("social",),
        (("kk", "native"), ("ru", "C1")), (WEEKDAYS, EVENINGS), (10,),
    ),
    ProfileSpec(
        "maria.orlova@council.example", "spb", 29,
        ("tutoring", "language-teaching", "companionship"), ("education", "children"),
        (("ru", "native"), ("en", "C1"), ("de", "B1")), (EVENINGS, REMOTE), (4,),
    ),
    ProfileSpec(
        "askhat.nurpeissov@council.example", "almaty", 33,
        ("tree-planting", "gardening", "environmental-monitoring"), ("environment",),
        (("kk", "native"), ("ru", "C1"), ("en", "A2")), (WEEKENDS,), (13, 15),
    ),
    ProfileSpec(
        "andrei.frolov@council.example", "kazan", 23,
        ("sports-coaching", "stewarding", "first-aid"), ("sport-events",),
        (("ru", "native"), ("tt", "A2"), ("en", "B1")), (EVENINGS, WEEKENDS), (3,),
    ),
    ProfileSpec(
        "nina.zakharova@council.example", "moscow", 67,
        ("mentoring", "adult-education"), ("mentoring", "education"),
        (("ru", "native"), ("en", "A2")), (WEEKDAYS, REMOTE), (4,),
        bio=(
            "Инженер на пенсии, наставник молодых специалистов.",
            "Зейнеткер инженермін, жас мамандарға тәлімгермін.",
            "Retired engineer, mentor to young professionals.",
        ),
    ),
    ProfileSpec(
        "zhandos.mukanov@council.example", "shymkent", 19,
        ("clean-up", "social-media"), ("environment", "urban"),
        (("kk", "native"), ("ru", "B2"), ("en", "B1")), (WEEKENDS,), (11,),
    ),
    ProfileSpec(
        "viktoriya.kim@council.example", "almaty", 24,
        ("first-aid", "medical-practice"), ("health",),
        (("ru", "native"), ("kk", "B2"), ("en", "B1"), ("ko", "A2")), (EVENINGS, WEEKENDS), (3,),
        medical=True,
    ),
    ProfileSpec(
        "artem.solovev@council.example", "novosibirsk", 31,
        ("web-development", "data-analysis"), ("digital",),
        (("ru", "native"), ("en", "B2")), (REMOTE,), (9,),
    ),
)  # fmt: skip


def profile_spec(email: str) -> ProfileSpec:
    return next(p for p in PROFILES if p.email == email)
