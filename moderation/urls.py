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
    path("groups/<slug:slug>/proposals/<id:pk>/object/", views.proposal_object, name="group_proposal_object"),
    path("groups/<slug:slug>/proposals/<id:pk>/withdraw/", views.proposal_withdraw, name="group_proposal_withdraw"),
    path("groups/<slug:slug>/log/", views.moderation_log, name="group_moderation_log"),
]

# Crisis help, and the private mutes and blocks between members.
from . import safety_views  # noqa: E402

urlpatterns += [
    path("help/", safety_views.crisis_help, name="crisis_help"),
    path("profile/safety/", safety_views.profile_safety, name="profile_safety"),
    path("members/<id:pk>/mute/", safety_views.mute, name="member_mute"),
    path("members/<id:pk>/unmute/", safety_views.unmute, name="member_unmute"),
    path("members/<id:pk>/block/", safety_views.block, name="member_block"),
    path("members/<id:pk>/unblock/", safety_views.unblock, name="member_unblock"),
]

from . import views_reports  # noqa: E402

urlpatterns += [
    path("groups/<slug:slug>/report/<str:kind>/<id:object_id>/", views_reports.report, name="group_report"),
    path("groups/<slug:slug>/worry/", views_reports.worry, name="group_worry_raise"),
    path("groups/<slug:slug>/content/<str:kind>/<id:object_id>/hide/", views_reports.hide, name="group_content_hide"),
    path("groups/<slug:slug>/content/<str:kind>/<id:object_id>/restore/", views_reports.restore,
         name="group_content_restore"),
    path("groups/<slug:slug>/queue/", views_reports.review_queue, name="group_review_queue"),
    path("groups/<slug:slug>/queue/<id:pk>/decide/", views_reports.report_decide_view, name="group_report_decide"),
    path("groups/<slug:slug>/my-decisions/", views_reports.my_decisions, name="group_my_decisions"),
    path("groups/<slug:slug>/decisions/<id:pk>/appeal/", views_reports.appeal, name="group_appeal_file"),
    path("groups/<slug:slug>/appeals/", views_reports.appeals, name="group_appeals"),
    path("groups/<slug:slug>/appeals/<id:pk>/settle/", views_reports.appeal_settle_view, name="group_appeal_settle"),
    path("groups/<slug:slug>/removals/", views_reports.removals, name="group_removals"),
    path("groups/<slug:slug>/removals/propose/", views_reports.removal_propose_view, name="group_removal_propose"),
    path("groups/<slug:slug>/removals/<id:pk>/confirm/", views_reports.removal_confirm_view,
         name="group_removal_confirm"),
    path("groups/<slug:slug>/removals/<id:pk>/cancel/", views_reports.removal_cancel_view,
         name="group_removal_cancel"),
    path("staff/queue/", views_reports.staff_queue, name="staff_queue"),
    path("staff/queue/<id:pk>/decide/", views_reports.staff_decide, name="staff_report_decide"),
]
