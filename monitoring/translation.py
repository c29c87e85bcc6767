"""Indicator names in en, es, fr, pt (modeltranslation), like methodology titles."""

from modeltranslation.translator import TranslationOptions, register

from monitoring.models import Indicator


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name",)
