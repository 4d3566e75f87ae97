"""The site's pages and the test page that enqueues a task (council.ops.tests.enqueue_urls)."""

from __future__ import annotations

from council.ops.tests.enqueue_urls import urlpatterns as enqueue
from council.urls import urlpatterns as site

urlpatterns = [*enqueue, *site]
