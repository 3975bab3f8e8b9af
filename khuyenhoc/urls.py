from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from tasks.views import home

from . import offline, views

urlpatterns = [
    path("", home, name="home"),  # each person's to-do list (tasks: what comes next for whom)
    path("sw.js", offline.service_worker, name="service_worker"),
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    path("offline/", offline.offline, name="offline"),  # filing without a connection: khuyenhoc/offline.py
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("programmes.urls")),
    path("reports/", include("reports.urls")),
    path("notifications/", include("tasks.urls")),
    path("lists/", include("awards.urls")),
    path("conferences/", include("conferences.urls")),
    path("public/", include("public.urls")),
    path("", include("feed.urls")),  # plans/<plan>/feed/…, and feed/settings/
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
