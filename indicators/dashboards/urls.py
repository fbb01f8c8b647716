from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("start/", views.landing, name="landing"),
    path("municipalities/<int:code>/", views.municipality_dashboard, name="municipality-detail"),
    path("municipalities/<int:code>/brief.pdf", views.municipality_brief, name="municipality-brief"),
    path("municipalities/<int:code>/pathways/<slug:pathway>/", views.pathway_detail, name="pathway-detail"),
    path("municipalities/<int:code>/similar/", views.similar_municipalities, name="similar-municipalities"),
    path("municipalities/<int:code>/coverage.csv", views.coverage_csv, name="coverage-csv"),
    path("municipalities/<int:code>/coverage/panel/", views.coverage_panel, name="coverage-panel"),
    path("", include("indicators.projection.urls")),
    path("municipalities/<int:code>/coverage/history/", views.coverage_history, name="coverage-history"),
    path("compare/", views.compare, name="compare"),
    path("national/charts.csv", views.national_chart_csv, name="national-chart-csv"),
]
