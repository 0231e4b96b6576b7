from django.urls import path

from . import views

app_name = "honours"

urlpatterns = [
    path("", views.honour_list, name="list"),
    path("export.xlsx", views.honour_export, name="export"),
    path("new/", views.honour_create, name="create"),
    path("<int:pk>/edit/", views.honour_edit, name="edit"),
]
