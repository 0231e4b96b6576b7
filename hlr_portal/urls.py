from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("和谐劳动关系创建活动管理平台 · 后台")
admin.site.site_title = _("后台管理")

urlpatterns = [
    path("", include("apps.core.urls")),
    path("", include("apps.home.urls")),
    path("accounts/", include("apps.accounts.urls")),
    path("notifications/", include("apps.notifications.urls")),
    path("", include("apps.surveys.urls")),
    path("registry/", include("apps.registry.urls")),
    path("enterprises/", include("apps.registry.enterprises.urls")),
    path("parks/", include("apps.registry.parks.urls")),
    path("industries/", include("apps.registry.industries.urls")),
    path("coordinators/", include("apps.registry.coordinators.urls")),
    path("campaigns/", include("apps.campaigns.urls")),
    path("applications/", include("apps.applications.assessments.urls")),
    path("reviews/", include("apps.applications.reviews.urls")),
    path("notices/", include("apps.applications.notices.urls")),
    path("opinions/", include("apps.applications.opinions.urls")),
    path("experts/", include("apps.applications.experts.urls")),
    path("", include("apps.applications.recognitions.urls")),
    path("risks/", include("apps.oversight.risks.urls")),
    path("revocations/", include("apps.oversight.revocations.urls")),
    path("incentives/", include("apps.oversight.incentives.urls")),
    path("cultivation/", include("apps.oversight.cultivation.urls")),
    path("supervision/", include("apps.oversight.supervision.urls")),
    path("title-checks/", include("apps.oversight.title_checks.urls")),
    path("api/", include("apps.oversight.risks.api_urls")),
    path("training/", include("apps.offices.training.urls")),
    path("honours/", include("apps.offices.honours.urls")),
    path("named-units/", include("apps.applications.named_units.urls")),
    path("titles/", include("apps.applications.titles.urls")),
    path("reports/", include("apps.reports.urls")),
    path("audit/", include("apps.audit.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
