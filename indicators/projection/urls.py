from django.urls import path

from . import views

urlpatterns = [
    path("municipalities/<int:code>/projection/", views.municipality_projection, name="municipality-projection"),
    path("municipalities/<int:code>/projection.csv", views.projection_csv, name="projection-csv"),
    path("regions/<int:code>/projection/", views.region_projection, name="region-projection"),
    path("projection/", views.national_projection, name="national-projection"),
]
