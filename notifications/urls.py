from django.urls import path

from . import views

urlpatterns = [
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/read-all/", views.notifications_mark_all_read, name="notifications_mark_all_read"),
    path("notifications/preferences/", views.notification_preferences, name="notification_preferences"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="notifications_unsubscribe"),
    path("notifications/<id:pk>/", views.notification_open, name="notification_open"),
    path("notifications/<id:pk>/read/", views.notification_mark_read, name="notification_mark_read"),
]
