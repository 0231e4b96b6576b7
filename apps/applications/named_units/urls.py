from django.urls import path

from . import views

app_name = "named_units"

urlpatterns = [
    path("reports/", views.report_list, name="report_list"),
    path("reports/mine/", views.mine, name="mine"),
    path("reports/missing/", views.missing, name="missing"),
    path("reports/file/<int:recognition_id>/", views.report_file, name="report_file"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/review/", views.report_review, name="report_review"),
    path("reports/<int:pk>/attachment/", views.report_attachment, name="report_attachment"),
    path("coordinators/missing/", views.coordinator_gaps, name="coordinator_gaps"),
    path("province/", views.province, name="province"),
    path("province/named.xlsx", views.province_excel, name="province_excel"),
    path("province/named.docx", views.province_file, {"fmt": "docx"}, name="province_docx"),
    path("province/named.pdf", views.province_file, {"fmt": "pdf"}, name="province_pdf"),
    path("province/exports/<int:pk>/", views.export_detail, name="export_detail"),
    path("province/exports/<int:pk>/download/", views.export_download, name="export_download"),
]
