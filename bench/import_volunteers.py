"""Time and memory of importing 100,000 volunteers from an XLSX file (`make bench`).

Generates a realistic workbook into a temporary folder through the one table writer
(council/lib/tables.py): names in Russian Cyrillic, Kazakh Cyrillic and Latin (the demo's
name lists, council/demo/data/names.json), email addresses, phone numbers in the ways people
write them, dates of birth as Excel dates and as ru/kk/en text, two columns nobody maps,
rows with a problem, rows repeated inside the file, and rows that are another form of a
contact the organisation already holds (Latin for Cyrillic, capitals, the other order).

On a bench database (created and migrated as the other bench scripts do it) it sets up an
organisation of Kazakhstan with its administrator and 10,000 contacts from an earlier list,
then runs the import as a person does, through the services and the task functions the pages
and the worker run (the immediate task backend, in-process): upload (the job), the mapping
guessed from the headers, the dry run, confirm "valid rows only"; then undo. Each run goes in
a fresh Python process, whose peak resident memory (`ru_maxrss`) is the import's; a second
process repeats it under `tracemalloc` for the peak of Python objects (its times are not
reported: tracing slows Python down).

Baselines of the same run: reading the file with the reader alone, and a raw `COPY` of the
same rows into a scratch table. Targets: the import (dry run + run) within 2 minutes and
300 MB. It reports figures; it asserts nothing about them.

`--profile` runs the import under cProfile and prints where the time went.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import _create_database, reference_loop  # noqa: E402

TARGET_SECONDS = 120.0
TARGET_MB = 300.0
BENCH_DOMAIN = "import.bench.example"
SOURCE = "Список волонтёров 2025"
EARLIER_SOURCE = "Earlier list"
HEADERS = [
    "№ п/п",
    "ФИО",
    "Электронная почта",
    "Телефон",
    "Дата рождения",
    "Тіл",
    "Азаматтығы",
    "ID",
    "Примечание",
    "Размер футболки",
]
# What the mapping should guess from HEADERS (column → field; "" ignored).
EXPECTED_MAPPING = {
    "0": "",
    "1": "full_name",
    "2": "email",
    "3": "phone",
    "4": "date_of_birth",
    "5": "preferred_language",
    "6": "home_country",
    "7": "external_id",
    "8": "",
    "9": "",
}

# --- The people ------------------------------------------------------------------------------


@dataclass
class Person:
    family: str  # Cyrillic, in the right gender
    given: str
    patronymic: str
    kazakh: bool
    email: str
    phone: str  # digits after +7
    born: date


def _patronymic(father: str, *, female: bool, kazakh: bool) -> str:
    if kazakh:
        return father + ("қызы" if female else "ұлы")
    if father.endswith("й"):
        return father[:-1] + ("евна" if female else "евич")
    if father.endswith("а"):
        return father[:-1] + ("ична" if female else "ич")
    return father + ("овна" if female else "ович")


def _ascii(text: str) -> str:
    from council.lib.translit import fold, to_latin

    return fold(to_latin(text)).replace("'", "")


class People:
    """Synthetic people, the same for the same seed."""

    def __init__(self, seed: int) -> None:
        from council.demo import names

        self.random = random.Random(seed)
        self.names = names
        self.count = 0

    def person(self) -> Person:
        names, chance = self.names, self.random
        kazakh = chance.random() < 0.45
        female = chance.random() < 0.6
        if kazakh:
            given = chance.choice(names.KZ_FEMALE if female else names.KZ_MALE)
            family = chance.choice(names.KZ_FAMILY)
            father = chance.choice(names.KZ_MALE)
        else:
            given = chance.choice(names.RU_FEMALE if female else names.RU_MALE)
            family = chance.choice(names.RU_FAMILY)
            father = chance.choice(names.RU_MALE)
        if female:
            family = names.feminine(family)
        self.count += 1
        login = f"{_ascii(given)}.{_ascii(family)}{self.count}"
        domain = chance.choice(("mail.ru", "gmail.com", "yandex.kz", "inbox.kz", "bk.ru"))
        operator = chance.choice(("701", "702", "705", "707", "747", "771", "777", "916", "926"))
        return Person(
            family=family,
            given=given,
            patronymic=_patronymic(father, female=female, kazakh=kazakh),
            kazakh=kazakh,
            email=f"{login}@{domain}",
            phone=f"{operator}{chance.randrange(10**7):07d}",
            born=date(1955, 1, 1) + timedelta(days=chance.randrange(365 * 52)),
        )

    # How people write each value.

    def full_name(self, person: Person) -> str:
        chance = self.random.random()
        patronymic = person.patronymic if self.random.random() < 0.7 else ""
        if chance < 0.75:  # Cyrillic, family name first
            return " ".join(part for part in (person.family, person.given, patronymic) if part)
        if chance < 0.88:  # Latin, given name first
            return f"{_ascii(person.given).title()} {_ascii(person.family).title()}"
        return f"{_ascii(person.family).upper()} {_ascii(person.given).upper()}"

    def phone(self, person: Person) -> Any:
        digits = person.phone
        form = self.random.randrange(6)
        if form == 0:
            return f"+7 {digits[:3]} {digits[3:6]} {digits[6:8]} {digits[8:]}"
        if form == 1:
            return f"8{digits}"
        if form == 2:
            return f"8 ({digits[:3]}) {digits[3:6]}-{digits[6:8]}-{digits[8:]}"
        if form == 3 and digits.startswith("7"):
            return int(f"7{digits}")  # a Kazakh mobile typed as a number: Excel drops the +
        if form == 4:
            return f"+7({digits[:3]}){digits[3:]}"
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:8]}-{digits[8:]}"

    def born(self, person: Person) -> Any:
        day = person.born
        form = self.random.randrange(10)
        if form < 4:
            return day  # an Excel date
        if form < 6:
            return day.strftime("%d.%m.%Y")
        if form == 6:
            return f"{day.day} {RU_MONTHS[day.month - 1]} {day.year} г."
        if form == 7:
            return f"{day.year} жылғы {day.day} {KK_MONTHS[day.month - 1]}"
        if form == 8:
            return day.strftime("%B %d, %Y")
        return day.isoformat()

    def language(self, person: Person) -> str:
        if self.random.random() < 0.3:
            return ""
        if person.kazakh:
            return self.random.choice(("қазақша", "казахский", "kk", "русский"))
        return self.random.choice(("русский", "ru", "Russian", "English"))

    def country(self, person: Person) -> str:
        if self.random.random() < 0.2:
            return ""
        if person.kazakh or self.random.random() < 0.6:
            return self.random.choice(("Казахстан", "Қазақстан", "KZ", "Kazakhstan"))
        return self.random.choice(("Россия", "RU", "Ресей"))


RU_MONTHS = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
KK_MONTHS = (
    "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым",
    "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан",
)  # fmt: skip
SIZES = ("XS", "S", "M", "L", "XL", "")
NOTES = ("", "", "", "", "студент", "был на форуме 2024", "=СУММ(A1:A3)", "звонить после 18:00")
# Problems a person would make, one per rejected row (the column it is in).
PROBLEMS = (
    ("email", "ivanova.mail.ru"),
    ("email", "aigerim@@gmail.com"),
    ("born", "31.02.1990"),
    ("born", "01.01.45"),
    ("born", "2031-05-01"),
    ("phone", "12-34"),
    ("name", ""),
    ("language", "немецкий"),
    ("country", "Атлантида"),
)


@dataclass
class Plan:
    rows: int
    existing: int
    problem_share: float = 0.012  # rows with a problem
    repeat_share: float = 0.006  # rows repeated further down the file
    known_share: float = 0.01  # rows that are another form of an existing contact
    blank_every: int = 5000  # an empty row now and then


def existing_contacts(people: People, count: int) -> list[Person]:
    return [people.person() for _index in range(count)]


def _known_form(people: People, person: Person) -> tuple[str, str, Any]:
    """Another form of a contact the organisation holds: (full name, email, phone)."""
    chance = people.random.randrange(4)
    latin = f"{_ascii(person.given).title()} {_ascii(person.family).title()}"
    if chance == 0:  # Latin, the same email
        return latin, person.email, ""
    if chance == 1:  # capitals, family first, the same phone, no email
        return f"{_ascii(person.family).upper()} {_ascii(person.given).upper()}", "", person.phone
    if chance == 2:  # given name first in Cyrillic, a new email
        return f"{person.given} {person.family}", f"new.{person.email}", ""
    return f"{person.family} {person.given}", person.email, people.phone(person)


def file_rows(people: People, plan: Plan, known: list[Person]) -> Iterator[list[Any]]:
    """The rows of the file (without the header), `plan.rows` data rows in all."""
    chance = people.random
    repeats: list[list[Any]] = []
    written = 0
    while written < plan.rows:
        number = written + 1
        if number % plan.blank_every == 0:
            yield [None] * len(HEADERS)
        if repeats and chance.random() < plan.repeat_share * 3:
            row = list(repeats.pop(0))
            row[0] = number
            yield row
            written += 1
            continue
        person = people.person()
        name, email, phone = people.full_name(person), person.email, people.phone(person)
        if known and chance.random() < plan.known_share:
            name, email, phone = _known_form(people, chance.choice(known))
        elif chance.random() < 0.12:
            email = ""
        if chance.random() < 0.15:
            phone = ""
        born: Any = people.born(person) if chance.random() < 0.9 else ""
        language, country = people.language(person), people.country(person)
        if chance.random() < plan.problem_share:
            column, value = chance.choice(PROBLEMS)
            if column == "email":
                email = value
            elif column == "born":
                born = value
            elif column == "phone":
                phone = value
            elif column == "name":
                name = value
            elif column == "language":
                language = value
            else:
                country = value
        row = [
            number,
            name,
            email,
            phone,
            born,
            language,
            country,
            f"DBR-{people.count:07d}",
            chance.choice(NOTES),
            chance.choice(SIZES),
        ]
        if chance.random() < plan.repeat_share:
            repeats.append(row)
        yield row
        written += 1


# --- Set-up (this process) -------------------------------------------------------------------


def _setup(args: argparse.Namespace, people: People, known: list[Person], tag: str) -> int:
    """An organisation of Kazakhstan, its administrator and `known` as its earlier contacts;
    answers the organisation's pk."""
    from django.db import transaction

    from council.accounts.models import User
    from council.orgs.models import (
        Membership,
        MembershipRole,
        Organisation,
        OrganisationKind,
        OrganisationStatus,
    )
    from council.reference.models import Country
    from council.volunteers.models import Contact
    from council.volunteers.services.contact_imports import contact_check, contacts_import

    kazakhstan = Country.objects.get(code="KZ")
    with transaction.atomic():
        organisation = Organisation.objects.create(
            name_en=f"Import bench {tag}",
            name_ru=f"Import bench {tag}",
            name_kk=f"Import bench {tag}",
            kind=OrganisationKind.VOLUNTEER_CENTRE,
            country=kazakhstan,
            status=OrganisationStatus.VERIFIED,
        )
        admin = User.objects.create_user(
            email=f"admin-{tag}@{BENCH_DOMAIN}",
            password=None,
            home_country=kazakhstan,
            preferred_language="ru",
            given_name="Дана",
            family_name="Сапарова",
        )
        Membership.objects.create(organisation=organisation, user=admin, role=MembershipRole.ADMIN)
        contacts = []
        for number, person in enumerate(known, start=1):
            contact = Contact(
                organisation=organisation,
                family_name=person.family,
                given_name=person.given,
                patronymic=person.patronymic,
                email=person.email,
                phone=f"+7{person.phone}",
                date_of_birth=person.born,
                external_id=f"EARLY-{number:06d}",
                source=EARLIER_SOURCE,
            )
            contact_check(contact)
            contacts.append(contact)
        for start in range(0, len(contacts), 2000):
            contacts_import(
                organisation=organisation,
                actor=admin,
                contacts=contacts[start : start + 2000],
                source=EARLIER_SOURCE,
                audit_data={"bench": tag},
            )
    return organisation.pk


