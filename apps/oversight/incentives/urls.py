from django.urls import path

from . import views

app_name = "incentives"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("grants/new/", views.grant_create, name="grant_create"),
    path("measures/<slug:code>/", views.measure_units, name="measure"),
    path("measures/<slug:code>/export.xlsx", views.measure_export, name="measure_export"),
]
