from django.urls import path

from .views import posts, search, settings, stories, threads

POST = "groups/<slug:slug>/forum/<id:thread_id>/posts/<number:number>/"

urlpatterns = [
    path("forum/preferences/", settings.warning_preferences, name="forum_warning_preferences"),
    path("groups/<slug:slug>/forum/", threads.thread_list, name="forum_threads"),
    path("groups/<slug:slug>/forum/new/", threads.thread_create, name="forum_thread_create"),
    path("groups/<slug:slug>/forum/settings/", settings.forum_settings, name="forum_settings"),
    path("groups/<slug:slug>/forum/watch/", settings.watch_forum, name="forum_watch"),
    path("groups/<slug:slug>/forum/<id:thread_id>/", threads.thread_detail, name="forum_thread"),
    path("groups/<slug:slug>/forum/<id:thread_id>/reply/", threads.thread_reply, name="forum_thread_reply"),
    path("groups/<slug:slug>/forum/<id:thread_id>/moderate/", threads.thread_moderate, name="forum_thread_moderate"),
    path("groups/<slug:slug>/forum/<id:thread_id>/watch/", settings.watch_thread, name="forum_thread_watch"),
    path(POST, posts.post_permalink, name="forum_post"),
    path(POST + "edit/", posts.post_edit, name="forum_post_edit"),
    path(POST + "history/", posts.post_history, name="forum_post_history"),
    path(POST + "delete/", posts.post_delete, name="forum_post_delete"),
    path(POST + "react/", posts.post_react, name="forum_post_react"),
    path(POST + "reveal/", posts.post_reveal, name="forum_post_reveal"),
    path("forums/search/", search.member_forums_search, name="forums_search"),
    path("groups/<slug:slug>/forum/search/", search.forum_search, name="forum_search"),
    path("groups/<slug:slug>/stories/", stories.group_stories, name="group_stories"),
    path("groups/<slug:slug>/stories/<id:pk>/decide/", stories.story_decide, name="story_decide"),
    path("stories/", stories.story_list, name="stories"),
    path("stories/offer/", stories.story_offer, name="story_offer"),
    path("stories/mine/", stories.my_stories, name="my_stories"),
    path("stories/<id:pk>/", stories.story_detail, name="story_detail"),
    path("stories/<id:pk>/withdraw/", stories.story_withdraw, name="story_withdraw"),
]
