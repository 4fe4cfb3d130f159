"""Stories: offer, approve, decline, withdraw. A story reaches the public page only with the
author's consent, given when offering it, and a moderator's approval; the author can take it
back at any time and its text is erased at once."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import Conflict, DomainError
from entraide.standing import read_standing
from entraide.text import render_markdown
from moderation.models import REASON_MAX_LENGTH, LogAction, RoleKind
from moderation.services.log import log_entry_write

from .. import permissions
from ..models import STORY_BODY_MAX_LENGTH, STORY_TITLE_MAX_LENGTH, Story, StorySignature, StoryStatus
from ..reporting import story_facts

# Waiting stories per member: enough for anyone, too few to flood the moderators.
MAX_PENDING_PER_MEMBER = 5


def _clean_title(title) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise DomainError(_("Donnez un titre à votre témoignage."))
    if len(title) > STORY_TITLE_MAX_LENGTH:
        raise DomainError(_("Le titre compte %(length)s caractères ; la limite est de %(limit)s.")
                          % {"length": len(title), "limit": STORY_TITLE_MAX_LENGTH})
    return title


def _clean_body(body) -> str:
    body = (body or "").strip()
    if not body:
        raise DomainError(_("Votre témoignage est vide : écrivez quelques mots avant d'envoyer."))
    if len(body) > STORY_BODY_MAX_LENGTH:
        raise DomainError(_("Votre témoignage compte %(length)s caractères ; la limite est de %(limit)s.")
                          % {"length": len(body), "limit": STORY_BODY_MAX_LENGTH})
    return body


def _check_source_post(standing, post) -> None:
    permissions.check_offer_post(standing, post)
    if post.group_id != standing.group.pk:
        raise DomainError(_("Ce message a été écrit dans un autre groupe : choisissez ce groupe-là."))
    if Story.objects.filter(source_post=post, status__in=[StoryStatus.PENDING, StoryStatus.APPROVED]).exists():
        raise Conflict(_("Ce message est déjà proposé comme témoignage."))


@transaction.atomic
def story_offer(*, actor, group, title, body, signature, consent, source_post=None, now=None) -> Story:
    """The member offers a new text, or one of their posts (its text may be reworked)."""
    standing = read_standing(actor, group)
    permissions.check_offer_story(standing)
    if not consent:
        raise DomainError(_("Votre accord explicite est nécessaire : cochez la case pour proposer ce texte."))
    if signature not in StorySignature.values:
        raise DomainError(_("Choisissez : sous votre pseudonyme, ou anonymement."))
    if source_post is not None:
        _check_source_post(standing, source_post)
    title, body = _clean_title(title), _clean_body(body)
    if Story.objects.filter(author=actor, status=StoryStatus.PENDING).count() >= MAX_PENDING_PER_MEMBER:
        raise Conflict(_("Vous avez déjà %(count)s témoignages en attente de relecture : attendez la réponse "
                         "des modérateur·rices avant d'en proposer un autre.") % {"count": MAX_PENDING_PER_MEMBER})
    now = now or timezone.now()
    return Story.objects.create(
        author=actor, group=group, source_post=source_post, title=title, body=body, body_html=render_markdown(body),
        signature=signature, consented_at=now, created_at=now,
    )


def _locked_pending(actor, story) -> Story:
    """The story as stored now, locked; refuses what a moderator may not decide."""
    current = Story.objects.select_for_update().select_related("group").get(pk=story.pk)
    permissions.check_decide_story(read_standing(actor, current.group), current)
    return current


def _log_target(story) -> dict:
    # Never the author (see story_facts), and never a sentence in the moderator's language.
    return {"target_kind": "story", "target_facts": story_facts(story)}


@transaction.atomic
def story_approve(*, actor, story, now=None) -> Story:
    story = _locked_pending(actor, story)
    now = now or timezone.now()
    story.status, story.decided_by, story.decided_at = StoryStatus.APPROVED, actor, now
    story.save(update_fields=["status", "decided_by", "decided_at"])
    log_entry_write(actor=actor, group=story.group, action=LogAction.STORY_APPROVED, role=RoleKind.MODERATOR,
                    **_log_target(story))
    return story


@transaction.atomic
def story_decline(*, actor, story, reason, now=None) -> Story:
    story = _locked_pending(actor, story)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Dites en quelques mots pourquoi : l'auteur·e lira cette raison."))
    if len(reason) > REASON_MAX_LENGTH:
        raise DomainError(_("La raison ne peut pas dépasser %(max)s caractères.") % {"max": REASON_MAX_LENGTH})
    now = now or timezone.now()
    story.status, story.decided_by, story.decided_at, story.decline_reason = (
        StoryStatus.DECLINED, actor, now, reason)
    story.save(update_fields=["status", "decided_by", "decided_at", "decline_reason"])
    log_entry_write(actor=actor, group=story.group, action=LogAction.STORY_DECLINED, role=RoleKind.MODERATOR,
                    **_log_target(story), reason=reason)
    return story


@transaction.atomic
def story_withdraw(*, actor, story, now=None) -> Story:
    """At any time, whatever its state: the text is erased and the story leaves every page."""
    story = Story.objects.select_for_update().get(pk=story.pk)
    permissions.check_withdraw_story(actor, story)
    story.status, story.withdrawn_at = StoryStatus.WITHDRAWN, now or timezone.now()
    story.title = story.body = story.body_html = ""
    story.save(update_fields=["status", "withdrawn_at", "title", "body", "body_html"])
    return story
