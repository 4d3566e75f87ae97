"""The site's addresses without the federation's pages (a build where they are absent): the
pages of another node's rows then show a disabled button instead of a broken link."""

from __future__ import annotations

from django.urls import URLResolver

from council import urls as site

urlpatterns = [
    pattern
    for pattern in site.urlpatterns
    if not (isinstance(pattern, URLResolver) and pattern.namespace == "federation")
]

handler404 = site.handler404
