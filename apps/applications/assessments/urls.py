from django.urls import path

from . import on_behalf_views, status_lookup, views

app_name = "assessments"

urlpatterns = [
    path("", views.application_list, name="list"),
    path("export.xlsx", views.application_export, name="export"),
    path("unit/<int:unit_id>/current/", views.unit_current, name="unit_current"),
    path("status/", status_lookup.status_lookup, name="status_lookup"),
    path("on-behalf/", on_behalf_views.unit_choose, name="on_behalf"),
    path("on-behalf/<int:unit_id>/", on_behalf_views.unit_start, name="on_behalf_start"),
    path("<int:pk>/", views.application_detail, name="detail"),
    path("<int:pk>/answers/<int:criterion_id>/", views.answer_save_view, name="answer_save"),
    path("<int:pk>/answers/<int:criterion_id>/from-survey/", views.answer_from_survey_view, name="answer_from_survey"),
    path("<int:pk>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("<int:pk>/evidence/<int:evidence_id>/", views.evidence_download, name="evidence_download"),
    path("<int:pk>/evidence/<int:evidence_id>/withdraw/", views.evidence_withdraw_view, name="evidence_withdraw"),
    path("<int:pk>/submit/", views.application_submit_view, name="submit"),
    path("<int:pk>/compare/", views.revision_compare, name="compare"),
    path("<int:pk>/history/", views.application_history, name="history"),
    path("<int:pk>/self-evaluation.pdf", views.application_pdf, name="pdf"),
]
