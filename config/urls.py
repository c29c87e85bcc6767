from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from portal import views as portal_views


def _docs_view(view):
    """The API docs page: for signed-in people (sent to sign in first) unless API_DOCS_PUBLIC."""
    return view if settings.API_DOCS_PUBLIC else login_required(view)


urlpatterns = [
    path("", portal_views.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("enterprises/", include("members.urls")),
    # Before consortia: its <pk>/<action>/ route would take <pk>/methodology/.
    path("", include("methodology.urls")),
    path("consortia/", include("consortia.urls")),
    path("reports/", include("monitoring.urls")),
    path("notifications/", include("notifications.urls")),
    path("api/v1/", include(("config.api", "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file: no inline script for the CSP to refuse.
    path("api/docs/", _docs_view(SpectacularSwaggerSplitView.as_view(url_name="schema")), name="api-docs"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
