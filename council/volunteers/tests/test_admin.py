import pytest
from django.test import Client

from council.volunteers.models import LanguageSkill
from council.volunteers.tests.conftest import make_profile, years_ago

pytestmark = pytest.mark.django_db


def test_it_lists_searches_and_shows_a_profile(admin_client: Client, volunteer, reference) -> None:
    profile = make_profile(volunteer, date_of_birth=years_ago(20), bio_kk="Тау")
    LanguageSkill.objects.create(profile=profile, language_id="kk", level="native")
    listing = admin_client.get("/admin/volunteers/volunteerprofile/", {"q": "volunteer@"})
    assert listing.status_code == 200 and "Aliya" in listing.content.decode()
    page = admin_client.get(f"/admin/volunteers/volunteerprofile/{volunteer.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="bio_kk"' in html and 'name="languages-0-level"' in html
