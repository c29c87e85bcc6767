from __future__ import annotations

import factory

from members.models import Enterprise, Institution, Sector


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ["code"]

    code = "food-beverages"
    name = "Food and beverages"
    name_en = "Food and beverages"
    name_es = "Alimentos y bebidas"


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Chamber {n}")
    acronym = factory.Sequence(lambda n: f"CH{n}")
    kind = Institution.Kind.CHAMBER
    country = "CR"


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"Enterprise {n}")
    country = "CR"
    region = "San José"
    sector = factory.SubFactory(SectorFactory)
    products = "Artisan foods"
    employees = 8
    export_status = Enterprise.ExportStatus.NONE
