import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError

from entraide.errors import DomainError, NotAllowed
from entraide.models import ContactMessage, JoinPolicy, JoinRequest, JoinRequestStatus, Membership, User
from entraide.permissions import ONLY_YOURSELF
from entraide.services.accounts import account_delete, profile_update, pseudonym_problem
from entraide.services.contact import contact_message_send, contact_wish_register
from entraide.services.groups import join_request_create
from tests.factories import PASSWORD, UserFactory, join, make_group, region, theme

# Pseudonyms


def test_a_free_pseudonym_has_no_problem(db):
    assert pseudonym_problem("Lumière du matin") is None


@pytest.mark.parametrize(
    "pseudonym, message",
    [
        ("", "Choisissez un pseudonyme."),
        ("   ", "Choisissez un pseudonyme."),
        ("Z", "Le pseudonyme compte de 2 à 40 caractères."),
        ("z" * 41, "Le pseudonyme compte de 2 à 40 caractères."),
        ("Zo\u202ee", "Le pseudonyme contient des caractères invisibles."),
        ("Zo\u200be", "Le pseudonyme contient des caractères invisibles."),
        ("-- !!", "Le pseudonyme doit contenir au moins une lettre ou un chiffre."),
        ("Ancien membre", "Ce pseudonyme est réservé. Choisissez-en un autre."),
        ("ANCIEN  MEMBRE", "Ce pseudonyme est réservé. Choisissez-en un autre."),
        ("Former member", "Ce pseudonyme est réservé. Choisissez-en un autre."),
        ("former-abc", "Ce pseudonyme est réservé. Choisissez-en un autre."),
    ],
)
def test_an_unusable_pseudonym_is_explained(db, pseudonym, message):
    assert pseudonym_problem(pseudonym) == message


@pytest.mark.parametrize("taken, wanted", [("Léa", "LÉA"), ("Léa", "léa"), ("Marc", "mArC")])
def test_a_taken_pseudonym_is_refused_whatever_its_case(db, taken, wanted):
    UserFactory(pseudonym=taken)

    assert pseudonym_problem(wanted) == "Ce pseudonyme est déjà pris."


def test_a_member_may_keep_their_own_pseudonym_in_another_case(member):
    assert pseudonym_problem(member.pseudonym.upper(), member=member) is None


# Profile


def test_a_member_updates_pseudonym_and_language(member):
    profile_update(actor=member, member=member, pseudonym="  Lumière ", preferred_language="it")

    member.refresh_from_db()
    assert (member.pseudonym, member.preferred_language) == ("Lumière", "it")


def test_an_unknown_language_is_refused_and_nothing_is_changed(member):
    before = member.pseudonym

    with pytest.raises(DomainError, match="Langue inconnue"):
        profile_update(actor=member, member=member, pseudonym="Nouveau", preferred_language="xx")

    assert member.pseudonym == before
    member.refresh_from_db()
    assert (member.pseudonym, member.preferred_language) == (before, "fr")


def test_a_member_chooses_their_time_zone(member):
    assert member.time_zone == "Europe/Zurich"

    profile_update(actor=member, member=member, time_zone="America/Montreal")

    member.refresh_from_db()
    assert member.time_zone == "America/Montreal"


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "europe/zurich", "", "../../etc/passwd", "x" * 200])
def test_a_time_zone_zoneinfo_does_not_know_is_refused_and_nothing_is_changed(member, zone):
    with pytest.raises(DomainError, match="n'est pas un fuseau horaire connu"):
        profile_update(actor=member, member=member, pseudonym="Nouveau", time_zone=zone)

    member.refresh_from_db()
    assert member.time_zone == "Europe/Zurich" and member.pseudonym != "Nouveau"


def test_the_model_refuses_an_unknown_time_zone_on_validation(member):
    member.time_zone = "Atlantis/Capital"

    with pytest.raises(ValidationError) as refused:
        member.full_clean()

    assert "time_zone" in refused.value.message_dict


def test_a_taken_pseudonym_is_refused_on_update(member):
    UserFactory(pseudonym="Léa")

    with pytest.raises(DomainError, match="déjà pris"):
        profile_update(actor=member, member=member, pseudonym="LÉA")


def test_nobody_edits_another_members_profile(member):
    other = UserFactory()

    with pytest.raises(NotAllowed) as refused:
        profile_update(actor=other, member=member, preferred_language="de")

    assert refused.value.status == 403 and refused.value.message == ONLY_YOURSELF
    member.refresh_from_db()
    assert member.preferred_language == "fr"


# Deletion


def contact_circle_with_a_message(author, *, body="Bonjour à vous deux."):
    other = UserFactory()
    contact_wish_register(actor=other, theme=theme(), region=region())
    wish = contact_wish_register(actor=author, theme=theme(), region=region())
    return contact_message_send(actor=author, circle=wish.circle, body=body), other


def test_deleting_an_account_keeps_what_they_wrote_under_former_member(member):
    message, other = contact_circle_with_a_message(member)

    account_delete(actor=member, member=member)

    message = ContactMessage.objects.select_related("author").get(pk=message.pk)
    assert message.body == "Bonjour à vous deux."
    assert message.author.display_name == "ancien membre"
    assert not member.contact_wishes.exists()
    assert other.contact_wishes.get().circle_id == message.circle_id


def test_deleting_an_account_removes_memberships_and_counts_them_down(member):
    first, second = make_group(UserFactory(), name="Premier"), make_group(UserFactory(), name="Second")
    join(first, member)
    join(second, member)

    account_delete(actor=member, member=member)

    assert not Membership.objects.filter(user=member).exists()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.member_count, second.member_count) == (1, 1)


def test_deleting_an_account_withdraws_pending_join_requests(member):
    group = make_group(UserFactory(), join_policy=JoinPolicy.REQUEST)
    join_request_create(actor=member, group=group, charter_version_accepted=group.charter_version)

    account_delete(actor=member, member=member)

    assert JoinRequest.objects.get(user=member).status == JoinRequestStatus.WITHDRAWN


def test_deleting_an_account_forgets_every_way_to_recognise_or_reach_the_member(member):
    Authenticator.objects.create(user=member, type=Authenticator.Type.TOTP, data={"secret": "x"})
    email, pseudonym = member.email, member.pseudonym

    account_delete(actor=member, member=member)

    member.refresh_from_db()
    assert member.is_deleted and not member.is_active
    assert email not in member.email and pseudonym not in member.pseudonym
    assert not member.has_usable_password() and not member.check_password(PASSWORD)
    assert not EmailAddress.objects.filter(user=member).exists()
    assert not Authenticator.objects.filter(user=member).exists()
    assert not User.objects.filter(email__iexact=email).exists()
    assert pseudonym_problem(pseudonym) is None


def test_nobody_deletes_another_members_account(member):
    other = UserFactory()

    with pytest.raises(NotAllowed):
        account_delete(actor=other, member=member)

    member.refresh_from_db()
    assert not member.is_deleted
