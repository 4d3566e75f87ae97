"""Read-your-writes bookkeeping of the replica router, without a replica (the reads from a
real one: tests/topology)."""

from __future__ import annotations

import time

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from council.lib import replica
from council.lib.replica import ReplicaMiddleware, ReplicaRouter, primary_until, replica_reads

router = ReplicaRouter()


def through_middleware(request: HttpRequest, *, writes: bool = False) -> HttpResponse:
    def view(request: HttpRequest) -> HttpResponse:
        if writes:
            router.db_for_write(HttpResponse)  # what a service's save() asks
        return HttpResponse("ok")

    response = ReplicaMiddleware(view)(request)
    assert isinstance(response, HttpResponse)
    return response


def test_a_post_keeps_the_person_on_the_primary_for_the_sticky_seconds(settings) -> None:
    settings.REPLICA_STICKY_SECONDS = 10
    response = through_middleware(RequestFactory().post("/anything/"))
    cookie = response.cookies[replica.COOKIE]
    assert cookie["max-age"] == 10
    assert cookie["httponly"]
    later = RequestFactory().get("/search/")
    later.COOKIES[replica.COOKIE] = cookie.value
    assert time.time() + 9 < primary_until(later) <= time.time() + 10


def test_a_read_that_wrote_through_a_service_counts_as_a_write() -> None:
    assert replica.COOKIE in through_middleware(RequestFactory().get("/"), writes=True).cookies
    assert replica.COOKIE not in through_middleware(RequestFactory().get("/")).cookies


def test_a_cookie_not_signed_by_us_is_ignored() -> None:
    request = RequestFactory().get("/search/")
    request.COOKIES[replica.COOKIE] = str(time.time() + 3600)
    assert primary_until(request) == 0.0


def test_without_a_replica_every_read_and_migration_stays_on_the_primary() -> None:
    seen = []

    @replica_reads
    def view(request: HttpRequest) -> HttpResponse:
        seen.append(router.db_for_read(HttpResponse))
        return HttpResponse("ok")

    assert view(RequestFactory().get("/search/")).status_code == 200
    assert seen == ["default"]
    assert not replica.replica_usable()
    assert router.allow_migrate("default", "projects") is True
    assert router.allow_migrate("replica", "projects") is False


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_no_write_method_reads_from_the_replica(method: str) -> None:
    request = getattr(RequestFactory(), method)("/search/")
    assert not replica._may_read_from_replica(request)
