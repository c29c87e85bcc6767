"""Translated catalogue fields (django-modeltranslation: name_en, name_es, name_fr, name_pt)."""

from modeltranslation.translator import TranslationOptions, register

from members.models import Sector


@register(Sector)
class SectorTranslation(TranslationOptions):
    fields = ("name",)
