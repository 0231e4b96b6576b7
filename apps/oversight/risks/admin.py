from django.contrib import admin

from apps.core.admin_mixins import ReadOnlyAdmin

from .models import ApiClient, RiskEvent


@admin.register(RiskEvent)
class RiskEventAdmin(ReadOnlyAdmin):
    list_display = ["unit", "kind", "occurred_on", "severity", "source", "channel"]
    list_filter = ["kind", "severity", "channel"]
    search_fields = ["unit__name", "external_id"]


@admin.register(ApiClient)
class ApiClientAdmin(ReadOnlyAdmin):
    """Clients are registered with apps.oversight.risks.services.api_client_create, which shows the token once."""

    list_display = ["name", "region"]
    exclude = ["token_hash"]
