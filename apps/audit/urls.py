from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("", views.entry_list, name="list"),
    path("accounts/", views.account_event_list, name="account_events"),
]
