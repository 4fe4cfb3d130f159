from django.urls import path

from . import views

urlpatterns = [
    path("groups/<slug:slug>/chat/", views.chat_room, name="chat_room"),
    path("groups/<slug:slug>/chat/history/", views.chat_history, name="chat_history"),
    path("groups/<slug:slug>/chat/presence/", views.chat_presence, name="chat_presence"),
    path("groups/<slug:slug>/chat/slow-mode/", views.chat_slow_mode, name="chat_slow_mode"),
]
