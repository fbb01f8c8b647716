from django.urls import path

from . import views

urlpatterns = [
    path("", views.import_list, name="import-list"),
    path("upload/", views.import_upload, name="import-upload"),
    path("samples/<slug:slug>/", views.import_sample, name="import-sample"),
    path("<int:pk>/", views.import_detail, name="import-detail"),
    path("<int:pk>/confirm/", views.import_confirm, name="import-confirm"),
    path("<int:pk>/cancel/", views.import_cancel, name="import-cancel"),
    path("<int:pk>/retry/", views.import_retry, name="import-retry"),
]
