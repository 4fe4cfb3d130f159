from django.urls import path

from . import views

POST = "groups/<slug:slug>/forum/<id:thread_id>/posts/<number:number>/"

urlpatterns = [
    path("forum/preferences/", views.warning_preferences, name="forum_warning_preferences"),
    path("groups/<slug:slug>/forum/", views.thread_list, name="forum_threads"),
    path("groups/<slug:slug>/forum/new/", views.thread_create, name="forum_thread_create"),
    path("groups/<slug:slug>/forum/settings/", views.forum_settings, name="forum_settings"),
    path("groups/<slug:slug>/forum/watch/", views.watch_forum, name="forum_watch"),
    path("groups/<slug:slug>/forum/<id:thread_id>/", views.thread_detail, name="forum_thread"),
    path("groups/<slug:slug>/forum/<id:thread_id>/reply/", views.thread_reply, name="forum_thread_reply"),
    path("groups/<slug:slug>/forum/<id:thread_id>/moderate/", views.thread_moderate, name="forum_thread_moderate"),
    path("groups/<slug:slug>/forum/<id:thread_id>/watch/", views.watch_thread, name="forum_thread_watch"),
    path(POST, views.post_permalink, name="forum_post"),
    path(POST + "edit/", views.post_edit, name="forum_post_edit"),
    path(POST + "history/", views.post_history, name="forum_post_history"),
    path(POST + "delete/", views.post_delete, name="forum_post_delete"),
    path(POST + "react/", views.post_react, name="forum_post_react"),
    path(POST + "reveal/", views.post_reveal, name="forum_post_reveal"),
]
