"""Full-text index of opportunities, the same on PostgreSQL and SQLite.

The words of the titles and descriptions (the opportunity's and its project's, in ru, kk and
en), and the names of what it is classified by (its project's causes and SDG goals, its
skills and city, in the three languages, with the descriptions), are turned into stems by
`council.lib.stemming` in Python; the database indexes those ready keys and only compares
tokens, so both engines find the same opportunities:

- PostgreSQL: `projects_opportunity_search(opportunity_id, document tsvector, titles tsvector)`
  built with the `simple` configuration (no second stemming), titles weighted A and
  descriptions B, GIN index; searches join the row (`OpportunitySearchRow`), a query is a
  `to_tsquery('simple', …)`, relevance is `ts_rank` over the titles (`IndexRank`).
- SQLite: an FTS5 table `projects_opportunity_search(title, body)` whose rowid is the
  opportunity's id; relevance is `bm25` with titles weighing ten times
  as much as descriptions.

The table lives beside the ORM (migration 0002_search). On PostgreSQL a trigger removes the row
of a deleted opportunity; on SQLite a left-over row is harmless: searches only return rows of
`projects_opportunity`, and SQLite never reuses an AUTOINCREMENT id.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F, FloatField, Func
from django.db.models.expressions import RawSQL

from council.lib.stemming import Key, document_keys, prefix_token

if TYPE_CHECKING:
    from council.projects.models import Opportunity

LANGUAGES = ("ru", "kk", "en")


# What an opportunity is classified by, read for its search document: the relations of
# `classification_names` (prefetch them when indexing many).
CLASSIFICATION = ("skills", "project__causes", "project__sdg_targets__goal")


def classification_names(opportunity: Any) -> list[tuple[str, str, str]]:
    """The (ru, kk, en) names of the causes and SDG goals of the opportunity's project, its
    skills and its city: a person searches by a cause's own name ("экология", "animals").
    Works with the historical models of a migration too."""
    project = opportunity.project
    goals = {target.goal_id: target.goal for target in project.sdg_targets.all()}
    named: list[tuple[Any, str]] = [(cause, "name") for cause in project.causes.all()]
    named += [(goals[pk], "short_name") for pk in sorted(goals)]
    named += [(skill, "name") for skill in opportunity.skills.all()]
    if opportunity.city_id is not None:
        named.append((opportunity.city, "name"))
    return [
        tuple(getattr(obj, f"{field}_{code}", "") or "" for code in LANGUAGES)  # type: ignore[misc]
        for obj, field in named
    ]


def classification_keys(
    names: list[tuple[str, str, str]], keys: Callable[[str, str], str] = document_keys
) -> str:
    """Search keys of (ru, kk, en) names, each read in its own language."""
    found = (keys(name, code) for row in names for code, name in zip(LANGUAGES, row, strict=True))
    return " ".join(key for key in found if key)


def opportunity_document(
    opportunity: Any, keys: Callable[[str, str], str] = document_keys
) -> tuple[str, str]:
    """(title keys, description keys) of an opportunity and its project, in every language;
    the description keys also carry the names it is classified by (`classification_names`).
    Works with the historical models of a migration too."""
    project = opportunity.project
    titles, bodies = [], []
    for code in LANGUAGES:
        for obj in (opportunity, project):
            titles.append(keys(getattr(obj, f"title_{code}", "") or "", code))
            bodies.append(keys(getattr(obj, f"description_{code}", "") or "", code))
    bodies.append(classification_keys(classification_names(opportunity), keys))
    return " ".join(t for t in titles if t), " ".join(b for b in bodies if b)


LOAD_TABLE = "projects_search_load"


def store_documents(connection: BaseDatabaseWrapper, rows: list[tuple[int, str, str]]) -> None:
    """`store_document` for many (id, title keys, description keys) rows, set-based; on
    PostgreSQL the filter keys of those rows are written too."""
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"CREATE TEMPORARY TABLE IF NOT EXISTS {LOAD_TABLE} "
                "(opportunity_id bigint, title text, body text)"
            )
            with cursor.cursor.copy(
                f"COPY {LOAD_TABLE} (opportunity_id, title, body) FROM STDIN"
            ) as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(
                "INSERT INTO projects_opportunity_search (opportunity_id, document, titles) "
                "SELECT opportunity_id, setweight(to_tsvector('simple', title), 'A') || "
                "setweight(to_tsvector('simple', body), 'B'), to_tsvector('simple', title) "
                "FROM projects_search_load ON CONFLICT (opportunity_id) DO UPDATE "
                "SET document = EXCLUDED.document, titles = EXCLUDED.titles"
            )
            cursor.execute(f"TRUNCATE {LOAD_TABLE}")
        elif connection.vendor == "sqlite":
            cursor.executemany(
                "DELETE FROM projects_opportunity_search WHERE rowid = %s",
                [(row[0],) for row in rows],
            )
            cursor.executemany(
                "INSERT INTO projects_opportunity_search (rowid, title, body) VALUES (%s, %s, %s)",
                rows,
            )
        else:
            raise NotImplementedError(f"full-text search is not built for {connection.vendor}")
    store_filters(connection, [row[0] for row in rows])


def reindex(connection: BaseDatabaseWrapper, opportunities: Any, batch: int = 2000) -> int:
    """Rebuild the index rows of `opportunities` (a queryset, historical models allowed) in
    batches; the keys of texts shared by many rows (a project's) are computed once."""
    cache: dict[tuple[str, str], str] = {}

    def keys(text: str, language: str) -> str:
        if (text, language) not in cache:
            if len(cache) > 50_000:
                cache.clear()
            cache[(text, language)] = document_keys(text, language)
        return cache[(text, language)]

    done, last = 0, 0
    while True:
        chunk = list(
            opportunities.filter(pk__gt=last)
            .select_related("project", "city")
            .prefetch_related(*CLASSIFICATION)
            .order_by("pk")[:batch]
        )
        if not chunk:
            return done
        store_documents(connection, [(o.pk, *opportunity_document(o, keys)) for o in chunk])
        done += len(chunk)
        last = chunk[-1].pk


def store_document(connection: BaseDatabaseWrapper, pk: int, title: str, body: str) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "INSERT INTO projects_opportunity_search (opportunity_id, document, titles) "
                "VALUES (%s, setweight(to_tsvector('simple', %s), 'A') || "
                "setweight(to_tsvector('simple', %s), 'B'), to_tsvector('simple', %s)) "
                "ON CONFLICT (opportunity_id) DO UPDATE SET document = EXCLUDED.document, "
                "titles = EXCLUDED.titles",
                [pk, title, body, title],
            )
        elif connection.vendor == "sqlite":
            cursor.execute("DELETE FROM projects_opportunity_search WHERE rowid = %s", [pk])
            cursor.execute(
                "INSERT INTO projects_opportunity_search (rowid, title, body) VALUES (%s, %s, %s)",
                [pk, title, body],
            )
        else:
            raise NotImplementedError(f"full-text search is not built for {connection.vendor}")


