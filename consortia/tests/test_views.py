from __future__ import annotations

import pytest
from django.contrib.messages import get_messages

from consortia.models import Consortium
from consortia.tests.factories import ConsortiumFactory
from core.testing import signed_in
from members.models import Enterprise, Sector

pytestmark = pytest.mark.django_db
S = Consortium.Status


def page(consortium, rest=""):
    return f"/consortia/{consortium.pk}/{rest}"


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_list_shows_only_visible_consortia(client, candidate, olga):
    ConsortiumFactory(name="Peruvian ceramics", country="PE")
    response = signed_in(client, olga).get("/consortia/")
    assert b"Delicia Test" in response.content
    assert b"Peruvian ceramics" not in response.content


def test_list_filters_and_searches(client, cora):
    ConsortiumFactory(name="Cacao Talamanca", status=S.ACTIVE)
    ConsortiumFactory(name="Café Tarrazú", status=S.SUBMITTED)
    client = signed_in(client, cora)
    response = client.get("/consortia/?status=active")
    assert b"Cacao Talamanca" in response.content
    assert "Café Tarrazú" not in response.content.decode()
    response = client.get("/consortia/?q=tarra")
    assert "Café Tarrazú" in response.content.decode()
    assert b"Cacao Talamanca" not in response.content


def test_htmx_filter_returns_only_the_table(client, cora):
    ConsortiumFactory(name="Cacao Talamanca")
    response = signed_in(client, cora).get("/consortia/?q=cacao", HTTP_HX_REQUEST="true")
    assert b"Cacao Talamanca" in response.content
    assert b"<nav" not in response.content


def test_unknown_filter_value_shows_a_field_error_not_a_500(client, cora):
    response = signed_in(client, cora).get("/consortia/?country=ZZ")
    assert response.status_code == 200
    assert b"Select a valid choice" in response.content


def country_select(response) -> str:
    return response.content.decode().split('name="country"')[1].split("</select>")[0]


def test_the_country_filter_offers_the_countries_of_the_consortia_in_sight_and_accepts_any_other(client, cora, ada):
    ConsortiumFactory(name="Cacao Talamanca", country="CR")
    ConsortiumFactory(name="Casabe Monción", country="DO")
    select = country_select(signed_in(client, ada).get("/consortia/"))
    assert '<option value="CR">Costa Rica</option>' in select
    assert "Dominican Republic" in select
    assert "Japan" not in select
    assert select.count("<option") == 3
    select = country_select(signed_in(client, cora).get("/consortia/"))  # Cora coordinates Costa Rica only
    assert "Costa Rica" in select
    assert "Dominican Republic" not in select

    response = client.get("/consortia/?country=JP")  # a real country with nothing in it: no rows, no error
    assert '<option value="JP" selected>Japan</option>' in country_select(response)
    assert b"Cacao Talamanca" not in response.content
    assert b"Select a valid choice" not in response.content

    ada.preferred_language = "es"
    ada.save(update_fields=["preferred_language"])
    assert "República Dominicana" in country_select(signed_in(client, ada).get("/consortia/"))


def test_anonymous_is_sent_to_sign_in(client, candidate):
    response = client.get(page(candidate))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", ["olga", "fiona", "mia", "cora", "ada"])
def test_people_involved_see_the_consortium_page(client, candidate, who, request):
    response = signed_in(client, request.getfixturevalue(who)).get(page(candidate))
    assert response.status_code == 200
    assert b"Delicia Test" in response.content


@pytest.mark.parametrize("who", ["charlie", "pablo", "pierre"])
def test_others_get_404_on_every_page(client, candidate, who, request):
    client = signed_in(client, request.getfixturevalue(who))
    for path in ["", "edit/", "members/add/", "submit/", "approve/"]:
        assert client.get(page(candidate, path)).status_code == 404, path


def test_page_offers_only_the_viewers_actions(client, candidate, olga, cora, mia):
    assert b'data-action="submit"' in signed_in(client, olga).get(page(candidate)).content
    assert b"data-action=" not in signed_in(client, mia).get(page(candidate)).content
    assert b"data-action=" not in signed_in(client, cora).get(page(candidate)).content


