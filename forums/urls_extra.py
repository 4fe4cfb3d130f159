"""Notifications, what members watch, and private conversations."""

from django.urls import path

from . import views_conversations, views_notifications

urlpatterns = [
    path("notifications/", views_notifications.notification_list, name="notification_list"),
    path("notifications/read-all/", views_notifications.notifications_mark_all_read, name="notifications_mark_all_read"),
    path("notifications/preferences/", views_notifications.notification_preferences, name="notification_preferences"),
    path("notifications/unsubscribe/<str:token>/", views_notifications.unsubscribe, name="notifications_unsubscribe"),
    path("notifications/<int:pk>/", views_notifications.notification_open, name="notification_open"),
    path("notifications/<int:pk>/read/", views_notifications.notification_mark_read, name="notification_mark_read"),
    path("groups/<slug:slug>/forum/watch/", views_notifications.watch_forum, name="forum_watch"),
    path("groups/<slug:slug>/forum/<int:thread_id>/watch/", views_notifications.watch_thread, name="forum_thread_watch"),
    path("conversations/", views_conversations.conversation_list, name="conversation_list"),
    path("conversations/new/<int:member_pk>/", views_conversations.conversation_new, name="conversation_new"),
    path("conversations/<int:pk>/", views_conversations.conversation_detail, name="conversation_detail"),
]
