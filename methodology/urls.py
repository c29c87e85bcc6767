from django.urls import path

from methodology import views

app_name = "methodology"

urlpatterns = [
    path("consortia/<int:pk>/methodology/", views.checklist, name="checklist"),
    path("tasks/mine/", views.my_tasks, name="my_tasks"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("tasks/<int:pk>/update/", views.task_update, name="task_update"),
    path("tasks/<int:pk>/row/", views.task_row, name="task_row"),
    path("phases/<int:pk>/tasks/", views.phase_tasks, name="phase_tasks"),
    path("tasks/<int:pk>/comments/", views.task_comment, name="task_comment"),
    path("tasks/<int:pk>/evidence/", views.evidence_attach, name="evidence_attach"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("phases/<int:pk>/sign-off/", views.phase_sign_off, name="sign_off"),
    path("phases/<int:pk>/reopen/", views.phase_reopen, name="reopen"),
    path("phases/<int:pk>/tasks/new/", views.task_add, name="task_add"),
]
