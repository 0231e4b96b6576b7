from django.contrib import admin
from django.db.models import FileField
from django.utils.translation import gettext_lazy as _


class PrivateFilesAdmin(admin.ModelAdmin):
    """Files in private storage have no URL, so the admin's file link (and its upload widget) raised a 500 on
    the change page: the admin shows each stored file's name instead; files leave only through the portal's
    permission-checked downloads."""

    def _file_fields(self) -> list[str]:
        return [field.name for field in self.model._meta.fields if isinstance(field, FileField)]

    def get_exclude(self, request, obj=None):
        return [*(super().get_exclude(request, obj) or []), *self._file_fields()]

    def get_readonly_fields(self, request, obj=None):
        files = self._file_fields()
        kept = [name for name in super().get_readonly_fields(request, obj) if name not in files]
        return [*kept, "stored_files"] if files else kept

    @admin.display(description=_("已存文件"))
    def stored_files(self, obj) -> str:
        names = [getattr(obj, name).name for name in self._file_fields() if obj is not None and getattr(obj, name)]
        return "；".join(names) or "—"



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


class ReadOnlyAdmin(ReadOnlyAdminMixin, PrivateFilesAdmin):
    pass
