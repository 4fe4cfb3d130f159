"""What of peer support goes into a member's export, and what goes with their account.

Requests and pairings are health data: a requester's export has their own words; a supporter's
has only the theme, language and dates of the pairings they held, never the other person's words.
Deleting the account deletes their requests (with the pairings made of them) and their
supporter profile (with the pairings they held). Registered from PeersConfig.ready()."""

from entraide import registry
from entraide.selectors.export import iso

from .models import Pairing, PairingRequest, Supporter


def export_requests(user) -> list[dict]:
    requests = PairingRequest.objects.filter(requester=user).select_related("theme").order_by("created_at", "pk")
    return [{"theme": request.theme.code, "language": request.language, "format": request.format,
             "words": request.words, "status": request.status, "asked_at": iso(request.created_at),
             "preferred_at": iso(request.preferred_at), "passed_at": iso(request.passed_at)}
            for request in requests]


def export_pairings(user) -> list[dict]:
    pairings = (Pairing.objects.filter(request__requester=user) | Pairing.objects.filter(supporter__member=user))
    pairings = pairings.select_related("request__theme", "supporter").order_by("started_at", "pk")
    return [{"as": "requester" if pairing.request.requester_id == user.pk else "supporter",
             "theme": pairing.request.theme.code, "language": pairing.request.language,
             "started_at": iso(pairing.started_at), "ended_at": iso(pairing.ended_at)} for pairing in pairings]


def export_supporter(user) -> dict | None:
    supporter = (Supporter.objects.filter(member=user).prefetch_related("themes", "languages", "slots").first())
    if supporter is None:
        return None
    return {
        "themes": [theme.code for theme in supporter.themes.all()],
        "languages": [row.language for row in supporter.languages.all()],
        "formats": [name for name in ("written", "video", "phone") if supporter.offers_format(name)],
        "weekly_slots": [{"weekday": slot.weekday, "starts_at": slot.starts_at.isoformat(),
                          "ends_at": slot.ends_at.isoformat()} for slot in supporter.slots.all()],
        "max_pairings": supporter.max_pairings, "paused": supporter.paused,
        "readings_done": supporter.readings_done, "checked_in_at": iso(supporter.checked_in_at),
        "confirmed_at": iso(supporter.confirmed_at),
    }


def forget_peer_support(user) -> None:
    PairingRequest.objects.filter(requester=user).delete()
    Supporter.objects.filter(member=user).delete()


def register() -> None:
    registry.export_sections.register("peer_requests", export_requests)
    registry.export_sections.register("peer_pairings", export_pairings)
    registry.export_sections.register("peer_supporter", export_supporter)
    registry.account_cleanups.register("peers", forget_peer_support)
