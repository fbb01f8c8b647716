from django.urls import path

from . import views

urlpatterns = [
    path("municipalities/<int:code>/coverage/panel/", views.coverage_panel, name="coverage-panel"),
]
