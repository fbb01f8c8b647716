from django.urls import path

from . import edit_views, sharing_views, views

urlpatterns = [
    path("municipalities/<int:code>/interventions/", views.intervention_list, name="intervention-list"),
    path("municipalities/<int:code>/interventions/new/", edit_views.intervention_create, name="intervention-create"),
    path("municipalities/<int:code>/interventions/none-run/", views.none_run_confirmation,
         name="none-run-confirmation"),
    path("interventions/<int:pk>/", views.intervention_detail, name="intervention-detail"),
    path("interventions/<int:pk>/edit/", edit_views.intervention_edit, name="intervention-edit"),
    path("interventions/<int:pk>/delete/", views.intervention_delete, name="intervention-delete"),
    path("interventions/<int:pk>/restore/", views.intervention_restore, name="intervention-restore"),
    path("interventions/<int:pk>/partners/", sharing_views.intervention_partners, name="intervention-partners"),
    path("municipalities/<int:code>/knowledge-contact/", sharing_views.knowledge_contact, name="knowledge-contact"),
]
