from django.urls import path

from consortia import views

app_name = "consortia"

urlpatterns = [
    path("", views.consortium_list, name="list"),
    path("review/", views.review_queue, name="review_queue"),
    path("new/", views.consortium_create, name="create"),
    path("<int:pk>/", views.consortium_detail, name="detail"),
    path("<int:pk>/edit/", views.consortium_edit, name="edit"),
    path("<int:pk>/members/add/", views.membership_add, name="add_member"),
    path("<int:pk>/members/<int:membership_pk>/end/", views.membership_end, name="end_member"),
    path("<int:pk>/<slug:action>/", views.consortium_action, name="action"),
]
