"""Forum search and stories."""

from django.urls import path

from . import views_search, views_stories

urlpatterns = [
    path("forums/search/", views_search.member_forums_search, name="forums_search"),
    path("groups/<slug:slug>/forum/search/", views_search.forum_search, name="forum_search"),
    path("groups/<slug:slug>/stories/", views_stories.group_stories, name="group_stories"),
    path("groups/<slug:slug>/stories/<id:pk>/decide/", views_stories.story_decide, name="story_decide"),
    path("stories/", views_stories.story_list, name="stories"),
    path("stories/offer/", views_stories.story_offer, name="story_offer"),
    path("stories/mine/", views_stories.my_stories, name="my_stories"),
    path("stories/<id:pk>/", views_stories.story_detail, name="story_detail"),
    path("stories/<id:pk>/withdraw/", views_stories.story_withdraw, name="story_withdraw"),
]
