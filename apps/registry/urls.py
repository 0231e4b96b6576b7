from django.urls import path

from . import import_views, views
from .credit import views as credit_views

app_name = "registry"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("signup/places/", views.signup_places, name="signup_places"),
    path("units/", views.unit_list, name="unit_list"),
    path("units/export.xlsx", views.unit_export, name="unit_export"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/<int:pk>/contacts/", views.unit_contact_reveal, name="unit_contact_reveal"),
    path("units/<int:pk>/verify/", views.unit_verify_view, name="unit_verify"),
    path("units/<int:pk>/reject/", views.unit_reject_view, name="unit_reject"),
    path("units/<int:pk>/resubmit/", views.registration_resubmit, name="registration_resubmit"),
    path("units/<int:pk>/credit/new/", credit_views.credit_evaluation_new, name="credit_evaluation_new"),
    path("units/<int:pk>/red-list/new/", credit_views.red_list_entry_new, name="red_list_entry_new"),
    path("units/<int:pk>/red-list/<int:entry_pk>/end/", credit_views.red_list_entry_end_view,
         name="red_list_entry_end"),
    path("red-list/", credit_views.red_list, name="red_list"),
    path("red-list/export.xlsx", credit_views.red_list_export, name="red_list_export"),
    path("pending/", views.pending_list, name="pending"),
    path("import/", import_views.import_upload, name="import_upload"),
    path("import/template.xlsx", import_views.import_template, name="import_template"),
    path("import/parks/", import_views.import_upload, {"kind": "park"}, name="import_upload_parks"),
    path("import/parks/template.xlsx", import_views.import_template, {"kind": "park"},
         name="import_template_parks"),
    path("import/industries/", import_views.import_upload, {"kind": "industry"}, name="import_upload_industries"),
    path("import/industries/template.xlsx", import_views.import_template, {"kind": "industry"},
         name="import_template_industries"),
    path("import/<int:pk>/", import_views.import_preview, name="import_preview"),
    path("import/<int:pk>/confirm/", import_views.import_confirm, name="import_confirm"),
]
