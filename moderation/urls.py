from django.urls import path

from . import views

urlpatterns = [
    path("groups/<slug:slug>/roles/", views.roles, name="group_roles"),
    path("groups/<slug:slug>/roles/volunteer/", views.role_volunteer, name="group_role_volunteer"),
    path("groups/<slug:slug>/roles/hand-on/", views.role_hand_on, name="group_role_hand_on"),
    path("groups/<slug:slug>/roles/step-down/", views.role_step_down, name="group_role_step_down"),
    path("groups/<slug:slug>/roles/functions/", views.functions_set, name="group_functions"),
    path("groups/<slug:slug>/proposals/", views.proposals, name="group_proposals"),
    path("groups/<slug:slug>/proposals/charter/", views.charter_propose, name="group_charter_propose"),
    path("groups/<slug:slug>/proposals/<int:pk>/object/", views.proposal_object, name="group_proposal_object"),
    path("groups/<slug:slug>/proposals/<int:pk>/withdraw/", views.proposal_withdraw, name="group_proposal_withdraw"),
    path("groups/<slug:slug>/log/", views.moderation_log, name="group_moderation_log"),
]
