from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("", views.visit_list, name="list"),
    path("new/", views.visit_create, name="new"),
    path("export.xlsx", views.visit_export, name="export"),
    path("<int:pk>/", views.visit_detail, name="visit"),
    path("items/", views.item_list, name="items"),
    path("items/export.xlsx", views.item_export, name="items_export"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/decide/", views.item_decide, name="item_decide"),
]
