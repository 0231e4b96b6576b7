from django.urls import path

from . import views

app_name = "incentives"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("mine/", views.mine, name="mine"),
    path("export.xlsx", views.catalogue_export, name="catalogue_export"),
    path("grants/new/", views.grant_create, name="grant_create"),
    path("measures/new/", views.measure_create, name="measure_create"),
    path("measures/<int:pk>/", views.measure_units, name="measure"),
    path("measures/<int:pk>/edit/", views.measure_edit, name="measure_edit"),
    path("measures/<int:pk>/export.xlsx", views.measure_export, name="measure_export"),
]
