"""Methodology titles and guidance in en, es, fr, pt (modeltranslation), like sector names."""

from modeltranslation.translator import TranslationOptions, register

from methodology.models import Methodology, PhaseTemplate, TaskTemplate


@register(Methodology)
class MethodologyTranslation(TranslationOptions):
    fields = ("name",)


@register(PhaseTemplate)
class PhaseTemplateTranslation(TranslationOptions):
    fields = ("title", "guidance")


@register(TaskTemplate)
class TaskTemplateTranslation(TranslationOptions):
    fields = ("title", "guidance")