def index_opportunity(opportunity: Opportunity) -> None:
    """Bring the full-text index of one opportunity up to date (read afresh, with its
    classification as it is now)."""
    alias = opportunity._state.db or DEFAULT_DB_ALIAS
    current = (
        type(opportunity)
        .objects.using(alias)
        .select_related("project", "city")
        .prefetch_related(*CLASSIFICATION)
        .get(pk=opportunity.pk)
    )
    title, body = opportunity_document(current)
    connection = connections[alias]
    store_document(connection, opportunity.pk, title, body)
    store_filters(connection, [opportunity.pk])


# --- Filter keys (PostgreSQL) ----------------------------------------------------------------
#
# A common phrase matches thousands of opportunities; checking each against the filters means
# one random heap read per match. So each row of the index also carries keys for the filters
# that narrow most — country, publication, causes and a 0.5° grid cell of the place — in a
# `filters` tsvector, and a GIN index on `document || filters` lets PostgreSQL intersect the
# words and the filters inside the index. The keys are only a pre-filter: the exact filters
# still run on `projects_opportunity`, so results are the same as without them (and as on
# SQLite, which has no such keys).

CELLS_PER_DEGREE = 2
MAX_HINT_CELLS = 60
FILTERS_SQL = """
    UPDATE projects_opportunity_search s SET filters = to_tsvector('simple', concat_ws(' ',
        'zc' || lower(o.country_id),
        CASE WHEN o.is_published THEN 'zpub' END,
        CASE WHEN o.latitude IS NOT NULL AND o.longitude IS NOT NULL THEN
            'zg' || floor((o.latitude + 90) * 2)::int || 'x' || floor((o.longitude + 180) * 2)::int
        END,
        (SELECT string_agg('zk' || pc.cause_id, ' ') FROM projects_project_causes pc
         WHERE pc.project_id = o.project_id)))
    FROM projects_opportunity o WHERE o.id = s.opportunity_id
"""


