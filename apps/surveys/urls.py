from django.urls import path

from . import in_force_views, views

app_name = "surveys"

urlpatterns = [
    path("surveys/", views.survey_list, name="list"),
    path("surveys/unit/<int:unit_id>/open/", views.survey_open_view, name="open"),
    path("surveys/<int:pk>/", views.survey_detail, name="detail"),
    path("surveys/<int:pk>/poster/", views.survey_poster, name="poster"),
    path("surveys/<int:pk>/codes/", views.survey_codes_view, name="codes"),
    path("surveys/<int:pk>/arrivals/", views.survey_arrivals_view, name="arrivals"),
    path("surveys/<int:pk>/close/", views.survey_close_view, name="close"),
    path("surveys/<int:pk>/reopen/", views.survey_reopen_view, name="reopen"),
    path("s/<str:token>/", views.survey_respond, name="respond"),
    path("standards/", in_force_views.standard_in_force_list, name="standards"),
    path("standards/choose/", in_force_views.standard_in_force_edit, name="standard_choose"),
    path("standards/<int:pk>/edit/", in_force_views.standard_in_force_edit, name="standard_in_force_edit"),
    path("standards/upload/", in_force_views.standard_file_upload, name="standard_upload"),
]
