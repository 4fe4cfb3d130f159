from django.urls import path

from .views import reports, roles, safety

urlpatterns = [
    path("groups/<slug:slug>/roles/", roles.roles, name="group_roles"),
    path("groups/<slug:slug>/roles/volunteer/", roles.role_volunteer, name="group_role_volunteer"),
    path("groups/<slug:slug>/roles/hand-on/", roles.role_hand_on, name="group_role_hand_on"),
    path("groups/<slug:slug>/roles/step-down/", roles.role_step_down, name="group_role_step_down"),
    path("groups/<slug:slug>/roles/functions/", roles.functions_set, name="group_functions"),
    path("groups/<slug:slug>/proposals/", roles.proposals, name="group_proposals"),
    path("groups/<slug:slug>/proposals/charter/", roles.charter_propose, name="group_charter_propose"),
    path("groups/<slug:slug>/proposals/close/", roles.close_propose, name="group_close_propose"),
    path("groups/<slug:slug>/proposals/<id:pk>/object/", roles.proposal_object, name="group_proposal_object"),
    path("groups/<slug:slug>/proposals/<id:pk>/withdraw/", roles.proposal_withdraw, name="group_proposal_withdraw"),
    path("groups/<slug:slug>/log/", roles.moderation_log, name="group_moderation_log"),
    # Crisis help, and the private mutes and blocks between members.
    path("help/", safety.crisis_help, name="crisis_help"),
    path("profile/safety/", safety.profile_safety, name="profile_safety"),
    path("members/<id:pk>/mute/", safety.mute, name="member_mute"),
    path("members/<id:pk>/unmute/", safety.unmute, name="member_unmute"),
    path("members/<id:pk>/block/", safety.block, name="member_block"),
    path("members/<id:pk>/unblock/", safety.unblock, name="member_unblock"),
    # Reports, the decisions taken on them, appeals and removals.
    path("groups/<slug:slug>/report/<str:kind>/<id:object_id>/", reports.report, name="group_report"),
    path("groups/<slug:slug>/worry/", reports.worry, name="group_worry_raise"),
    path("groups/<slug:slug>/content/<str:kind>/<id:object_id>/hide/", reports.hide, name="group_content_hide"),
    path("groups/<slug:slug>/content/<str:kind>/<id:object_id>/restore/", reports.restore,
         name="group_content_restore"),
    path("groups/<slug:slug>/queue/", reports.review_queue, name="group_review_queue"),
    path("groups/<slug:slug>/queue/<id:pk>/decide/", reports.report_decide_view, name="group_report_decide"),
    path("groups/<slug:slug>/my-decisions/", reports.my_decisions, name="group_my_decisions"),
    path("groups/<slug:slug>/decisions/<id:pk>/appeal/", reports.appeal, name="group_appeal_file"),
    path("groups/<slug:slug>/appeals/", reports.appeals, name="group_appeals"),
    path("groups/<slug:slug>/appeals/<id:pk>/settle/", reports.appeal_settle_view, name="group_appeal_settle"),
    path("groups/<slug:slug>/removals/", reports.removals, name="group_removals"),
    path("groups/<slug:slug>/removals/propose/", reports.removal_propose_view, name="group_removal_propose"),
    path("groups/<slug:slug>/removals/<id:pk>/confirm/", reports.removal_confirm_view,
         name="group_removal_confirm"),
    path("groups/<slug:slug>/removals/<id:pk>/cancel/", reports.removal_cancel_view,
         name="group_removal_cancel"),
    path("staff/queue/", reports.staff_queue, name="staff_queue"),
    path("staff/queue/<id:pk>/decide/", reports.staff_decide, name="staff_report_decide"),
]
