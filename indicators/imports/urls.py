from django.urls import path

from . import format_views, views

urlpatterns = [
    path("", views.import_list, name="import-list"),
    path("upload/", views.import_upload, name="import-upload"),
    path("samples/<slug:slug>/", views.import_sample, name="import-sample"),
    path("formater/<slug:kind>/", format_views.import_format, name="import-format"),
    path("formater/<slug:kind>/eksempel.csv", format_views.import_format_csv, name="import-format-csv"),
    path("formater/<slug:kind>/skabelon.xlsx", format_views.import_format_xlsx, name="import-format-xlsx"),
    path("<int:pk>/", views.import_detail, name="import-detail"),
    path("<int:pk>/confirm/", views.import_confirm, name="import-confirm"),
    path("<int:pk>/cancel/", views.import_cancel, name="import-cancel"),
    path("<int:pk>/retry/", views.import_retry, name="import-retry"),
]
