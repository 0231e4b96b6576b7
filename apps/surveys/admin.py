"""Read-only admin for questionnaires and surveys.

Answers, responses and device hashes are deliberately not registered: no
page of the portal shows a single answer.
"""

from django.contrib import admin

from apps.core.admin_mixins import ReadOnlyAdminMixin

from .models import Survey, SurveyOption, SurveyQuestion, SurveyTemplate


class OptionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = SurveyOption
    fields = ["order", "value", "label", "counts_as_satisfied"]


class QuestionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = SurveyQuestion
    fields = ["order", "code", "dimension", "text", "is_overall"]


@admin.register(SurveyTemplate)
class SurveyTemplateAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Questionnaires change only by loading a file (load_survey_template)."""

    list_display = ["title", "code", "version", "is_active", "threshold_percent", "min_responses", "loaded_at"]
    inlines = [OptionInline, QuestionInline]


@admin.register(Survey)
class SurveyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["unit", "year", "status", "response_count", "max_responses", "opened_at"]
    list_filter = ["year", "status"]
    search_fields = ["unit__name"]
    exclude = ["token"]
