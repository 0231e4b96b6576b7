from django.urls import path

from . import views

app_name = "enterprises"

urlpatterns = [
    path("new/", views.enterprise_create_view, name="create"),
    path("places/", views.enterprise_places_view, name="places"),
    path("<int:pk>/edit/", views.enterprise_edit_view, name="edit"),
    path("<int:pk>/confirm-uscc/", views.uscc_confirm_view, name="uscc_confirm"),
]
