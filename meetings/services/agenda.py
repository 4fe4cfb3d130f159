"""The ordre du jour of an occurrence, prepared together: members propose items, the host
orders and removes them, applies a template (an opening round and a closing round) and adds
prompts from a small library.

Templates and prompts are written once here, in French, and translated by the catalogues;
added to an agenda, they are stored in the meeting's own language, like an item a member wrote."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from entraide.errors import DomainError
from entraide.standing import read_standing

from ..permissions import (
    check_arrange_agenda,
    check_propose_item,
    check_remove_item,
)
from ..models import ITEM_MAX_LENGTH, AgendaItem, AgendaItemKind, Occurrence

TEXT_NEEDED = _("Écrivez le point que vous proposez.")
TEXT_TOO_LONG = _("Un point de l'ordre du jour tient en 500 caractères au plus.")
NO_SUCH_TEMPLATE = _("Ce modèle d'ordre du jour n'existe pas.")
NO_SUCH_PROMPT = _("Cette question n'est pas dans la bibliothèque.")
CANNOT_MOVE = _("Ce point est déjà à cette place.")
UP, DOWN = "up", "down"


@dataclass(frozen=True)
class AgendaTemplate:
    key: str
    label: object
    opening_round: object
    closing_round: object


AGENDA_TEMPLATES = {
    template.key: template for template in (
        AgendaTemplate(
            "rounds", _("Tour d'ouverture et tour de clôture"),
            _("Tour d'ouverture : chacun·e dit en une phrase comment il ou elle arrive aujourd'hui."),
            _("Tour de clôture : ce que je garde de cette rencontre, en un mot ou une phrase."),
        ),
        AgendaTemplate(
            "weather", _("Météo intérieure"),
            _("Tour d'ouverture : ma météo du jour (soleil, nuages, orage…)."),
            _("Tour de clôture : ma météo en repartant."),
        ),
        AgendaTemplate(
            "speaker", _("Séance avec un·e intervenant·e"),
            _("Tour d'ouverture : mon prénom et une question que j'apporte pour l'intervenant·e."),
            _("Tour de clôture : une chose que je retiens de la séance."),
        ),
    )
}

PROMPTS = {
    "story": _("Racontez une histoire à propos d'un moment où vous vous êtes senti·e soutenu·e."),
    "highlights": _("Quels ont été les moments forts depuis la dernière rencontre ? Et les difficultés ?"),
    "energy": _("Qu'est-ce qui vous donne de l'énergie en ce moment ?"),
    "try": _("Une chose que vous aimeriez essayer d'ici la prochaine rencontre ?"),
    "grateful": _("De quoi êtes-vous reconnaissant·e cette semaine ?"),
    "newcomer": _("Que diriez-vous à quelqu'un qui arrive dans le groupe aujourd'hui ?"),
}


def _in_meeting_language(occurrence, text) -> str:
    with translation.override(occurrence.series.language):
        return str(text)


def _locked(occurrence) -> Occurrence:
    return Occurrence.objects.select_for_update().select_related("series__group").get(pk=occurrence.pk)


def _ordered(occurrence) -> list[AgendaItem]:
    """The agenda as it stands: opening rounds first, closing rounds last, the rest in the host's order."""
    items = list(AgendaItem.objects.filter(occurrence=occurrence, removed_at__isnull=True).order_by("position", "pk"))
    opening = [item for item in items if item.kind == AgendaItemKind.OPENING_ROUND]
    closing = [item for item in items if item.kind == AgendaItemKind.CLOSING_ROUND]
    middle = [item for item in items if item not in opening and item not in closing]
    return opening + middle + closing


def _renumber(items) -> None:
    changed = []
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position
            changed.append(item)
    AgendaItem.objects.bulk_update(changed, ["position"])


