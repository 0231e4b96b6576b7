from django.urls import path

from . import views

app_name = "coordinators"

urlpatterns = [
    path("", views.coordinator_list, name="list"),
    path("new/", views.coordinator_create_view, name="create"),
    path("<int:pk>/edit/", views.coordinator_edit_view, name="edit"),
]
