from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("和谐劳动关系创建活动管理平台 · 后台")
admin.site.site_title = _("后台管理")

urlpatterns = [
    path("", include("apps.core.urls")),
    path("accounts/", include("apps.accounts.urls")),
    path("notifications/", include("apps.notifications.urls")),
    path("", include("apps.surveys.urls")),
    path("registry/", include("apps.registry.urls")),
    path("enterprises/", include("apps.enterprises.urls")),
    path("parks/", include("apps.parks.urls")),
    path("industries/", include("apps.industries.urls")),
    path("coordinators/", include("apps.coordinators.urls")),
    path("campaigns/", include("apps.campaigns.urls")),
    path("applications/", include("apps.assessments.urls")),
    path("reviews/", include("apps.reviews.urls")),
    path("notices/", include("apps.notices.urls")),
    path("", include("apps.recognitions.urls")),
    path("risks/", include("apps.risks.urls")),
    path("revocations/", include("apps.revocations.urls")),
    path("incentives/", include("apps.incentives.urls")),
    path("cultivation/", include("apps.cultivation.urls")),
    path("api/", include("apps.risks.api_urls")),
    path("named-units/", include("apps.named_units.urls")),
    path("reports/", include("apps.reports.urls")),
    path("audit/", include("apps.audit.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
