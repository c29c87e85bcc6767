from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django_countries.serializers import CountryFieldMixin
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from members import selectors, services
from members.filters import EnterpriseFilter, InstitutionFilter
from members.models import Enterprise, Institution, Sector


class SectorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sector
        fields = ["code", "name"]


class InstitutionSerializer(CountryFieldMixin, serializers.ModelSerializer):
    class Meta:
        model = Institution
        fields = ["id", "name", "acronym", "kind", "country", "city", "website"]


class EnterpriseSerializer(CountryFieldMixin, serializers.ModelSerializer):
    sector = serializers.SlugRelatedField(slug_field="code", queryset=Sector.objects.all())
    size_class = serializers.CharField(read_only=True)

    class Meta:
        model = Enterprise
        fields = ["id", *services.ENTERPRISE_FIELDS, "size_class", "created_at", "updated_at"]
        # The service runs the model's validation (tax id per country and the rest).
        validators = []
        extra_kwargs = {"export_markets": {"required": False}}

    def create(self, validated_data):
        enterprise = services.enterprise_create(by=self.context["request"].user, **validated_data)
        return Enterprise.objects.with_size_class().get(pk=enterprise.pk)  # as the list shows it

    def update(self, instance, validated_data):
        enterprise = services.enterprise_update(enterprise=instance, by=self.context["request"].user, **validated_data)
        return Enterprise.objects.with_size_class().get(pk=enterprise.pk)


class SectorViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SectorSerializer
    queryset = Sector.objects.all()
    lookup_field = "code"


class InstitutionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = InstitutionSerializer
    queryset = Institution.objects.all()
    filterset_class = InstitutionFilter


class EnterpriseViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """SMEs you may see. Officials register; representatives edit their own."""

    serializer_class = EnterpriseSerializer
    filterset_class = EnterpriseFilter

    def get_queryset(self):
        return selectors.visible_enterprises(self.request.user)

    def create(self, request, *args, **kwargs):
        # Who may register is answered before what they sent is judged.
        if not request.user.has_perm("members.register_enterprise"):
            raise PermissionDenied(_("Only chamber officials and admins register enterprises."))
        return super().create(request, *args, **kwargs)
