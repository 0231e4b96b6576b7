from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("city/", views.city_list, name="city_list"),
    path("city/confirm/", views.city_confirm, name="city_confirm"),
    path("city/batches/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("photos/<int:photo_id>/", views.photo_download, name="photo"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/panel/", views.panel_form_view, name="panel_form"),
    path("<int:pk>/sheet/", views.member_sheet, name="sheet"),
    path("<int:pk>/level/<str:level>/", views.level_sheet, name="level_sheet"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/precheck/", views.precheck, name="precheck"),
    path("<int:pk>/inspections/", views.inspection_add, name="inspection_add"),
    path("<int:pk>/evaluation.pdf", views.evaluation_pdf, name="evaluation_pdf"),
    path("<int:pk>/evaluation.docx", views.evaluation_docx, name="evaluation_docx"),
    path("<int:pk>/feedback/", views.feedback, name="feedback"),
    path("<int:pk>/send-back/", views.city_send_back, name="send_back"),
    path("<int:pk>/spot-check/", views.spot_check, name="spot_check"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
]
