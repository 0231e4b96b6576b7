from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from .api import ApiNotFound, RiskEventCollection, RiskEventItem

app_name = "api"

urlpatterns = [
    path("v1/risk-events/", RiskEventCollection.as_view(), name="risk_events"),
    path("v1/risk-events/<str:external_id>/", RiskEventItem.as_view(), name="risk_event"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    re_path(r"^.*$", ApiNotFound.as_view(), name="not_found"),
]