def store_filters(connection: BaseDatabaseWrapper, ids: list[int] | None = None) -> None:
    """Write the filter keys of the given opportunities, or of every one with no `ids`, in one
    statement."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if ids is None:
            cursor.execute(FILTERS_SQL)
        else:
            cursor.execute(FILTERS_SQL + " AND o.id = ANY(%s)", [list(ids)])


def filter_hints(
    *,
    country: str | None,
    cause_id: int | None,
    box: tuple[float, float, float, float] | None,
) -> list[str]:
    """Keys every match must carry: published, and the country, cause and grid cells asked
    for. `box` is (min latitude, max latitude, min longitude, max longitude)."""
    hints = ["zpub"]
    if country:
        hints.append("zc" + country.lower())
    if cause_id:
        hints.append(f"zk{cause_id}")
    if box is not None:
        lat_cells = range(
            int((box[0] + 90) * CELLS_PER_DEGREE), int((box[1] + 90) * CELLS_PER_DEGREE) + 1
        )
        lon_cells = range(
            int((box[2] + 180) * CELLS_PER_DEGREE), int((box[3] + 180) * CELLS_PER_DEGREE) + 1
        )
        if len(lat_cells) * len(lon_cells) <= MAX_HINT_CELLS:
            cells = [f"zg{lat}x{lon}" for lat in lat_cells for lon in lon_cells]
            hints.append("(" + " | ".join(cells) + ")")
    return hints


def _token(key: Key) -> str:
    """Prefix keys match the prefix tokens documents carry (see council.lib.stemming)."""
    return prefix_token(key.text) if key.prefix else key.text


def _postgres_query(terms: list[list[Key]]) -> str:
    # Keys hold letters and digits only (see stemming.words), so quoting them is enough.
    return " & ".join("(" + " | ".join(f"'{_token(key)}'" for key in term) + ")" for term in terms)


def _sqlite_query(terms: list[list[Key]]) -> str:
    return " AND ".join(
        "(" + " OR ".join(f'"{_token(key)}"' for key in term) + ")" for term in terms
    )


def matching_ids(terms: list[list[Key]], vendor: str, hints: list[str] | None = None) -> RawSQL:
    """A subquery of the ids of opportunities that match, for `pk__in=`.

    On PostgreSQL `hints` (see `filter_hints`) narrow the match inside the GIN index, and
    `OFFSET 0` keeps the subquery whole: the planner then always reads the index, whose
    matches need no recheck, instead of testing the query against the document of every row
    another index found (de-compressing each one)."""
    if vendor == "postgresql":
        query = " & ".join([_postgres_query(terms), *(hints or [])])
        sql = (
            "SELECT opportunity_id FROM projects_opportunity_search "
            "WHERE (document || coalesce(filters, ''::tsvector)) @@ to_tsquery('simple', %s) "
            "OFFSET 0"
        )
    elif vendor == "sqlite":
        query = _sqlite_query(terms)
        sql = (
            "SELECT rowid FROM projects_opportunity_search "
            "WHERE projects_opportunity_search MATCH %s"
        )
    else:
        raise NotImplementedError(f"full-text search is not built for {vendor}")
    return RawSQL(sql, [query])  # noqa: S611 (constant SQL, the query is a parameter)


class IndexRank(Func):
    """PostgreSQL: how many of the query's words the titles hold (`ts_rank` of the joined
    index row's `titles` against any of the words); higher is better. Every row ranked has
    matched all the words somewhere; ranking on the short titles column keeps the cost of a
    broad search down to a few lexemes a row."""

    output_field = FloatField()

    def __init__(self, terms: list[list[Key]]) -> None:
        super().__init__(F("search_row__titles"))
        self.query = " | ".join(_postgres_query([term]) for term in terms)

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:  # type: ignore[override]
        document, params = compiler.compile(self.source_expressions[0])
        return f"ts_rank({document}, to_tsquery('simple', %s))", [*params, self.query]


class Relevance(Func):
    """SQLite: how well the opportunity matches the query (bm25, titles ten times the
    descriptions); higher is better."""

    output_field = FloatField()

    def __init__(self, terms: list[list[Key]]) -> None:
        super().__init__(F("pk"))
        self.terms = terms

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:  # type: ignore[override]
        pk_sql, pk_params = compiler.compile(self.source_expressions[0])
        template = (
            "(SELECT -bm25(projects_opportunity_search, 10.0, 1.0) "
            "FROM projects_opportunity_search "
            "WHERE projects_opportunity_search MATCH %%s AND rowid = %s)"
        )
        # pk_sql is the compiled primary-key column, never user input.
        return template % pk_sql, [_sqlite_query(self.terms), *pk_params]
