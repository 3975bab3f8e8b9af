from django.urls import include, path

from . import views

app_name = "feed"

plan_feed = [
    path("", views.entries, name="entries"),
    path("post/", views.post, name="post"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
]

urlpatterns = [
    path("plans/<int:plan_pk>/feed/", include(plan_feed)),
    # Not a plan's: the weekly e-mail covers every feed the user reads.
    path("feed/settings/", views.subscription, name="settings"),
]
