"""Admin of the oversight app: a program made in the admin is announced, so it gets its default topics.

programs registers the program admin and may not import this app, so this module registers
that admin again with one addition (this app comes after programs in INSTALLED_APPS, so its
admin module is loaded later; privacy.admin does the same for the user admin).
"""

from django.contrib import admin
from django.db import transaction

from programs.admin import ProgramAdmin
from programs.models import Program
from programs.program_changes import program_created

admin.site.unregister(Program)


@admin.register(Program)
class ProgramWithTopicsAdmin(ProgramAdmin):
    def save_model(self, request, obj, form, change):
        """Save the program; a new one is announced (oversight gives it the default topics) in the same transaction."""
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if not change:
                program_created(obj)
