from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("municipalities/<int:code>/", views.municipality_dashboard, name="municipality-detail"),
    path("municipalities/<int:code>/pathways/<slug:pathway>/", views.pathway_detail, name="pathway-detail"),
    path("municipalities/<int:code>/coverage.csv", views.coverage_csv, name="coverage-csv"),
    path("municipalities/<int:code>/coverage/panel/", views.coverage_panel, name="coverage-panel"),
    path("compare/", views.compare, name="compare"),
    path("national/charts.csv", views.national_chart_csv, name="national-chart-csv"),
]
