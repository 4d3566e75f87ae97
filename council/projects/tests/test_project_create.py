"""Creating and editing a project through the organiser pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from council.audit.models import AuditEvent
from council.conftest import make_org
from council.projects.models import Project

pytestmark = pytest.mark.django_db


def project_data(org, **overrides):
    data = {
        "owner": str(org.pk),
        "title_ru": "Чистые берега Иртыша",
        "title_kk": "",
        "title_en": "Clean Irtysh shores",
        "description_en": "We clean the river banks every weekend.",
        "start_date": "2031-05-01",
        "end_date": "2031-09-30",
    }
    data.update(overrides)
    return data


def test_an_organiser_creates_a_draft(client, org_admin, org, reference) -> None:
    client.force_login(org_admin)
    page = client.get("/projects/new/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Astana Volunteer Centre" in text and "Reduce marine pollution" in text
    assert "14. Life below water" in text
    data = project_data(
        org,
        causes=[reference["environment"].pk],
        sdg_targets=[reference["marine"].pk, reference["literacy"].pk],
        is_flagship="on",
    )
    response = client.post("/projects/new/", data)
    assert response.status_code == 302
    project = Project.objects.get()
    assert response.url == f"/projects/{project.pk}/manage/"
    assert project.status == "draft" and project.is_flagship
    assert project.owner == org and project.created_by == org_admin
    assert project.title_en == "Clean Irtysh shores" and project.title_ru == "Чистые берега Иртыша"
    assert project.countries == ["KZ"] and not project.is_joint
    assert set(project.sdg_targets.values_list("code", flat=True)) == {"14.1", "4.6"}
    assert list(project.causes.values_list("slug", flat=True)) == ["environment"]
    event = AuditEvent.objects.get(action="project.created")
    assert event.actor == org_admin and event.organisation_id == org.pk
    assert event.target_id == str(project.pk)
    page = client.get(response.url).content.decode()
    assert "Clean Irtysh shores" in page and "Draft" in page and "Flagship project" in page
    assert "Add an opportunity" in page


def test_a_coordinator_may_create_too(client, org_coordinator, org) -> None:
    client.force_login(org_coordinator)
    assert client.post("/projects/new/", project_data(org)).status_code == 302
    assert Project.objects.get().created_by == org_coordinator


def test_partners_make_a_joint_project(client, org_admin, org, ru_partner) -> None:
    client.force_login(org_admin)
    response = client.post("/projects/new/", project_data(org, partners=[ru_partner.pk]))
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.countries == ["KZ", "RU"] and project.is_joint
    assert AuditEvent.objects.filter(
        action="project.partner_added", target_id=str(project.pk), data__partner=ru_partner.pk
    ).exists()
    page = client.get(f"/projects/{project.pk}/manage/").content.decode()
    assert "Joint project" in page and "Moscow Volunteer Centre" in page


def test_the_owner_must_be_an_organisation_i_organise_for(
    client, org_admin, org, ru_partner
) -> None:
    client.force_login(org_admin)
    response = client.post("/projects/new/", project_data(ru_partner))
    assert response.status_code == 400
    assert "owner" in response.context["form"].errors
    assert not Project.objects.exists()


def test_errors_name_the_fields(client, org_admin, org) -> None:
    pending = make_org("Pending friends", org.country, status="pending")
    client.force_login(org_admin)
    response = client.post(
        "/projects/new/",
        project_data(
            org,
            title_ru="",
            title_en="",
            start_date="2031-09-30",
            end_date="2031-05-01",
            partners=[pending.pk],
        ),
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    # The pending organisation is not even a choice; titles and dates are the service's rules.
    assert set(errors) == {"partners"}
    response = client.post(
        "/projects/new/",
        project_data(org, title_ru="", title_en="", start_date="2031-09-30", end_date="2031-05-01"),
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["title_ru"] == ["Enter the title in at least one language."]
    assert errors["end_date"] == ["The project cannot end before it starts."]
    text = response.content.decode()
    assert "The project cannot end before it starts." in text
    assert not Project.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="project.").exists()


def test_malformed_input_is_a_400_not_a_500(client, org_admin, org) -> None:
    client.force_login(org_admin)
    response = client.post(
        "/projects/new/",
        {
            "owner": "🚀",
            "title_en": "x" * 500,
            "start_date": "yesterday",
            "end_date": "2031-02-30",
            "causes": ["nope"],
            "sdg_targets": ["999999"],
            "partners": ["abc"],
            "is_flagship": "maybe",
            "cover": SimpleUploadedFile("cover.png", b"not an image", content_type="image/png"),
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {
        "owner",
        "title_en",
        "start_date",
        "end_date",
        "causes",
        "sdg_targets",
        "partners",
        "cover",
    } <= set(errors)
    assert not Project.objects.exists()


def test_an_organiser_edits_a_project(client, org_admin, org, ru_partner, reference) -> None:
    from council.projects.tests.conftest import make_project

    project = make_project(org, status="draft", description_en="Old")
    project.partners.add(ru_partner)
    client.force_login(org_admin)
    page = client.get(f"/projects/{project.pk}/edit/")
    assert page.status_code == 200 and "Clean shores" in page.content.decode()
    assert "owner" not in page.context["form"].fields
    response = client.post(
        f"/projects/{project.pk}/edit/",
        {
            "title_en": "Clean shores of the Caspian",
            "title_ru": "Чистые берега",
            "title_kk": "Таза жағалаулар",
            "description_en": "New",
            "sdg_targets": [reference["ecosystems"].pk],
        },
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title_kk == "Таза жағалаулар" and project.description_en == "New"
    assert list(project.sdg_targets.all()) == [reference["ecosystems"]]
    assert not project.partners.exists() and project.countries == ["KZ"]
    event = AuditEvent.objects.get(action="project.updated")
    assert {"title_en", "title_kk", "description_en", "sdg_targets"} <= set(event.data["fields"])
    assert AuditEvent.objects.filter(action="project.partner_removed").exists()
    Project.objects.filter(pk=project.pk).update(status="published")
    client.logout()
    page = client.get(f"/projects/{project.pk}/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "Таза жағалаулар" in page and "Clean shores of the Caspian" not in page


def test_the_owner_cannot_be_its_own_partner(client, org_admin, org) -> None:
    from council.projects.services.projects import project_partner_add
    from council.projects.tests.conftest import make_project

    project = make_project(org, status="draft")
    client.force_login(org_admin)
    response = client.post(
        f"/projects/{project.pk}/edit/", {"title_en": "Clean shores", "partners": [org.pk]}
    )
    assert response.status_code == 400 and "partners" in response.context["form"].errors
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        project_partner_add(actor=org_admin, project=project, organisation=org)
    assert error.value.message_dict == {
        "partners": ["The owner organisation cannot also be a partner."]
    }


def test_a_cover_picture_is_stored(client, org_admin, org, settings, tmp_path) -> None:
    import base64

    settings.MEDIA_ROOT = tmp_path
    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
    client.force_login(org_admin)
    data = project_data(org, cover=SimpleUploadedFile("shore.png", png, content_type="image/png"))
    assert client.post("/projects/new/", data).status_code == 302
    project = Project.objects.get()
    assert project.cover.name.startswith("covers/") and project.cover.name.endswith("shore.png")


def test_partners_must_be_verified(org_admin, org) -> None:
    from django.core.exceptions import ValidationError

    from council.projects.services.projects import project_partner_add
    from council.projects.tests.conftest import make_project

    project = make_project(org, status="draft")
    pending = make_org("Pending friends", org.country, status="pending")
    with pytest.raises(ValidationError) as error:
        project_partner_add(actor=org_admin, project=project, organisation=pending)
    assert error.value.message_dict == {
        "partners": ["Pending friends is not a verified organisation."]
    }
    assert not project.partners.exists()


def test_a_cover_must_be_a_picture_a_page_shows(client, org_admin, org, settings, tmp_path) -> None:
    """Pillow opens BMP, TIFF and ICO too; a cover is JPEG, PNG or WebP only."""
    import io

    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    bmp = io.BytesIO()
    Image.new("RGB", (2, 2)).save(bmp, "BMP")
    client.force_login(org_admin)
    data = project_data(
        org, cover=SimpleUploadedFile("shore.bmp", bmp.getvalue(), content_type="image/bmp")
    )
    response = client.post("/projects/new/", data)
    assert response.status_code == 400
    assert "Upload a picture in one of these formats: JPEG, PNG, WebP." in response.content.decode()
    assert not Project.objects.exists()
