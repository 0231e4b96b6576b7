from django.urls import path

from . import views

app_name = "notices"

urlpatterns = [
    path("", views.public_list, name="public_list"),
    path("<int:pk>/", views.public_detail, name="public_detail"),
    path("<int:pk>/object/", views.objection_create, name="object"),
    path("manage/", views.manage, name="manage"),
    path("manage/<int:pk>/", views.manage_detail, name="manage_detail"),
    path("manage/<int:pk>/name/", views.name_all, name="name_all"),
    path("manage/<int:pk>/notice.pdf", views.notice_file, {"fmt": "pdf"}, name="notice_pdf"),
    path("manage/<int:pk>/notice.docx", views.notice_file, {"fmt": "docx"}, name="notice_docx"),
    path("manage/<int:pk>/decision.pdf", views.decision_file, {"fmt": "pdf"}, name="decision_pdf"),
    path("manage/<int:pk>/decision.docx", views.decision_file, {"fmt": "docx"}, name="decision_docx"),
    path("province/", views.province, name="province"),
    path("province/forward/", views.province_forward_view, name="province_forward"),
    path("province/<int:pk>/", views.province_record, name="province_record"),
    path("objections/<int:pk>/handle/", views.objection_handle_view, name="handle"),
]
