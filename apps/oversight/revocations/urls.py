from django.urls import path

from . import views

app_name = "revocations"

urlpatterns = [
    path("rules/", views.rule_list, name="rules"),
    path("rules/new/", views.rule_edit, name="rule_create"),
    path("rules/<int:pk>/", views.rule_edit, name="rule_edit"),
    path("cases/", views.case_list, name="cases"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("propose/<int:recognition_pk>/", views.case_propose, name="propose"),
    path("cases/<int:pk>/confirm/", views.case_confirm, name="confirm"),
    path("cases/<int:pk>/dismiss/", views.case_dismiss, name="dismiss"),
    path("cases/<int:pk>/consent/", views.case_consent, name="consent"),
    path("cases/<int:pk>/plaque/", views.case_plaque, name="plaque"),
    path("cases/<int:pk>/notice.pdf", views.case_notice_file, {"fmt": "pdf"}, name="notice_pdf"),
    path("cases/<int:pk>/notice.docx", views.case_notice_file, {"fmt": "docx"}, name="notice_docx"),
    path("notices/", views.public_notices, name="public_notices"),
]
