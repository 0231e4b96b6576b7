from django.urls import path

from . import views

app_name = "parks"

urlpatterns = [
    path("new/", views.park_create_view, name="create"),
    path("<int:pk>/stations/new/", views.station_add_view, name="station_add"),
]
