"""The form-page shape of the organiser pages, now shared by every app: `council.lib.views`."""

from council.lib.views import form_page, saved

__all__ = ["form_page", "saved"]