def test_member_representative_is_refused_the_submit_page(client, candidate, mia):
    assert signed_in(client, mia).get(page(candidate, "submit/")).status_code == 403
    assert signed_in(client, mia).post(page(candidate, "submit/")).status_code == 403


def test_official_submits_through_the_page(client, candidate, olga):
    response = signed_in(client, olga).post(page(candidate, "submit/"), {"comment": ""})
    assert response.status_code == 302
    assert Consortium.objects.get(pk=candidate.pk).status == S.SUBMITTED


def test_submitting_an_incomplete_draft_lists_what_is_missing(client, olga, meic):
    consortium = ConsortiumFactory(created_by=olga, sponsor=meic, members=1)
    response = signed_in(client, olga).post(page(consortium, "submit/"), follow=True)
    assert "Add at least 3 member enterprises (it has 1)." in response.content.decode()
    assert Consortium.objects.get(pk=consortium.pk).status == S.DRAFT


def test_coordinator_returns_with_comment_and_official_sees_it(client, candidate, olga, cora):
    Consortium.objects.filter(pk=candidate.pk).update(status=S.SUBMITTED)
    response = signed_in(client, cora).post(page(candidate, "return/"), {"comment": "Name the target markets"})
    assert response.status_code == 302
    response = signed_in(client, olga).get(page(candidate))
    assert b"Name the target markets" in response.content
    assert b'id="returned-comment"' in response.content


def test_return_without_comment_keeps_the_form_with_the_error(client, candidate, cora):
    Consortium.objects.filter(pk=candidate.pk).update(status=S.SUBMITTED)
    response = signed_in(client, cora).post(page(candidate, "return/"), {"comment": ""})
    assert response.status_code == 200
    assert b"This field is required" in response.content
    assert Consortium.objects.get(pk=candidate.pk).status == S.SUBMITTED


def test_second_coordinator_is_told_it_was_already_decided(client, candidate, cora, ada):
    Consortium.objects.filter(pk=candidate.pk).update(status=S.SUBMITTED)
    signed_in(client, cora).post(page(candidate, "approve/"))
    response = signed_in(client, ada).post(page(candidate, "reject/"), {"comment": "No"})
    assert response.status_code == 302
    assert any("already active" in m for m in messages_of(response))
    assert Consortium.objects.get(pk=candidate.pk).status == S.ACTIVE


def test_coordinator_out_of_scope_cannot_see_the_review_page(client, candidate, pierre):
    Consortium.objects.filter(pk=candidate.pk).update(status=S.SUBMITTED)
    assert signed_in(client, pierre).post(page(candidate, "approve/")).status_code == 404


def test_unknown_action_is_404(client, candidate, olga):
    assert signed_in(client, olga).get(page(candidate, "explode/")).status_code == 404


def test_review_queue_lists_submitted_candidates_in_scope(client, candidate, cora, pierre, charlie):
    Consortium.objects.filter(pk=candidate.pk).update(status=S.SUBMITTED)
    ConsortiumFactory(name="Draft elsewhere")
    assert b"Delicia Test" in signed_in(client, cora).get("/consortia/review/").content
    assert b"Draft elsewhere" not in signed_in(client, cora).get("/consortia/review/").content
    assert b"Delicia Test" not in signed_in(client, pierre).get("/consortia/review/").content
    assert signed_in(client, charlie).get("/consortia/review/").status_code == 403


def test_official_registers_a_candidate_through_the_form(client, olga, meic):
    sector = Sector.objects.get(code="food-beverages")
    response = signed_in(client, olga).post(
        "/consortia/new/",
        {
            "name": "Cacao Caribe",
            "kind": "export",
            "function": "promotional",
            "country": "CR",
            "products": "Cacao",
            "sectors": [sector.pk],
            "sponsor": meic.pk,
        },
    )
    consortium = Consortium.objects.get(name="Cacao Caribe")
    assert response.status_code == 302
    assert response["Location"] == page(consortium)
    assert consortium.status == S.DRAFT
    assert consortium.created_by == olga


