"""Story pages: the public list and story, the offer form, the member's own stories, and the
moderators' list of stories waiting for them. Thin: a form, a selector or a service, a page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from entraide.errors import DomainError, refusal
from entraide.views.access import access_group
from moderation.permissions import check_moderate

from .. import permissions, selectors
from ..forms import StoryDecisionForm, StoryOfferForm
from ..models import StorySignature
from ..services import stories as story_services


@require_GET
def story_list(request):
    return render(request, "forums/stories.html", {"page": selectors.public_stories(request.GET.get("page"))})


@require_GET
def story_detail(request, pk):
    return render(request, "forums/story_detail.html", {"story": selectors.public_story(pk)})


def _offer_initial(post) -> dict:
    if post is None:
        return {"signature": StorySignature.PSEUDONYM}
    return {
        "group": post.group, "title": post.thread.title[:120], "body": post.body, "post": post.pk,
        "signature": StorySignature.ANONYMOUS if post.is_anonymous else StorySignature.PSEUDONYM,
    }


@login_required
@require_http_methods(["GET", "POST"])
def story_offer(request):
    groups = selectors.offer_groups(request.user)
    data = request.POST if request.method == "POST" else None
    post_id = (data or request.GET).get("post")
    post = selectors.offered_post(request.user, post_id) if post_id else None
    if post_id and post is None:
        raise Http404
    form = StoryOfferForm(data, groups=groups, initial=_offer_initial(post))
    status = 200
    if data is not None:
        if form.is_valid():
            try:
                story_services.story_offer(
                    actor=request.user, group=form.cleaned_data["group"], title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"], signature=form.cleaned_data["signature"],
                    consent=form.cleaned_data["consent"], source_post=post,
                )
            except DomainError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, _("Merci. Votre témoignage attend la relecture des modérateur·rices "
                                            "du groupe ; vous pouvez le retirer à tout moment."))
                return redirect("my_stories")
        else:
            status = 400
    context = {"form": form, "source_post": post,
               "offerable_posts": [] if post else selectors.offerable_posts(request.user)}
    return render(request, "forums/story_offer.html", context, status=status)


@login_required
@require_GET
def my_stories(request):
    return render(request, "forums/stories_mine.html", {"stories": selectors.member_stories(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def story_withdraw(request, pk):
    story = selectors.own_story(request.user, pk)
    if request.method == "POST":
        try:
            story_services.story_withdraw(actor=request.user, story=story)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("my_stories")
        messages.success(request, _("Votre témoignage est retiré : il n'apparaît plus nulle part et son texte est effacé."))
        return redirect("my_stories")
    refused = refusal(permissions.check_withdraw_story, request.user, story)
    if refused:
        messages.error(request, refused)
        return redirect("my_stories")
    return render(request, "forums/story_withdraw.html", {"story": story})


def _pending_page(request, group, *, status=200, failed=None):
    stories = selectors.pending_stories(group)
    for story in stories:
        story.is_mine = story.author_id == request.user.pk
        story.form = failed[1] if failed and failed[0] == story.pk else StoryDecisionForm()
    return render(request, "forums/stories_pending.html", {"group": group, "stories": stories}, status=status)


@login_required
@require_GET
def group_stories(request, slug):
    return _pending_page(request, access_group(request, slug, check=check_moderate).group)


@login_required
@require_POST
def story_decide(request, slug, pk):
    group = access_group(request, slug, check=check_moderate).group
    story = selectors.pending_story(group, pk)
    form = StoryDecisionForm(request.POST)
    if not form.is_valid():
        return _pending_page(request, group, status=400, failed=(story.pk, form))
    try:
        if form.cleaned_data["action"] == "approve":
            story_services.story_approve(actor=request.user, story=story)
            messages.success(request, _("Le témoignage est publié sur la page publique ; c'est inscrit au journal."))
        else:
            story_services.story_decline(actor=request.user, story=story, reason=form.cleaned_data["reason"])
            messages.success(request, _("Le témoignage n'est pas retenu ; l'auteur·e lira votre raison."))
    except DomainError as error:
        messages.error(request, error.message)
        return _pending_page(request, group, status=error.status, failed=(story.pk, form))
    return redirect("group_stories", slug=group.slug)
