from django.urls import path

from . import views

app_name = "industries"

urlpatterns = [
    path("new/", views.industry_create_view, name="create"),
    path("<int:pk>/members/", views.members_edit_view, name="members"),
]