def _remove_earlier_runs() -> int:
    """What earlier runs left (an interrupted one keeps its rows): their organisations,
    contacts, imports, audit events and administrators."""
    from django.db import transaction

    from council.accounts.models import User
    from council.audit.models import AuditEvent
    from council.imports.models import ImportJob
    from council.orgs.models import Organisation
    from council.volunteers.models import Contact

    ids = list(Organisation.objects.filter(name_en__startswith="Import bench ").values_list("pk"))
    pks = [pk for (pk,) in ids]
    with transaction.atomic():
        Contact.objects.filter(organisation_id__in=pks).delete()
        ImportJob.objects.filter(organisation_id__in=pks).delete()
        AuditEvent.objects.filter(organisation_id__in=pks).delete()
        Organisation.objects.filter(pk__in=pks).delete()
        User.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").delete()
    return len(pks)


def _copy_baseline(rows: list[list[Any]]) -> float:
    """Seconds for a raw COPY of the rows (as text) into a scratch table of as many text
    columns, committed."""
    from django.db import connection

    table = "bench_import_scratch"
    columns = ", ".join(f"c{index} text" for index in range(len(HEADERS)))
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
        cursor.execute(f"CREATE TABLE {table} (id bigserial primary key, {columns})")
    names = ", ".join(f"c{index}" for index in range(len(HEADERS)))
    texts = [["" if value is None else str(value) for value in row] for row in rows]
    raw = connection.connection
    started = time.perf_counter()
    with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in texts:
            copy.write_row(row)
    raw.commit()
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {table}")
    return seconds


