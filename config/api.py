"""The REST API under /api/v1/ (DESIGN §7)."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from accounts.api import ObtainTokenView
from consortia.api import ConsortiumViewSet, MembershipViewSet
from members.api import EnterpriseViewSet, InstitutionViewSet, SectorViewSet

router = DefaultRouter()
router.register("enterprises", EnterpriseViewSet, basename="enterprise")
router.register("institutions", InstitutionViewSet, basename="institution")
router.register("sectors", SectorViewSet, basename="sector")
router.register("consortia", ConsortiumViewSet, basename="consortium")

memberships = MembershipViewSet.as_view({"get": "list", "post": "create"})
membership = MembershipViewSet.as_view({"delete": "destroy"})

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="token"),
    path("consortia/<int:consortium_pk>/memberships/", memberships, name="membership-list"),
    path("consortia/<int:consortium_pk>/memberships/<int:pk>/", membership, name="membership-detail"),
    path("", include(router.urls)),
]
