"""Guests of the listening line stay on the line: a guest account exists to call it, not to
read the rest of the site. The view that signs a guest in marks the session, so that the
check costs no query, for guests and members alike."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

# The guest's live conversation id, or 0 before the knock; absent for everyone else.
GUEST_SESSION_KEY = "peers_line_guest"


def mark_guest(request, conversation_id: int = 0) -> None:
    request.session[GUEST_SESSION_KEY] = conversation_id


class LineGuestMiddleware:
    """Sends a guest anywhere outside the line (its pages and sockets, static files, signing
    out, the language switch, crisis help) back to their conversation."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths = None

    def open_paths(self) -> tuple[str, ...]:
        # Reversed once, at the first request, when the URLconf is loaded.
        if self._open_paths is None:
            self._open_paths = (reverse("peer_line"), settings.STATIC_URL, reverse("account_logout"),
                                reverse("language_switch"), reverse("crisis_help"), reverse("healthz"),
                                reverse("robots_txt"))
        return self._open_paths

    def __call__(self, request):
        # No session cookie, no guest: nothing is read.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        conversation_id = request.session.get(GUEST_SESSION_KEY)
        if conversation_id is None:
            return self.get_response(request)
        if not request.user.is_authenticated:
            return self.closed(request)
        if request.path.startswith(self.open_paths()):
            return self.get_response(request)
        if conversation_id:
            return redirect("peer_line_conversation", pk=conversation_id)
        return redirect("peer_line")

    def closed(self, request):
        """The guest account closed with its conversation (ended on the other side, or
        expired): an ordinary visitor now, told so on the line's page rather than asked to
        sign in."""
        del request.session[GUEST_SESSION_KEY]
        front = reverse("peer_line")
        if request.path.startswith(front):
            messages.info(request, _("La conversation est terminée et votre accès invité·e est fermé. "
                                     "Prenez soin de vous ; les lignes de crise répondent à toute heure."))
            if request.path != front:
                return redirect(front)
        return self.get_response(request)
