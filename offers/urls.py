from django.urls import path

from offers import export_views, import_views, views

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
    # Several offers at once: import, reconduction, duplication (offers/import_views.py).
    path("offres/importer/", import_views.import_offers, name="import"),
    path(
        "offres/importer/modele.xlsx",
        import_views.import_template,
        {"file_format": "xlsx"},
        name="import_template_xlsx",
    ),
    path(
        "offres/importer/modele.csv",
        import_views.import_template,
        {"file_format": "csv"},
        name="import_template_csv",
    ),
    path(
        "offres/importer/apercu/<slug:token>/",
        import_views.import_preview,
        name="import_preview",
    ),
    path("offres/reconduire/", import_views.reconduct_offers, name="reconduct"),
    path("offres/<int:pk>/dupliquer/", import_views.duplicate_offer, name="duplicate"),
    # Exports and the attestation de stage (offers/export_views.py).
    path("offres/exporter/<str:file_format>/", export_views.export_offers, name="export_offers"),
    path("duos/exporter/<str:file_format>/", export_views.export_duos, name="export_duos"),
    path("duos/<int:pk>/attestation/", export_views.attestation, name="attestation"),
]
