from django.contrib import admin
from django.urls import include, path

from .views import account, contact, directory, groups, pages

urlpatterns = [
    path("", pages.home, name="home"),
    path("healthz", pages.healthz, name="healthz"),
    path("robots.txt", pages.robots_txt, name="robots_txt"),
    path("language/", pages.language_switch, name="language_switch"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("profile/", account.profile, name="profile"),
    path("profile/export.json", account.export, name="account_export"),
    path("profile/delete/", account.delete, name="account_delete"),
    path("members/<id:pk>/", account.member_profile, name="member_profile"),
    path("groups/", directory.directory, name="directory"),
    path("groups/new/", groups.group_create, name="group_create"),
    path("groups/invite/<str:token>/", groups.group_invite, name="group_invite"),
    path("groups/<slug:slug>/", groups.group_detail, name="group_detail"),
    path("groups/<slug:slug>/edit/", groups.group_edit, name="group_edit"),
    path("groups/<slug:slug>/join/", groups.group_join, name="group_join"),
    path("groups/<slug:slug>/leave/", groups.group_leave, name="group_leave"),
    path("groups/<slug:slug>/request/withdraw/", groups.join_request_withdraw, name="group_join_request_withdraw"),
    path("groups/<slug:slug>/members/", groups.group_members, name="group_members"),
    path("groups/<slug:slug>/requests/", groups.join_requests, name="group_join_requests"),
    path("groups/<slug:slug>/requests/<id:pk>/", groups.join_request_decide, name="group_join_request_decide"),
    path("contact/", contact.contact_home, name="contact_home"),
    path("contact/wishes/", contact.wish_register, name="contact_wish_register"),
    path("contact/wishes/<id:pk>/withdraw/", contact.wish_withdraw, name="contact_wish_withdraw"),
    path("contact/circles/<id:pk>/", contact.circle_detail, name="contact_circle"),
    path("", include("moderation.urls")),
    path("", include("forums.urls")),
    path("", include("notifications.urls")),
    path("", include("conversations.urls")),
    path("", include("meetings.urls")),
    path("", include("chat.urls")),
    path("", include("peers.urls")),
    path("", include("centres.urls")),
]

handler400 = "entraide.views.pages.bad_request"
handler403 = "entraide.views.pages.forbidden"
handler404 = "entraide.views.pages.not_found"
handler500 = "entraide.views.pages.server_error"
