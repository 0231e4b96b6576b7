from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_year_list, name="list"),
    path("new/", views.campaign_year_edit, name="create"),
    path("<int:pk>/edit/", views.campaign_year_edit, name="edit"),
    path("policy/", views.policy_overview, name="policy"),
    path("policy/new/", views.policy_edit, name="policy_create"),
    path("policy/<int:pk>/", views.policy_detail, name="policy_detail"),
    path("policy/<int:pk>/edit/", views.policy_edit, name="policy_edit"),
]
