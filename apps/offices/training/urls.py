from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.training_list, name="list"),
    path("export.xlsx", views.training_export, name="export"),
    path("new/", views.training_create, name="create"),
    path("<int:pk>/", views.training_detail, name="detail"),
    path("<int:pk>/edit/", views.training_edit, name="edit"),
    path("materials/<int:pk>/", views.material_download, name="material"),
    path("coordinators/", views.coordinator_hours, name="coordinator_hours"),
    path("coordinators/export.xlsx", views.coordinator_hours_export, name="coordinator_hours_export"),
]
