"""The password reset sends a bounded number of e-mails: per IP address and per e-mail address."""

import pytest
from django.core import mail
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    settings.PASSWORD_RESET_LIMIT_PER_IP = 5
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 2


def _ask(client, email, ip="10.0.0.1"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=ip)


def test_one_address_gets_a_bounded_number_of_links(client, limits):
    f.UserFactory(email="jan@example.be")
    answers = [_ask(client, "jan@example.be", ip=f"10.0.0.{n}") for n in range(6)]
    assert [a.status_code for a in answers[:2]] == [302, 302]
    assert all(a.status_code == 429 for a in answers[2:])
    assert len(mail.outbox) == 2
    assert "Too many requests" in answers[-1].content.decode() or "Te veel" in answers[-1].content.decode()


def test_one_ip_address_gets_a_bounded_number_of_requests(client, limits):
    for n in range(8):
        f.UserFactory(email=f"user{n}@example.be")
    answers = [_ask(client, f"user{n}@example.be") for n in range(8)]
    assert [a.status_code for a in answers].count(302) == 5
    assert answers[-1].status_code == 429
    assert len(mail.outbox) == 5
    assert _ask(client, "user7@example.be", ip="10.9.9.9").status_code == 302, "another address is not held back"


def test_the_limit_says_why_in_dutch(client, limits):
    for _ in range(3):
        answer = _ask(client, "nobody@example.be")
    assert answer.status_code == 429
    assert "Te veel aanvragen" in answer.content.decode()


def test_unknown_addresses_count_alike(client, limits):
    """The limit reveals nothing about which addresses have an account."""
    known = f.UserFactory(email="known@example.be")
    statuses_known = [_ask(client, known.email, ip=f"10.1.0.{n}").status_code for n in range(3)]
    statuses_unknown = [_ask(client, "unknown@example.be", ip=f"10.2.0.{n}").status_code for n in range(3)]
    assert statuses_known == statuses_unknown == [302, 302, 429]
