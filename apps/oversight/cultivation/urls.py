from django.urls import path

from . import views

app_name = "cultivation"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("targets/new/", views.target_create, name="target_create"),
    path("targets/<int:pk>/", views.target_detail, name="target"),
    path("quota/", views.quota_edit, name="quota"),
]
