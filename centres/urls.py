from django.urls import path, re_path

from .views import centres, figures, guided, listings, newsletter, staff

urlpatterns = [
    path("centres/", centres.centre_list, name="centre_list"),
    path("centres/new/", staff.centre_new, name="centre_new"),
    path("centres/<id:pk>/staff/", staff.centre_staff, name="centre_staff"),
    path("centres/<id:pk>/", centres.centre_detail, name="centre_detail"),
    path("centres/<id:pk>/edit/", centres.centre_edit, name="centre_edit"),
    path("centres/<id:pk>/accompaniments/", centres.accompaniment_set, name="centre_accompaniment_set"),
    path("centres/<id:pk>/listings/new/", listings.listing_new, name="centre_listing_new"),
    path("centres/<id:pk>/figures/", figures.figures, name="centre_figures"),
    path("centres/<id:pk>/figures/<slug:name>.csv", figures.figure_csv, name="centre_figure_csv"),
    path("figures/", figures.figures, name="figures"),
    path("figures/<slug:name>.csv", figures.figure_csv, name="figure_csv"),
    path("groups/<slug:slug>/guided/", guided.guided_leadership_page, name="guided_leadership"),
    path("elsewhere/", listings.listing_list, name="external_listings"),
    path("elsewhere/<id:pk>/edit/", listings.listing_edit, name="external_listing_edit"),
    path("elsewhere/<id:pk>/delete/", listings.listing_delete, name="external_listing_delete"),
    path("newsletter/", newsletter.newsletter, name="newsletter"),
    path("newsletter/subscribe-me/", newsletter.newsletter_subscribe_me, name="newsletter_subscribe_me"),
    re_path(r"^newsletter/(?P<year>[0-9]{4})-(?P<month>[0-9]{2})/$", newsletter.newsletter_issue,
            name="newsletter_issue"),
    path("newsletter/confirm/<str:token>/", newsletter.newsletter_confirm, name="newsletter_confirm"),
    path("newsletter/unsubscribe/<str:token>/", newsletter.newsletter_unsubscribe, name="newsletter_unsubscribe"),
]