def test_form_names_the_bad_field_and_saves_nothing(client, olga):
    response = signed_in(client, olga).post("/consortia/new/", {"name": "", "country": "ZZ", "kind": "export"})
    assert response.status_code == 200
    assert b"This field is required" in response.content
    assert b"Select a valid choice" in response.content
    assert not Consortium.objects.exists()


def test_charlie_cannot_open_the_registration_form(client, charlie):
    assert signed_in(client, charlie).get("/consortia/new/").status_code == 403


def test_editing_a_submitted_candidate_is_refused_with_a_message(client, candidate, olga):
    Consortium.objects.filter(pk=candidate.pk).update(status=S.SUBMITTED)
    response = signed_in(client, olga).post(page(candidate, "edit/"), {"name": "Renamed"})
    assert response.status_code == 302
    assert any("cannot be edited" in m for m in messages_of(response))
    assert Consortium.objects.get(pk=candidate.pk).name == "Delicia Test"


def test_member_representative_cannot_edit(client, candidate, mia):
    assert signed_in(client, mia).get(page(candidate, "edit/")).status_code == 403


def test_official_adds_and_removes_a_member(client, candidate, olga):
    newcomer = Enterprise.objects.create(name="Café Dota", country="CR", sector=Sector.objects.first())
    client = signed_in(client, olga)
    response = client.post(page(candidate, "members/add/"), {"enterprise": newcomer.pk, "role": "member"})
    assert response.status_code == 302
    membership = candidate.memberships.get(enterprise=newcomer)
    client.post(page(candidate, f"members/{membership.pk}/end/"))
    membership.refresh_from_db()
    assert membership.left is not None


def test_adding_a_member_of_another_country_is_not_offered(client, candidate, olga):
    foreign = Enterprise.objects.create(name="Cerámica Vicús", country="PE", sector=Sector.objects.first())
    response = signed_in(client, olga).post(
        page(candidate, "members/add/"), {"enterprise": foreign.pk, "role": "member"}
    )
    assert response.status_code == 200
    assert b"Select a valid choice" in response.content


LIST_WORDS = {  # the status badges and the waiting line, as each reader reads them
    "en": ("Submitted for review", "waiting 3 days", "Active", "Export consortium"),
    "es": ("Enviado a revisión", "esperando hace 3 días", "Activo", None),
    "fr": ("Soumis pour examen", "en attente depuis 3 jours", "Actif", "Consortium d'exportation"),
    "pt": ("Enviado para revisão", "aguardando há 3 dias", "Ativo", "Consórcio de exportação"),
}


@pytest.mark.parametrize("language", list(LIST_WORDS))
def test_the_list_rows_say_status_progress_and_waiting_in_the_readers_language(client, candidate, olga, cora, language):
    import datetime

    from django.utils import timezone
    from django.utils.html import escape

    from consortia import services
    from consortia.models import Transition

    services.consortium_submit(consortium=candidate, by=olga)
    Transition.objects.filter(consortium=candidate).update(at=timezone.now() - datetime.timedelta(days=3, hours=1))
    cora.preferred_language = language
    cora.save(update_fields=["preferred_language"])
    submitted, waiting, active, kind = LIST_WORDS[language]
    client = signed_in(client, cora)
    queue = client.get("/consortia/review/").content.decode()
    row = queue[queue.index("Delicia Test") :][:1500]
    assert escape(submitted) in row
    assert waiting in row
    assert f'href="/consortia/{candidate.pk}/"' in queue
    services.consortium_approve(consortium=Consortium.objects.get(pk=candidate.pk), by=cora)
    listed = client.get("/consortia/").content.decode()
    row = listed[listed.index("Delicia Test") :][:2500]
    assert escape(active) in row
    if kind and candidate.kind == Consortium.Kind.EXPORT:
        assert escape(kind) in row
    assert 'role="progressbar"' in row
    assert 'aria-valuenow="0"' in row  # approved today: nothing done yet
    assert "Costa Rica" in row
