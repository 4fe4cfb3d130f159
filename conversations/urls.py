from django.urls import path

from . import views

urlpatterns = [
    path("conversations/", views.conversation_list, name="conversation_list"),
    path("conversations/new/<id:member_pk>/", views.conversation_new, name="conversation_new"),
    path("conversations/<id:pk>/", views.conversation_detail, name="conversation_detail"),
]
