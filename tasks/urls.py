from django.urls import path

from . import views

app_name = "tasks"

urlpatterns = [
    path("", views.notification_list, name="notifications"),
    path("read-all/", views.notifications_read_all, name="notifications_read_all"),
    path("<int:pk>/open/", views.notification_open, name="notification_open"),
    path("settings/", views.preferences, name="preferences"),
]
