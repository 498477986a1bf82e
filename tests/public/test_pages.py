"""The public pages: what a citizen reads on the home, zone, plan and priority pages, and the language switch."""

import re

from django.conf import settings
from django.urls import reverse

from plans.models import Plan
from tests import factories as f
from tests.public.documents import make_document


def _html(client, url, language="en"):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, url
    return response.content.decode()


def test_home_explains_the_plans_and_lists_zones(client, world):
    html = _html(client, reverse("home"))
    assert "zonal security plan" in html
    assert 'action="/zoeken/"' in html and 'role="search"' in html
    assert reverse("public:zone", args=[world.zone.slug]) in html
    assert reverse("public:plan", args=[world.plan.pk]) in html


def test_zone_page_shows_profile_plans_and_annual_reports_newest_first(client, world):
    addendum = f.PlanFactory(
        zone=world.zone, title="Addendum Alfa", kind=Plan.Kind.ADDENDUM, extends=world.plan, published=True,
        period_start=2026, period_end=2027,
    )  # fmt: skip
    older = f.PlanFactory(zone=world.zone, title="ZVP Alfa 2014", period_start=2014, period_end=2019, archived=True)
    make_document(world.plan, kind="annual_report", year=2023, size=3_100_000)
    response = client.get(reverse("public:zone", args=[world.zone.slug]), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.context["current"] == world.plan
    assert response.context["extensions"] == [addendum]
    assert response.context["earlier"] == [older]
    assert "Aalst" in html and "Baardegem" in html
    assert "2014–2019" in html and "2026–2027" in html
    years = [document.year for document in response.context["annual_reports"]]
    assert years == [2023, 2021]
    assert "PDF, 3.0\xa0MB" in html  # 3,100,000 bytes; Django counts 1024 × 1024 bytes to the MB
    assert reverse("public:zone-feed", args=[world.zone.slug]) in html


def test_download_sizes_are_written_the_local_way(client, world):
    html = _html(client, reverse("public:plan", args=[world.plan.pk]), language="nl")
    assert "PDF, 3,1\xa0MB" in html  # 3,250,000 bytes


def test_plan_page_reads_as_html_with_priorities_by_domain_and_theme(client, world):
    response = client.get(reverse("public:plan", args=[world.plan.pk]), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert world.full.chapter.title in html
    assert "fietsdiefstallen" in html  # foreword
    groups = response.context["priority_groups"]
    assert groups[0]["domain"] == world.full.domain
    assert groups[0]["themes"] == [("Overlast › Bedelarij", [world.priority])]
    assert reverse("public:priority", args=[world.plan.pk, world.priority.pk]) in html
    assert re.search(r'<article class="[^"]*plan-content" lang="nl">', html)
    assert '<html lang="en">' in html
    assert reverse("documents:download", args=[world.public_document.pk, world.public_document.file_name()]) in html


def test_plan_content_carries_the_plans_own_language(client, world):
    world.plan.language = "fr"
    world.plan.save()
    html = _html(client, reverse("public:plan", args=[world.plan.pk]), language="nl")
    assert '<html lang="nl">' in html
    assert 'plan-content" lang="fr"' in html


def test_priority_page_shows_indicators_as_chart_and_table(client, world):
    html = _html(client, reverse("public:priority", args=[world.plan.pk, world.priority.pk]))
    assert "<svg" in html and 'role="img"' in html
    assert "<caption>" in html and '<th scope="col">' in html and '<th scope="row">2021</th>' in html
    assert "Letselongevallen" in html
    assert "Fietsdiefstallen nemen toe" in html


def test_sample_data_is_labelled(client, world):
    world.indicator.is_sample = True
    world.indicator.save()
    html = _html(client, reverse("public:priority", args=[world.plan.pk, world.priority.pk]))
    assert "sample-badge" in html


def test_unknown_zone_and_plan_are_not_found(client, db):
    assert client.get(reverse("public:zone", args=["nergens"])).status_code == 404
    assert client.get(reverse("public:plan", args=[999999])).status_code == 404


def test_language_switch_sets_the_cookie_and_returns(client, world):
    url = reverse("public:plan", args=[world.plan.pk])
    response = client.get(reverse("public:language"), {"language": "fr", "next": url})
    assert response.status_code == 302
    assert response["Location"] == url
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    assert '<html lang="fr">' in client.get(url).content.decode()


def test_language_switch_refuses_foreign_redirects_and_unknown_languages(client, db):
    response = client.get(reverse("public:language"), {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == reverse("home")
    assert client.get(reverse("public:language"), {"language": "xx"}).status_code == 404


def test_public_pages_have_no_csrf_token(client, world):
    """The cached pages are the same for every anonymous visitor."""
    for url in (reverse("home"), reverse("public:plan", args=[world.plan.pk])):
        html = _html(client, url)
        assert "csrfmiddlewaretoken" not in html and "X-CSRFToken" not in html


def test_query_counts_do_not_grow_with_the_plan(client, world, django_assert_max_num_queries):
    """The plan and priority pages cost a fixed number of queries, however many priorities and indicators."""
    client.force_login(world.full.users.advisor)  # signed in: never served from the cache
    plan_url = reverse("public:plan", args=[world.plan.pk])
    priority_url = reverse("public:priority", args=[world.plan.pk, world.priority.pk])
    with django_assert_max_num_queries(16):
        client.get(plan_url)
    with django_assert_max_num_queries(16):
        client.get(priority_url)
    for number in range(20, 40):
        f.PriorityFactory(plan=world.plan, number=number, domain=world.full.domain, theme=world.full.theme)
        f.IndicatorFactory(plan=world.plan, priority=world.priority)
    with django_assert_max_num_queries(16):
        client.get(plan_url)
    with django_assert_max_num_queries(16):
        client.get(priority_url)
