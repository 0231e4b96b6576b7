from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("", views.entry_list, name="list"),
    path("applications/<int:pk>/", views.application_history, name="application"),
    path("accounts/", views.account_event_list, name="account_events"),
]
