from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("enterprises/", include("members.urls")),
    # Before consortia: its <pk>/<action>/ route would take <pk>/methodology/.
    path("", include("methodology.urls")),
    path("consortia/", include("consortia.urls")),
    path("reports/", include("monitoring.urls")),
    path("notifications/", include("notifications.urls")),
    path("api/v1/", include(("config.api", "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
