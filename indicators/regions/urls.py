from django.urls import path

from . import views

urlpatterns = [
    path("regions/<slug:slug>/", views.region_detail, name="region-detail"),
    path("regions/<slug:slug>/slides.pptx", views.region_slides, name="region-slides"),
    path("municipalities/<int:code>/slides.pptx", views.municipality_slides, name="municipality-slides"),
]
