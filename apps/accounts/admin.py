from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from .models import Membership, User
from .usernames import username_check


class UsernameChecked:
    """Admin forms apply the same username rule as sign-up: no look-alikes, no reserved names."""

    def clean_username(self) -> str:
        return username_check(self.cleaned_data["username"], exclude_pk=self.instance.pk)


class UserAddForm(UsernameChecked, AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User


class UserEditForm(UsernameChecked, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["region", "unit"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    add_form = UserAddForm
    form = UserEditForm
    fieldsets = DjangoUserAdmin.fieldsets + ((None, {"fields": ("full_name", "phone")}),)
    list_display = ["username", "full_name", "phone", "is_active"]
    search_fields = ["username", "full_name", "phone"]
    inlines = [MembershipInline]
