from django.contrib import admin


class ReadOnlyAdminMixin:
    """Visible to system administrators for support; changed only through the portal's services.

    Workflow records (applications and what hangs on them, titles, cases, grants, generated reports,
    audit logs) carry history and rules that the admin's forms would bypass: a certificate's validity
    edited here would show on the public verification page, a deleted application would take its
    answers and evidence with it. Mixed into a ModelAdmin or an inline.
    """

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass
