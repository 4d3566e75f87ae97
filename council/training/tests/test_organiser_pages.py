"""The organisers' pages: an organisation's training, a new module, its quiz and files,
publishing, credentials; outsiders 404, read-only members 403, bad input a field error."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from council.audit.models import AuditEvent
from council.training.models import ModuleAttachment, QuizQuestion, TrainingModule
from council.volunteers.models import Credential

PDF = b"%PDF-1.4\n%fake but enough for the type check\n"


def test_an_organiser_writes_a_module(
    client: Any, org: Any, org_admin: Any, credential: Any, django_assert_max_num_queries: Any
) -> None:
    client.force_login(org_admin)
    response = client.post(
        f"/training/orgs/{org.pk}/modules/new/",
        {
            "title_en": "Safeguarding",
            "body_en": "Never alone with a child.",
            "video_url": "https://video.example.org/safeguarding",
            "credential": credential.pk,
            "pass_mark": "80",
        },
    )
    module = TrainingModule.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{module.pk}/edit/")
    question = client.post(
        f"/training/modules/{module.pk}/questions/",
        {"text_en": "Alone?", "options_en": "Yes\nNo", "correct": "2"},
    )
    assert question.status_code == 302 and QuizQuestion.objects.count() == 1
    upload = SimpleUploadedFile("handout.pdf", PDF, content_type="application/pdf")
    client.post(f"/training/modules/{module.pk}/attachments/", {"title": "Handout", "file": upload})
    attachment = ModuleAttachment.objects.get()
    assert attachment.content_type == "application/pdf"
    client.post(f"/training/modules/{module.pk}/publish/")
    module.refresh_from_db()
    assert module.is_published
    page = client.get(f"/training/modules/{module.pk}/").content.decode()
    assert 'href="https://video.example.org/safeguarding"' in page and "<iframe" not in page
    download = client.get(f"/training/attachments/{attachment.pk}/")
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert {event.action for event in AuditEvent.objects.all()} >= {
        "training_module.created",
        "quiz_question.added",
        "training_attachment.added",
        "training_module.published",
    }
    with django_assert_max_num_queries(12):
        listing = client.get(f"/training/orgs/{org.pk}/").content.decode()
    assert "Safeguarding" in listing and "Published" in listing
    with django_assert_max_num_queries(8):
        assert "Safeguarding" in client.get("/training/").content.decode()


def test_malformed_input_is_a_field_error(
    client: Any, org: Any, org_admin: Any, module: Any
) -> None:
    client.force_login(org_admin)
    bad = client.post(
        f"/training/orgs/{org.pk}/modules/new/",
        {"title_en": "Video", "video_url": "javascript:alert(1)", "pass_mark": "150"},
    )
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "Enter a valid URL." in text
    assert "Ensure this value is less than or equal to 100." in text
    empty = client.post(f"/training/orgs/{org.pk}/modules/new/", {"pass_mark": "50"})
    assert "Give the module a title in at least one language." in empty.content.decode()
    uneven = client.post(
        f"/training/modules/{module.pk}/questions/",
        {"text_en": "Q", "options_en": "A\nB", "text_ru": "В", "options_ru": "А", "correct": "1"},
        follow=True,
    )
    assert "Give from 2 to 6 answers, one per line." in uneven.content.decode()
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    refused = client.post(
        f"/training/modules/{module.pk}/attachments/",
        {"title": "Fake", "file": fake},
        follow=True,
    )
    assert "Upload a PDF, PNG, JPEG, Word (.docx) or PowerPoint (.pptx) file." in (
        refused.content.decode()
    )
    assert not ModuleAttachment.objects.exists()
    nameless = client.post(f"/training/orgs/{org.pk}/credentials/new/", {"validity_months": "x"})
    assert nameless.status_code == 400 and "Enter a whole number." in nameless.content.decode()


def test_access_to_the_organisers_pages(
    client: Any, org: Any, module: Any, credential: Any, other_admin: Any, org_member: Any
) -> None:
    question = module.questions.first()
    writes = [
        f"/training/orgs/{org.pk}/modules/new/",
        f"/training/orgs/{org.pk}/credentials/new/",
        f"/training/modules/{module.pk}/edit/",
        f"/training/credentials/{credential.pk}/edit/",
    ]
    posts = [
        f"/training/modules/{module.pk}/publish/",
        f"/training/modules/{module.pk}/unpublish/",
        f"/training/questions/{question.pk}/remove/",
    ]
    client.force_login(other_admin)
    for url in writes:
        assert client.get(url).status_code == 404, url
    for url in posts:
        assert client.post(url).status_code == 404, url
    client.force_login(org_member)
    for url in writes:
        assert client.get(url).status_code == 403, url
    for url in posts:
        assert client.post(url).status_code == 403, url
    assert QuizQuestion.objects.filter(pk=question.pk).exists()


def test_the_secretariat_defines_council_wide_credentials(
    client: Any, secretariat: Any, org_admin: Any
) -> None:
    client.force_login(org_admin)
    assert client.get("/training/credentials/new/").status_code == 404
    client.force_login(secretariat)
    client.post("/training/credentials/new/", {"name_en": "Interpreting", "validity_months": "24"})
    credential = Credential.objects.get()
    assert credential.organisation_id is None and credential.validity_months == 24
    page = client.get(f"/training/credentials/{credential.pk}/").content.decode()
    assert "A credential of the whole council" in page
