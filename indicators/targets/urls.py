from django.urls import path

from . import views

urlpatterns = [
    path("municipalities/<int:code>/targets/", views.target_list, name="target-list"),
    path("municipalities/<int:code>/targets/new/", views.target_create, name="target-create"),
    path("municipalities/<int:code>/targets/<int:pk>/edit/", views.target_edit, name="target-edit"),
]
