from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from talentloop.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        ("TalentLoop", {"fields": ("display_name", "preferred_language")}),
    )
    list_display = ("username", "display_name", "email", "is_active", "last_login")
