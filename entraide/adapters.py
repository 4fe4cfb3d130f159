from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from entraide.consumers import sockets_cut_on_commit


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """New members keep the language they signed up in."""
        user = super().save_user(request, user, form, commit=False)
        language = getattr(request, "LANGUAGE_CODE", "") or settings.LANGUAGE_CODE
        user.preferred_language = language[:2] if language[:2] in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        if commit:
            user.save()
        return user

    def logout(self, request):
        """A socket outlives the page that opened it: signing out closes this browser's sockets."""
        if request.session.session_key:
            sockets_cut_on_commit(session_key=request.session.session_key)
        super().logout(request)
