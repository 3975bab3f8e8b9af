from django.urls import path

from . import views

app_name = "programmes"

urlpatterns = [
    path("", views.organisation_list, name="organisation_list"),
    path("mine/", views.my_organisation, name="my_organisation"),
    path("<int:pk>/", views.organisation_detail, name="organisation_detail"),
]
