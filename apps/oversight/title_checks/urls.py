from django.urls import path

from . import views

app_name = "title_checks"

urlpatterns = [
    path("", views.check_list, name="list"),
    path("new/", views.round_create, name="new"),
    path("export.xlsx", views.check_export, name="export"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("<int:pk>/", views.check_detail, name="check"),
]
