"""The REST API under /api/v1/ (DESIGN §7)."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from accounts.api import ObtainTokenView
from consortia.api import ConsortiumViewSet, MembershipViewSet
from members.api import EnterpriseViewSet, InstitutionViewSet, SectorViewSet
from methodology.api import PhaseViewSet, TaskViewSet
from monitoring.api import (
    BaselineViewSet,
    DashboardSummaryView,
    IndicatorViewSet,
    ReportViewSet,
    TargetViewSet,
    TrackingView,
)
from notifications.api import NotificationViewSet

router = DefaultRouter()
router.register("enterprises", EnterpriseViewSet, basename="enterprise")
router.register("institutions", InstitutionViewSet, basename="institution")
router.register("sectors", SectorViewSet, basename="sector")
router.register("consortia", ConsortiumViewSet, basename="consortium")
router.register("tasks", TaskViewSet, basename="task")
router.register("reports", ReportViewSet, basename="report")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register("targets", TargetViewSet, basename="target")
router.register("baselines", BaselineViewSet, basename="baseline")
router.register("notifications", NotificationViewSet, basename="notification")

memberships = MembershipViewSet.as_view({"get": "list", "post": "create"})
membership = MembershipViewSet.as_view({"delete": "destroy"})

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="token"),
    path("consortia/<int:consortium_pk>/memberships/", memberships, name="membership-list"),
    path("consortia/<int:consortium_pk>/memberships/<int:pk>/", membership, name="membership-detail"),
    path("consortia/<int:consortium_pk>/phases/", PhaseViewSet.as_view({"get": "list"}), name="phase-list"),
    path(
        "consortia/<int:consortium_pk>/phases/<int:pk>/", PhaseViewSet.as_view({"get": "retrieve"}), name="phase-detail"
    ),
    path(
        "consortia/<int:consortium_pk>/phases/<int:pk>/sign-off/",
        PhaseViewSet.as_view({"post": "sign_off"}),
        name="phase-sign-off",
    ),
    path(
        "consortia/<int:consortium_pk>/phases/<int:pk>/reopen/",
        PhaseViewSet.as_view({"post": "reopen"}),
        name="phase-reopen",
    ),
    path("consortia/<int:consortium_pk>/tracking/", TrackingView.as_view(), name="consortium-tracking"),
    path("dashboard/summary/", DashboardSummaryView.as_view(), name="dashboard-summary"),
    path("", include(router.urls)),
]
