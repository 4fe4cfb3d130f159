"""Every change to groups and memberships."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import permissions, registry
from ..errors import Conflict, DomainError
from ..models import (
    Group,
    GroupLanguage,
    JoinPolicy,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    PastMembership,
    Visibility,
)
from ..models.groups import GroupLanguageCode
from ..selectors.directory_counts import forget_unfiltered_counts
from ..standing import read_standing
from ..text import fold, render_markdown

EDITABLE_FIELDS = (
    "name", "description", "kind", "audience", "format", "region", "rhythm",
    "rhythm_note", "visibility", "join_policy",
)


def default_charter(language: str | None = None) -> str:
    """The group agreements of seed 004, as a starting point: in `language`, or in the
    language of the request when none is given."""
    with translation.override(language or translation.get_language()):
        return "\n".join(
            [
                "- " + _("Confidentialité : ce qui se dit dans le groupe reste dans le groupe."),
                "- " + _("On parle au « je », de sa propre expérience."),
                "- " + _("Pas de jugement ni de conseil non demandé."),
                "- " + _("La participation est libre : chacun·e vient, parle ou se tait comme il ou elle le souhaite."),
                "- " + _("Respect mutuel : personne n'a d'autorité sur les autres, le groupe appartient à ses membres."),
            ]
        )


def is_default_charter(text: str) -> bool:
    """Whether `text` is the default charter, untouched, in any of the platform's languages
    (as a text area sends it back, with CR LF line ends)."""
    text = (text or "").replace("\r\n", "\n").strip()
    return any(text == default_charter(code) for code in GroupLanguageCode.values)


@transaction.atomic
def charter_default_translate(*, group: Group, language: str) -> bool:
    """Put the default charter in `language`, one of the group's, in place of the default
    charter in another language. Nobody decides this: the agreements stay the same ones,
    only their language changes, so the version members accepted stands. False when the
    group has a charter of its own or already has the default in that language."""
    group = Group.objects.select_for_update().get(pk=group.pk)
    charter = default_charter(language)
    if group.charter == charter or not is_default_charter(group.charter):
        return False
    Group.objects.filter(pk=group.pk).update(charter=charter, charter_html=render_markdown(charter))
    return True


def build_search_text(group: Group, themes) -> str:
    parts = [group.name, group.description]
    for theme in themes:
        parts.extend(theme.all_names())
    return fold(" ".join(parts))


def refresh_search_text(groups) -> None:
    """Rebuild the folded search text of the given groups (after a theme is renamed)."""
    for group in groups.prefetch_related("themes"):
        Group.objects.filter(pk=group.pk).update(search_text=build_search_text(group, group.themes.all()))


NAME_NEEDED = gettext_lazy("Le groupe a besoin d'un nom.")
THEMES_NEEDED = gettext_lazy("Choisissez au moins un thème.")
LANGUAGES_NEEDED = gettext_lazy("Choisissez au moins une langue.")
CHARTER_TO_ACCEPT = gettext_lazy("Lisez et acceptez la charte du groupe pour le rejoindre.")


def _slug_taken(slug: str) -> Conflict:
    return Conflict(_("L'adresse « %(slug)s » est déjà prise par un autre groupe.") % {"slug": slug})


def _require(value, message) -> None:
    """A group always has a name, a theme and a language: an empty one is refused."""
    if not value:
        raise DomainError(message)


def _unique_slug(wanted: str, name: str, *, exclude_pk=None) -> str:
    slug = slugify(wanted or name)[:80].strip("-")
    if not slug:
        raise DomainError(_("Choisissez une adresse faite de lettres, de chiffres ou de tirets."))
    clash = Group.objects.filter(slug=slug)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise _slug_taken(slug)
    return slug


def _set_languages(group: Group, languages) -> None:
    group.language_rows.exclude(code__in=languages).delete()
    existing = set(group.language_rows.values_list("code", flat=True))
    GroupLanguage.objects.bulk_create(
        [GroupLanguage(group=group, code=code) for code in languages if code not in existing]
    )


@transaction.atomic
def group_create(*, actor, name, slug="", description, themes, languages, region, charter="", **fields) -> Group:
    permissions.check_create_group(actor)
    name = (name or "").strip()
    _require(name, NAME_NEEDED)
    _require(themes, THEMES_NEEDED)
    _require(languages, LANGUAGES_NEEDED)
    # The default charter, left as the form offered it, is written in the group's first language.
    charter = (charter or "").strip()
    if not charter or is_default_charter(charter):
        charter = default_charter(languages[0])
    group = Group(
        name=name,
        slug=_unique_slug(slug, name),
        description=description.strip(),
        description_html=render_markdown(description),
        charter=charter,
        charter_html=render_markdown(charter),
        region=region,
        created_by=actor,
        **{key: value for key, value in fields.items() if key in EDITABLE_FIELDS},
    )
    try:
        with transaction.atomic():
            group.save()
    except IntegrityError as error:
        raise _slug_taken(group.slug) from error
    group.themes.set(themes)
    _set_languages(group, languages)
    group.search_text = build_search_text(group, themes)
    group.save(update_fields=["search_text"])
    _add_member(group, actor)
    # What other apps give a new group (moderation: the founder's first roles), in this transaction.
    for on_created in registry.group_created.values():
        on_created(actor=actor, group=group)
    _directory_changed()
    return group


@transaction.atomic
def group_update(*, actor, group: Group, themes=None, languages=None, slug=None, **fields) -> Group:
    """Change a group's facts. The charter is not among them: members change it by
    consent, through a proposal of the moderation module."""
    permissions.check_edit_group(read_standing(actor, group))
    for key, value in fields.items():
        if key not in EDITABLE_FIELDS:
            raise DomainError(_("Champ inconnu."))
        setattr(group, key, value.strip() if isinstance(value, str) else value)
    _require(group.name, NAME_NEEDED)
    if slug is not None and slug != group.slug:
        group.slug = _unique_slug(slug, group.name, exclude_pk=group.pk)
    group.description_html = render_markdown(group.description)
    if themes is not None:
        _require(themes, THEMES_NEEDED)
        group.themes.set(themes)
    if languages is not None:
        _require(languages, LANGUAGES_NEEDED)
        _set_languages(group, languages)
    group.search_text = build_search_text(group, group.themes.all())
    group.save()
    _directory_changed()
    return group


def _directory_changed() -> None:
    """The unfiltered directory counts its groups again: at once, and after the commit."""
    forget_unfiltered_counts()
    transaction.on_commit(forget_unfiltered_counts)


def _add_member(group: Group, user) -> Membership:
    membership = Membership.objects.create(group=group, user=user, charter_version_accepted=group.charter_version)
    Group.objects.filter(pk=group.pk).update(member_count=F("member_count") + 1)
    group.refresh_from_db(fields=["member_count"])
    return membership


def _check_charter(group: Group, accepted_version) -> None:
    if str(accepted_version) != str(group.charter_version):
        raise DomainError(CHARTER_TO_ACCEPT)


@transaction.atomic
def group_join(*, actor, group: Group, charter_version_accepted) -> Membership:
    permissions.check_join(read_standing(actor, group))
    if group.join_policy == JoinPolicy.REQUEST:
        raise DomainError(_("Ce groupe accueille sur demande : envoyez une demande pour le rejoindre."))
    _check_charter(group, charter_version_accepted)
    try:
        with transaction.atomic():
            return _add_member(group, actor)
    except IntegrityError as error:
        raise Conflict(permissions.ALREADY_MEMBER) from error


def membership_end(*, group: Group, member, removed=False, now=None) -> bool:
    """The one way a membership ends, for the services that decided it may (leaving here,
    removal in moderation). The member's history keeps the group under today's name, and
    every app lets go of what kept them close to it. False when they were not a member."""
    now = now or timezone.now()
    membership = Membership.objects.filter(group=group, user=member).first()
    if membership is None:
        return False
    deleted, _rows = Membership.objects.filter(pk=membership.pk).delete()
    if not deleted:  # ended at the same moment by another request
        return False
    current_name = Group.objects.filter(pk=group.pk).values_list("name", flat=True).first()
    PastMembership.objects.create(group=group, user=member, group_name=current_name or group.name,
                                  joined_at=membership.joined_at, ended_at=now, removed=removed)
    Group.objects.filter(pk=group.pk).update(member_count=F("member_count") - 1)
    group.refresh_from_db(fields=["member_count"])
    # What other apps let go of with it (what the member watched there, the terms they held).
    for on_ended in registry.membership_ended.values():
        on_ended(member, group)
    if group.member_count == 0:
        # Nobody is left to keep it going: the group stops, as if its members had decided it.
        stopped = Group.objects.select_for_update().filter(pk=group.pk).values_list("stopped_at", flat=True).first()
        if stopped is None:
            group_stop(actor=None, group=group, now=now)
    return True


@transaction.atomic
def group_stop(*, actor, group: Group, now=None) -> Group:
    """The group stops, once: its members decided it by consent (moderation settles the
    decision and calls this with no actor, since the group decided), or its last member left.
    It leaves the directory and nobody joins or asks to join any more (entraide.permissions
    check_group_going); pending requests are declined; what other apps keep for it stops with
    it (registry.group_stopped: coming meetings cancelled, open proposals lapsed, the log).
    Its members keep reading its history; writing there is refused by the same check."""
    group_row = Group.objects.select_for_update().get(pk=group.pk)
    permissions.check_stop_group(group_row)
    now = now or timezone.now()
    Group.objects.filter(pk=group.pk).update(stopped_at=now, visibility=Visibility.UNLISTED)
    group.stopped_at, group.visibility = now, Visibility.UNLISTED
    JoinRequest.objects.filter(group=group, status=JoinRequestStatus.PENDING).update(
        status=JoinRequestStatus.DECLINED, decided_at=now
    )
    for on_stopped in registry.group_stopped.values():
        on_stopped(actor=actor, group=group, now=now)
    _directory_changed()
    return group


@transaction.atomic
def group_leave(*, actor, group: Group) -> None:
    if not membership_end(group=group, member=actor):
        raise Conflict(permissions.NOT_A_MEMBER)


@transaction.atomic
def join_request_create(*, actor, group: Group, message="", charter_version_accepted) -> JoinRequest:
    permissions.check_request_to_join(read_standing(actor, group))
    _check_charter(group, charter_version_accepted)
    if JoinRequest.objects.filter(group=group, user=actor, status=JoinRequestStatus.PENDING).exists():
        raise Conflict(_("Votre demande est déjà en attente."))
    return JoinRequest.objects.create(
        group=group, user=actor, message=(message or "").strip(), charter_version_accepted=group.charter_version
    )


@transaction.atomic
def join_request_decide(*, actor, join_request: JoinRequest, accept: bool) -> JoinRequest:
    join_request = JoinRequest.objects.select_for_update(of=("self",)).select_related("group").get(pk=join_request.pk)
    group = join_request.group
    permissions.check_decide_join_requests(read_standing(actor, group))
    if join_request.status != JoinRequestStatus.PENDING:
        raise Conflict(_("Cette demande a déjà reçu une réponse."))
    join_request.status = JoinRequestStatus.ACCEPTED if accept else JoinRequestStatus.DECLINED
    join_request.decided_by = actor
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_by", "decided_at"])
    if accept and not Membership.objects.filter(group=group, user=join_request.user).exists():
        _add_member(group, join_request.user)
    return join_request


@transaction.atomic
def join_request_withdraw(*, actor, group: Group) -> None:
    updated = JoinRequest.objects.filter(group=group, user=actor, status=JoinRequestStatus.PENDING).update(
        status=JoinRequestStatus.WITHDRAWN, decided_at=timezone.now()
    )
    if not updated:
        raise Conflict(_("Vous n'avez pas de demande en attente pour ce groupe."))


@transaction.atomic
def group_join_as_asked(*, actor, group: Group, charter_version_accepted) -> Membership:
    """Join a group that asked for this member to come (a group starter, peers/): its join
    policy does not apply, since the group's role holders asked, but the charter is accepted
    as by anyone and a member the group removed stays out. The caller checks who asked."""
    permissions.check_join(read_standing(actor, group))
    _check_charter(group, charter_version_accepted)
    try:
        with transaction.atomic():
            return _add_member(group, actor)
    except IntegrityError as error:
        raise Conflict(permissions.ALREADY_MEMBER) from error
