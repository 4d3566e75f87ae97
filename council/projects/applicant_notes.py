"""Notes that a higher app adds beside each applicant on the organiser's list of applicants,
which this app cannot import: the hours app shows each volunteer's reliability (no-shows out
of their confirmed shifts of the last two years) and the link to write a reference.

A note is computed for the whole page at once (a few queries, whatever the number of rows):
the app registers it in its AppConfig.ready(),

    applicant_note_register("reliability", reliability_notes)

and the note returns, for the applications of the page, the HTML to show under each one (by
the application's pk; rendered by render_to_string, so safe), leaving out the others.
The list view finds them as `application.notes`."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.utils.safestring import SafeString

from council.projects.models import Application

Note = Callable[[Sequence[Application]], dict[int, str]]

NOTES: dict[str, Note] = {}


def applicant_note_register(name: str, note: Note) -> None:
    NOTES[name] = note


def applicant_notes(applications: Sequence[Application]) -> dict[int, list[SafeString]]:
    """Each registered note's HTML under each application of the page, in the notes' order."""
    shown: dict[int, list[SafeString]] = {application.pk: [] for application in applications}
    for _name, note in sorted(NOTES.items()):
        for pk, html in note(applications).items():
            if pk in shown and html:
                shown[pk].append(SafeString(html))
    return shown


def applicant_notes_attach(applications: list[Application]) -> list[Application]:
    """The applications, each with its notes as `application.notes` for the template."""
    notes = applicant_notes(applications)
    for application in applications:
        setattr(application, "notes", notes[application.pk])  # noqa: B010
    return applications
