from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["region", "unit"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = DjangoUserAdmin.fieldsets + ((None, {"fields": ("full_name", "phone")}),)
    list_display = ["username", "full_name", "phone", "is_active"]
    search_fields = ["username", "full_name", "phone"]
    inlines = [MembershipInline]