def _add(occurrence, *, author, kind, text) -> AgendaItem:
    item = AgendaItem.objects.create(occurrence=occurrence, author=author, kind=kind, text=text, position=0)
    items = [row for row in _ordered(occurrence) if row.pk != item.pk]
    closing = [row for row in items if row.kind == AgendaItemKind.CLOSING_ROUND]
    if kind == AgendaItemKind.OPENING_ROUND:
        items.insert(0, item)
    elif kind == AgendaItemKind.CLOSING_ROUND:
        items.append(item)
    else:
        # New items go last, before the closing round.
        items.insert(len(items) - len(closing), item)
    _renumber(items)
    return item


def _clean_text(text) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise DomainError(TEXT_NEEDED)
    if len(text) > ITEM_MAX_LENGTH:
        raise DomainError(TEXT_TOO_LONG)
    return text


@transaction.atomic
def agenda_item_propose(*, actor, occurrence, text, now=None) -> AgendaItem:
    occurrence = _locked(occurrence)
    check_propose_item(read_standing(actor, occurrence.series.group), occurrence, now)
    return _add(occurrence, author=actor, kind=AgendaItemKind.ITEM, text=_clean_text(text))


@transaction.atomic
def agenda_item_move(*, actor, item, direction, now=None) -> AgendaItem:
    """One place up or down, among the items between the rounds (the rounds keep their place)."""
    occurrence = _locked(item.occurrence)
    check_arrange_agenda(read_standing(actor, occurrence.series.group), occurrence, now)
    items = _ordered(occurrence)
    index = next((i for i, row in enumerate(items) if row.pk == item.pk), None)
    if index is None:
        raise DomainError(CANNOT_MOVE)
    other = index - 1 if direction == UP else index + 1 if direction == DOWN else None
    if other is None or not 0 <= other < len(items) or _is_round(items[index]) or _is_round(items[other]):
        raise DomainError(CANNOT_MOVE)
    items[index], items[other] = items[other], items[index]
    _renumber(items)
    return items[other]


def _is_round(item) -> bool:
    return item.kind in (AgendaItemKind.OPENING_ROUND, AgendaItemKind.CLOSING_ROUND)


@transaction.atomic
def agenda_item_remove(*, actor, item, now=None) -> AgendaItem:
    occurrence = _locked(item.occurrence)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    item.occurrence = occurrence
    check_remove_item(read_standing(actor, occurrence.series.group), item, now)
    item.removed_at = now or timezone.now()
    item.save(update_fields=["removed_at"])
    _renumber(_ordered(occurrence))
    return item


@transaction.atomic
def agenda_template_apply(*, actor, occurrence, template, now=None) -> list[AgendaItem]:
    """Add the template's opening and closing rounds; a round the agenda has already is kept
    as it is, so applying twice adds nothing. Returns the rounds added."""
    occurrence = _locked(occurrence)
    check_arrange_agenda(read_standing(actor, occurrence.series.group), occurrence, now)
    chosen = AGENDA_TEMPLATES.get(template)
    if chosen is None:
        raise DomainError(NO_SUCH_TEMPLATE)
    present = set(AgendaItem.objects.filter(occurrence=occurrence, removed_at__isnull=True)
                  .values_list("kind", flat=True))
    added = []
    for kind, text in ((AgendaItemKind.OPENING_ROUND, chosen.opening_round),
                       (AgendaItemKind.CLOSING_ROUND, chosen.closing_round)):
        if kind not in present:
            added.append(_add(occurrence, author=actor, kind=kind, text=_in_meeting_language(occurrence, text)))
    return added


@transaction.atomic
def agenda_prompt_add(*, actor, occurrence, prompt, now=None) -> AgendaItem:
    occurrence = _locked(occurrence)
    check_arrange_agenda(read_standing(actor, occurrence.series.group), occurrence, now)
    text = PROMPTS.get(prompt)
    if text is None:
        raise DomainError(NO_SUCH_PROMPT)
    return _add(occurrence, author=actor, kind=AgendaItemKind.PROMPT, text=_in_meeting_language(occurrence, text))


def agenda_item_hidden_set(item, hidden: bool) -> None:
    """Moderation hides a reported item (and restores it): it leaves the agenda, or comes back last."""
    item.removed_at = timezone.now() if hidden else None
    item.save(update_fields=["removed_at"])
    _renumber(_ordered(item.occurrence))
