from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Visible to system administrators for support; changed only through the portal's services.

    Records such as audit logs, cases and generated reports carry history that
    must not be edited by hand.
    """

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