# --- The measured processes ------------------------------------------------------------------


def _status_mb(name: str) -> float:
    """A figure of /proc/self/status in MB: VmRSS (resident now), VmHWM (its high-water
    mark, of this process's own memory since exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{name}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_read(path: str) -> dict[str, Any]:
    """Read the file with the reader, as the import does, doing nothing with the rows."""
    from council.lib.spreadsheets import open_table

    baseline = _peak_mb()
    started = time.perf_counter()
    table = open_table(Path(path), filename="volunteers.xlsx")
    rows = sum(1 for _row in table.rows())
    return {
        "rows": rows,
        "seconds": time.perf_counter() - started,
        "rss_baseline_mb": baseline,
        "rss_peak_mb": _peak_mb(),
        "hwm_mb": _status_mb("VmHWM"),
    }


def child_import(path: str, organisation_pk: int, trace: bool, profile: str) -> dict[str, Any]:
    """The journey of one import, through the services (the pages' calls) with the task
    functions run at once (the immediate backend)."""
    import tracemalloc

    from django.core.files import File

    from council.imports import services
    from council.imports.models import ImportMode, ImportStatus
    from council.orgs.models import Membership, MembershipRole, Organisation

    organisation = Organisation.objects.get(pk=organisation_pk)
    admin = Membership.objects.get(organisation=organisation, role=MembershipRole.ADMIN).user
    figures: dict[str, Any] = {
        "rss_baseline_mb": _peak_mb(),
        "rss_now_mb": _status_mb("VmRSS"),
    }
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    with open(path, "rb") as stream:
        job = services.import_upload(
            actor=admin,
            organisation=organisation,
            kind="volunteers",
            source=SOURCE,
            upload=File(stream, name="volunteers.xlsx"),
            filename="volunteers.xlsx",
        )
    figures["upload_seconds"] = time.perf_counter() - started
    figures["mapping"] = job.mapping
    started, cpu = time.perf_counter(), time.process_time()
    job = services.import_map(actor=admin, job=job, mapping=job.mapping)  # starts the dry run
    job.refresh_from_db()
    figures["check_seconds"] = time.perf_counter() - started
    figures["check_cpu"] = time.process_time() - cpu
    figures["checked"] = {
        "status": job.status,
        "rows": job.rows_total,
        "valid": job.rows_valid,
        "rejected": job.rows_rejected,
        "duplicates": job.duplicates_found,
        "error": job.error,
    }
    if job.status != ImportStatus.CHECKED:
        return figures
    figures["rss_after_check_mb"] = _peak_mb()
    started, cpu = time.perf_counter(), time.process_time()
    services.import_confirm(actor=admin, job=job, mode=ImportMode.VALID_ROWS_ONLY)
    job.refresh_from_db()
    figures["run_seconds"] = time.perf_counter() - started
    figures["run_cpu"] = time.process_time() - cpu
    if trace:
        figures["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        tracemalloc.stop()
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile)
    figures["rss_peak_mb"] = _peak_mb()
    figures["hwm_mb"] = _status_mb("VmHWM")
    figures["run"] = {
        "status": job.status,
        "rows": job.rows_done,
        "valid": job.rows_valid,
        "rejected": job.rows_rejected,
        "created": job.rows_created,
        "skipped": job.rows_skipped,
        "duplicates": job.duplicates_found,
        "error": job.error,
    }
    figures["issues"] = dict(_issue_counts(job))
    if not trace and not profile:
        started = time.perf_counter()
        services.import_undo(actor=admin, job=job)
        figures["undo_seconds"] = time.perf_counter() - started
    return figures


def _issue_counts(job: Any) -> list[tuple[str, int]]:
    from django.db.models import Count

    rows = job.issues.values("code").annotate(count=Count("pk")).order_by("-count")
    return [(row["code"], row["count"]) for row in rows]


def child_prepare(args: argparse.Namespace) -> dict[str, Any]:
    """Migrate, remove what earlier runs left, write the file, set the organisations up and
    time the raw COPY of the same rows (in a process of its own, so that the measured ones
    do not start with its memory)."""
    from django.core.management import call_command

    from council.lib.tables import write_xlsx

    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    figures: dict[str, Any] = {"removed": _remove_earlier_runs()}
    people = People(args.seed)
    known = existing_contacts(people, args.existing)
    rows = list(file_rows(people, Plan(rows=args.rows, existing=args.existing), known))
    started = time.perf_counter()
    write_xlsx(args.file, HEADERS, rows, title="Волонтёры")
    figures["write_seconds"] = time.perf_counter() - started
    figures["size_mb"] = Path(args.file).stat().st_size / 1e6
    figures["data_rows"] = sum(1 for row in rows if row[0] is not None)
    figures["empty_rows"] = len(rows) - figures["data_rows"]
    tag = f"{int(time.time())}"
    started = time.perf_counter()
    figures["organisation"] = _setup(args, people, known, tag)
    figures["traced"] = _setup(args, people, known, tag + "-t") if args.trace else 0
    figures["setup_seconds"] = time.perf_counter() - started
    figures["copy_seconds"] = _copy_baseline(rows)
    return figures


def child_main(args: argparse.Namespace) -> int:
    import django

    django.setup()
    if args.child == "prepare":
        figures = child_prepare(args)
    elif args.child == "cleanup":
        figures = {"removed": _remove_earlier_runs()}
    elif args.child == "read":
        figures = child_read(args.file)
    else:
        figures = child_import(args.file, args.organisation, args.child == "trace", args.profile)
    print(json.dumps(figures, default=str))
    return 0


def _child(args: argparse.Namespace, which: str, **extra: Any) -> dict[str, Any]:
    """Run one step in a fresh process of this script; its figures."""
    command = [sys.executable, __file__, "--child", which, "--file", str(args.file)]
    command += ["--database-url", args.database_url]
    for name, value in extra.items():
        command += [f"--{name}", str(value)]
    result = subprocess.run(  # noqa: S603 (this interpreter, this script)
        command, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        print(result.stdout[-2000:])
        print(result.stderr[-4000:])
        raise SystemExit(f"the {which} step failed")
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


# --- Main ------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/council_bench"
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--existing", type=int, default=10_000, help="contacts held before")
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc pass")
    parser.add_argument("--profile", default="", help="cProfile the import into this file")
    parser.add_argument("--keep", action="store_true", help="keep the rows of this run")
    parser.add_argument(
        "--child", choices=("prepare", "cleanup", "read", "import", "trace"), help=argparse.SUPPRESS
    )
    parser.add_argument("--file", default="", help=argparse.SUPPRESS)
    parser.add_argument("--organisation", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--trace", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        print("The benchmarks run on PostgreSQL: pass --database-url postgres://…")
        return 2
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council.settings")
    os.environ.setdefault("DEBUG", "false")
    # The pages' code with its background steps run at once, in this process.
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    warnings.filterwarnings("ignore", message="No directory at")
    if args.child:
        return child_main(args)

    # This process stays small (no Django): a child's ru_maxrss starts from its parent's
    # resident memory at the fork, so a big parent would inflate every child's peak.
    folder = Path(tempfile.mkdtemp(prefix="import-bench-"))
    os.environ["PRIVATE_ROOT"] = str(folder / "private")
    args.file = folder / "volunteers.xlsx"
    try:
        return _bench(args)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _bench(args: argparse.Namespace) -> int:
    _create_database(args.database_url)
    print(f"reference loop before: {reference_loop():.0f} ms; load average {_load()}")
    trace = not (args.no_trace or args.profile)
    prepared = _child(
        args, "prepare", rows=args.rows, existing=args.existing, seed=args.seed, trace=int(trace)
    )
    if prepared["removed"]:
        print(f"removed {prepared['removed']} organisations of earlier runs")
    print(
        f"file: {prepared['data_rows']:,} data rows (+{prepared['empty_rows']} empty), "
        f"{len(HEADERS)} columns, {prepared['size_mb']:.1f} MB, written by "
        f"council.lib.tables.write_xlsx in {prepared['write_seconds']:.1f} s"
    )
    print(
        f"organisation and admin set up with {args.existing:,} earlier contacts "
        f"in {prepared['setup_seconds']:.1f} s\n"
    )
    read = _child(args, "read")
    extra: dict[str, Any] = {"organisation": prepared["organisation"]}
    if args.profile:
        extra["profile"] = args.profile
    result = _child(args, "import", **extra)
    traced = _child(args, "trace", organisation=prepared["traced"]) if trace else None
    _report(result, read, traced, prepared["copy_seconds"], prepared["data_rows"])
    if args.profile:
        import pstats

        print(f"\ncProfile of the import (upload, dry run, run), {args.profile}:")
        stats = pstats.Stats(args.profile)
        stats.sort_stats("tottime").print_stats(30)
        stats.sort_stats("cumulative").print_stats(40)
    print(f"\nreference loop after: {reference_loop():.0f} ms; load average {_load()}")
    if not args.keep:
        _child(args, "cleanup")
    return 0


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _report(
    result: dict[str, Any],
    read: dict[str, Any],
    trace: dict[str, Any] | None,
    copy_seconds: float,
    data_rows: int,
) -> None:
    checked = result["checked"]
    mapping = result["mapping"]
    guessed = "as expected" if mapping == EXPECTED_MAPPING else f"UNEXPECTED: {mapping}"
    print(f"mapping guessed from the headers: {guessed}")
    shown = ", ".join(f"{HEADERS[int(k)]} → {v or '(ignored)'}" for k, v in mapping.items())
    print(f"  {shown}")
    if "run" not in result:
        print(f"the dry run did not finish: {checked}")
        return
    run = result["run"]
    total = result["check_seconds"] + result["run_seconds"]
    rss_peak = result["rss_peak_mb"]
    print(
        f"\nrows {run['rows']:,} · created {run['created']:,} · rejected {run['rejected']:,} "
        f"· likely duplicates flagged {run['duplicates']:,} (skipped, undecided: "
        f"{run['skipped']:,}) · status {run['status']}"
    )
    print("problems: " + ", ".join(f"{code} {count:,}" for code, count in result["issues"].items()))
    print(
        f"dry run: {checked['rows']:,} rows, {checked['valid']:,} valid, "
        f"{checked['rejected']:,} rejected, {checked['duplicates']:,} likely duplicates"
    )
    print()
    print(
        f"{'step':<44} {'seconds':>8} {'rows/s':>8} {'× COPY':>7} {'× read':>7} "
        f"{'CPU s':>7} {'CPU share':>9}"
    )

    def line(name: str, seconds: float | None, cpu: float | None = None) -> None:
        if seconds is None:
            return
        used = f"{cpu:>7.1f} {cpu / seconds:>9.0%}" if cpu is not None else ""
        print(
            f"{name:<44} {seconds:>8.1f} {data_rows / seconds:>8,.0f} "
            f"{seconds / copy_seconds:>7.1f} {seconds / read['seconds']:>7.1f} {used}"
        )

    line("upload (keep the file, headers, guesses)", result["upload_seconds"])
    line("dry run", result["check_seconds"], result["check_cpu"])
    line("run (valid rows only)", result["run_seconds"], result["run_cpu"])
    line("dry run + run", total, result["check_cpu"] + result["run_cpu"])
    line("undo (for reference)", result.get("undo_seconds"))
    line("baseline: read the file with the reader", read["seconds"])
    line("baseline: raw COPY of the rows into a table", copy_seconds)
    print()
    print(
        f"peak RSS of the import process: {rss_peak:.0f} MB (baseline after start-up "
        f"{result['rss_baseline_mb']:.0f} MB, increase {rss_peak - result['rss_baseline_mb']:.0f}"
        f" MB; after the dry run {result['rss_after_check_mb']:.0f} MB; VmHWM "
        f"{result['hwm_mb']:.0f} MB)"
    )
    print(
        f"peak RSS of reading the file alone: {read['rss_peak_mb']:.0f} MB (baseline "
        f"{read['rss_baseline_mb']:.0f} MB)"
    )
    if trace is not None:
        print(
            f"tracemalloc peak of Python objects (a second import, traced): "
            f"{trace['tracemalloc_peak_mb']:.0f} MB"
        )
    print()
    time_met = "met" if total <= TARGET_SECONDS else "NOT met"
    memory_met = "met" if rss_peak <= TARGET_MB else "NOT met"
    print(f"target: dry run + run ≤ {TARGET_SECONDS:.0f} s: {total:.1f} s: {time_met}")
    print(
        "  (CPU s: this process's own CPU time; CPU share: of the wall time, below 100 % when "
        "it waited for PostgreSQL or for a core another process held)"
    )
    print(f"target: peak memory ≤ {TARGET_MB:.0f} MB: {rss_peak:.0f} MB: {memory_met}")


if __name__ == "__main__":
    sys.exit(main())
