from django.urls import path

from . import import_views

urlpatterns = [
    path("", import_views.import_list, name="import-list"),
    path("upload/", import_views.import_upload, name="import-upload"),
    path("samples/<slug:slug>/", import_views.import_sample, name="import-sample"),
    path("<int:pk>/", import_views.import_detail, name="import-detail"),
    path("<int:pk>/confirm/", import_views.import_confirm, name="import-confirm"),
    path("<int:pk>/cancel/", import_views.import_cancel, name="import-cancel"),
    path("<int:pk>/retry/", import_views.import_retry, name="import-retry"),
]
