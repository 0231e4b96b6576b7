from django.urls import path

from . import views

app_name = "opinions"

urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("send/", views.consultation_send_view, name="send"),
    path("<int:pk>/", views.consultation_detail, name="detail"),
    path("<int:pk>/export/", views.consultation_export, name="export"),
    path("objections/<int:pk>/handle/", views.opinion_handle_view, name="handle"),
    path("departments/", views.department_list, name="departments"),
    path("departments/<int:pk>/", views.department_edit, name="department_edit"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:pk>/", views.answer, name="answer"),
]
