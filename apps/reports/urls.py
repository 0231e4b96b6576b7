from django.urls import path

from . import target_views, views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("start/", views.report_start, name="start"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/retry/", views.report_retry, name="retry"),
    path("<int:pk>/download/<str:fmt>/", views.report_download, name="download"),
    path("duties/", views.duty_list, name="duties"),
    path("duties/<int:policy_pk>/edit/", views.duty_edit, name="duty_edit"),
    path("indicators/", views.indicator_list, name="indicators"),
    path("indicators/edit/", views.indicator_edit, name="indicator_edit"),
    path("indicators/import/", views.indicator_upload, name="indicator_upload"),
    path("indicators/template.xlsx", views.indicator_template, name="indicator_template"),
    path("targets/", target_views.target_list, name="targets"),
    path("targets/new/", target_views.target_create, name="target_new"),
    path("targets/units/new/", target_views.target_unit_create, name="target_unit_new"),
    path("targets/<int:pk>/edit/", target_views.target_edit, name="target_edit"),
    path("targets/export.xlsx", target_views.target_export, name="target_export"),
    path("narrative/", views.narrative_edit, name="narrative"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/new/", views.case_edit, name="case_new"),
    path("cases/<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("cases/<int:pk>/publish/", views.case_toggle_publish, name="case_publish"),
    path("cases/published/", views.public_cases, name="public_cases"),
    path("cases/published/<int:pk>/", views.public_case, name="public_case"),
]
