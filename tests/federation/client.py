"""A person's browser on one live node: a requests session with the node's cookies, its CSRF
token sent with every form, and sign-in as a demo person."""

from __future__ import annotations

import re
from typing import Any

import requests

from council.demo.nodes import NodeProcess
from council.demo.personas import DEMO_PASSWORD

TIMEOUT = 30


class NodeClient:
    """One person on one node (each client keeps its own cookies, so a test can hold a
    Russian and a Kazakh session side by side)."""

    def __init__(self, node: NodeProcess, *, language: str = "en") -> None:
        self.node = node
        self.session = requests.Session()
        self.session.headers["Accept-Language"] = language

    def url(self, path: str) -> str:
        return path if path.startswith("http") else f"{self.node.direct_url}{path}"

    def get(self, path: str, **options: Any) -> requests.Response:
        options.setdefault("timeout", TIMEOUT)
        return self.session.get(self.url(path), **options)

    def csrf_token(self, path: str = "/") -> str:
        """The CSRF cookie's value (a page with a form is read first when there is none)."""
        token = self.session.cookies.get("csrftoken")
        if not token:
            self.get(path)
            token = self.session.cookies.get("csrftoken")
        assert token, f"{self.node.node_id}: no CSRF cookie after GET {path}"
        return str(token)

    def post(
        self, path: str, data: dict[str, Any] | None = None, **options: Any
    ) -> requests.Response:
        """A form posted as the page would post it (CSRF token in the form and header)."""
        token = self.csrf_token(path)
        options.setdefault("timeout", TIMEOUT)
        headers = {"X-CSRFToken": token, "Referer": self.url(path), **options.pop("headers", {})}
        return self.session.post(
            self.url(path),
            data={"csrfmiddlewaretoken": token, **(data or {})},
            headers=headers,
            **options,
        )

    def sign_in(self, email: str, password: str = DEMO_PASSWORD) -> requests.Response:
        """Post the sign-in form (a redirect when it worked, the form again when not)."""
        return self.post(
            "/accounts/login/", {"login": email, "password": password}, allow_redirects=False
        )

    def login(self, email: str, password: str = DEMO_PASSWORD) -> requests.Response:
        """Sign in through the sign-in form; asserts that it worked."""
        answer = self.sign_in(email, password)
        assert answer.status_code == 302, (
            f"{self.node.node_id}: signing in as {email} answered {answer.status_code}"
        )
        assert self.session.cookies.get("sessionid"), f"{self.node.node_id}: no session"
        return answer

    def signed_in(self) -> bool:
        return bool(self.session.cookies.get("sessionid"))


def page_language(html: str) -> str:
    """The language the page is in (<html lang="…">)."""
    found = re.search(r'<html lang="([^"]+)"', html)
    return found.group(1) if found else ""
