from __future__ import annotations

import datetime

import factory

from consortia.models import Consortium, Membership
from members.tests.factories import EnterpriseFactory, SectorFactory


class ConsortiumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consortium
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Consortium {n}")
    kind = Consortium.Kind.EXPORT
    function = Consortium.Function.PROMOTIONAL
    country = "CR"
    region = "Central Valley"
    products = "Traditional foods"
    status = Consortium.Status.DRAFT

    @factory.post_generation
    def sectors(obj, create, extracted, **kwargs):
        if create:
            obj.sectors.set(extracted if extracted is not None else [SectorFactory()])

    @factory.post_generation
    def members(obj, create, extracted, **kwargs):
        """members=3 adds three current member enterprises of the consortium's country."""
        if create and extracted:
            for _ in range(extracted):
                MembershipFactory(consortium=obj, enterprise__country=obj.country)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    consortium = factory.SubFactory(ConsortiumFactory)
    enterprise = factory.SubFactory(EnterpriseFactory)
    joined = datetime.date(2024, 1, 1)
