from django.urls import path

from monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("", views.report_list, name="reports"),
    path("<int:pk>/", views.report_detail, name="report"),
    path("<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("<int:pk>/review/", views.report_review, name="report_review"),
    path("<int:pk>/print/", views.report_print, name="report_print"),
    path("<int:pk>/history/", views.report_history, name="report_history"),
    path("consortium/<int:pk>/targets/history/", views.target_history, name="target_history"),
    path("consortium/<int:pk>/targets/<slug:code>/", views.indicator_targets, name="indicator_targets"),
    path("<int:pk>/attachments/", views.report_attach, name="report_attach"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("consortium/<int:pk>/", views.consortium_monitoring, name="consortium"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/<slug:table>.<str:fmt>", views.dashboard_export, name="dashboard_export"),
    path("tracking/<int:pk>.<str:fmt>", views.tracking_sheet, name="tracking_sheet"),
]
