from django.urls import path

from offers import export_views, views

app_name = "offers"
urlpatterns = [
    path("offres/", views.offer_list, name="list"),
    path("offres/ajouter/", views.offer_create, name="create"),
    path("offres/<int:pk>/", views.offer_detail, name="detail"),
    path("offres/<int:pk>/editer/", views.offer_edit, name="edit"),
    path("offres/<int:pk>/supprimer/", views.offer_delete, name="delete"),
    path("offres/<int:pk>/interet/", views.declare_interest, name="declare_interest"),
    path("offres/<int:pk>/interet/retirer/", views.withdraw_interest, name="withdraw_interest"),
    path("offres/<int:pk>/duo/", views.form_duo, name="form_duo"),
    path("duos/", views.my_duos, name="my_duos"),
    path("duos/<int:pk>/annuler/", views.cancel_duo, name="cancel_duo"),
    path("historique/", views.history, name="history"),
    # Exports and the attestation de stage (offers/export_views.py).
    path("offres/exporter/<str:file_format>/", export_views.export_offers, name="export_offers"),
    path("duos/exporter/<str:file_format>/", export_views.export_duos, name="export_duos"),
    path("duos/<int:pk>/attestation/", export_views.attestation, name="attestation"),
]
