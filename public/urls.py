from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("", views.index, name="index"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/<int:area_pk>/", views.settings_save, name="settings_save"),
    path("<str:code>/", views.province, name="province"),
    path("<str:code>/figures.json", views.province_json, name="province_json"),
    path("<str:code>/figures.csv", views.province_csv, name="province_csv"),
]
