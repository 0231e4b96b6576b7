from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_year_list, name="list"),
    path("new/", views.campaign_year_edit, name="create"),
    path("<int:pk>/edit/", views.campaign_year_edit, name="edit"),
]
