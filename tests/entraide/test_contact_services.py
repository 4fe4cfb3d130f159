import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail

from entraide.errors import Conflict, DomainError, NotAllowed
from entraide.models import ContactCircle, ContactMessage, ContactWish
from entraide.permissions import NOT_YOUR_WISH
from entraide.services.contact import contact_message_send, contact_wish_register, contact_wish_withdraw
from tests.factories import UserFactory, region, theme


def register(user, theme_code="huntington", region_code="vd", capture=None):
    if capture is None:
        return contact_wish_register(actor=user, theme=theme(theme_code), region=region(region_code))
    with capture(execute=True):
        return contact_wish_register(actor=user, theme=theme(theme_code), region=region(region_code))


def test_a_first_wish_waits_quietly(db, django_capture_on_commit_callbacks):
    wish = register(UserFactory(), capture=django_capture_on_commit_callbacks)
    assert wish.circle is None
    assert mail.outbox == []


def test_a_second_member_with_the_same_wish_opens_a_circle_and_both_are_told(db, django_capture_on_commit_callbacks):
    first, second = UserFactory(), UserFactory()
    register(first, capture=django_capture_on_commit_callbacks)
    wish = register(second, capture=django_capture_on_commit_callbacks)
    circle = ContactCircle.objects.get()
    assert wish.circle == circle
    assert set(circle.wishes.values_list("user", flat=True)) == {first.pk, second.pk}
    assert sorted(message.to[0] for message in mail.outbox) == sorted([first.email, second.email])
    for message in mail.outbox:
        assert len(message.to) == 1 and not message.cc and not message.bcc
        other = second if message.to == [first.email] else first
        assert other.email not in message.body and other.email not in message.subject
        assert f"/contact/circles/{circle.pk}/" in message.body
        assert "Maladie de Huntington" in message.subject
    newcomer_mail = next(message for message in mail.outbox if message.to == [second.email])
    assert "cherche déjà la même chose" in newcomer_mail.body


def test_the_mail_uses_the_configured_site_address(db, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://entraide.example"
    register(UserFactory(), capture=django_capture_on_commit_callbacks)
    register(UserFactory(), capture=django_capture_on_commit_callbacks)
    assert "https://entraide.example/contact/circles/" in mail.outbox[0].body


def test_the_mail_speaks_the_member_s_language(db, django_capture_on_commit_callbacks):
    register(UserFactory(preferred_language="de"), capture=django_capture_on_commit_callbacks)
    register(UserFactory(), capture=django_capture_on_commit_callbacks)
    german_member = ContactWish.objects.get(user__preferred_language="de").user
    german = next(message for message in mail.outbox if message.to == [german_member.email])
    assert "Chorea Huntington" in german.subject


def test_a_third_member_joins_the_same_circle_and_everyone_is_told(db, django_capture_on_commit_callbacks):
    members = [UserFactory() for _ in range(3)]
    for member in members:
        register(member, capture=django_capture_on_commit_callbacks)
    assert ContactCircle.objects.count() == 1
    assert ContactWish.objects.filter(circle__isnull=False).count() == 3
    assert len(mail.outbox) == 2 + 3


def test_another_region_or_theme_does_not_meet(db, django_capture_on_commit_callbacks):
    register(UserFactory(), capture=django_capture_on_commit_callbacks)
    register(UserFactory(), region_code="ge", capture=django_capture_on_commit_callbacks)
    register(UserFactory(), theme_code="als", capture=django_capture_on_commit_callbacks)
    assert ContactCircle.objects.count() == 0
    assert mail.outbox == []


def test_registering_the_same_wish_twice_is_a_conflict(db):
    member = UserFactory()
    register(member)
    with pytest.raises(Conflict) as error:
        register(member)
    assert error.value.status == 409
    assert ContactWish.objects.count() == 1


def test_an_anonymous_visitor_cannot_register(db):
    with pytest.raises(NotAllowed):
        register(AnonymousUser())


def test_a_member_withdraws_their_own_wish_but_not_another_s(db):
    owner, other = UserFactory(), UserFactory()
    wish = register(owner)
    with pytest.raises(NotAllowed) as refused:
        contact_wish_withdraw(actor=other, wish=wish)
    assert refused.value.message == NOT_YOUR_WISH
    assert ContactWish.objects.filter(pk=wish.pk).exists()
    contact_wish_withdraw(actor=owner, wish=wish)
    assert not ContactWish.objects.filter(pk=wish.pk).exists()


@pytest.fixture
def circle_of_two(db):
    first, second = UserFactory(), UserFactory()
    register(first)
    wish = register(second)
    return wish.circle, first, second


def test_participants_write_in_their_circle_and_the_text_is_made_safe(circle_of_two):
    circle, first, _second = circle_of_two
    message = contact_message_send(actor=first, circle=circle, body="  Bonjour **vous** <script>alert(1)</script>  ")
    assert message.body == "Bonjour **vous** <script>alert(1)</script>"
    assert "<strong>vous</strong>" in message.body_html
    assert "<script>" not in message.body_html


def test_someone_outside_the_circle_cannot_write_in_it(circle_of_two):
    circle, _first, _second = circle_of_two
    with pytest.raises(NotAllowed):
        contact_message_send(actor=UserFactory(), circle=circle, body="Bonjour")
    assert ContactMessage.objects.count() == 0


def test_a_member_who_withdrew_can_no_longer_write(circle_of_two):
    circle, first, _second = circle_of_two
    contact_wish_withdraw(actor=first, wish=ContactWish.objects.get(user=first))
    with pytest.raises(NotAllowed):
        contact_message_send(actor=first, circle=circle, body="Bonjour")


@pytest.mark.parametrize("body", ["", "   \n ", "x" * 5001])
def test_an_empty_or_overlong_message_is_refused_and_nothing_is_stored(circle_of_two, body):
    circle, first, _second = circle_of_two
    with pytest.raises(DomainError) as error:
        contact_message_send(actor=first, circle=circle, body=body)
    assert error.value.status == 400
    assert ContactMessage.objects.count() == 0


def test_a_message_of_exactly_five_thousand_characters_is_accepted(circle_of_two):
    circle, first, _second = circle_of_two
    assert len(contact_message_send(actor=first, circle=circle, body="x" * 5000).body) == 5000
