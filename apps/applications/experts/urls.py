from django.urls import path

from . import views

app_name = "experts"

urlpatterns = [
    path("", views.expert_list, name="list"),
    path("export/", views.expert_export, name="export"),
    path("add/", views.expert_add, name="add"),
    path("<int:pk>/", views.expert_edit, name="edit"),
    path("draws/", views.draw_list, name="draws"),
    path("draws/export.xlsx", views.draw_export, name="draws_export"),
    path("draws/<int:pk>/", views.draw_detail, name="draw_detail"),
    path("applications/<int:pk>/draw/", views.panel_draw, name="draw"),
    path("applications/<int:pk>/decline/", views.expert_decline, name="decline"),
]
