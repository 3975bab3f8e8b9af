from django.urls import path

from . import document_urls, views

app_name = "conferences"

urlpatterns = [
    *document_urls.urlpatterns,
    path("plans/<int:plan_pk>/periods/<int:period_pk>/", views.conference_edit, name="edit"),
    path("plans/<int:plan_pk>/next-plan/", views.plan_successor, name="successor"),
    path("<int:pk>/", views.conference_detail, name="detail"),
    path("<int:pk>/conclusions/new/", views.conclusion_edit, name="conclusion_create"),
    path("<int:pk>/conclusions/<int:conclusion_pk>/", views.conclusion_edit, name="conclusion_edit"),
    path("<int:pk>/conclusions/<int:conclusion_pk>/delete/", views.conclusion_delete, name="conclusion_delete"),
    path("<int:pk>/conclusions/<int:conclusion_pk>/close/", views.conclusion_close, name="conclusion_close"),
    path("<int:pk>/adopt/", views.conclusions_adopt, name="adopt"),
    path("<int:pk>/unfinished/<int:commitment_pk>/", views.carry_over, name="carry_over"),
]
