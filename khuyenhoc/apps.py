from django.apps import AppConfig


class KhuyenhocConfig(AppConfig):
    name = "khuyenhoc"
    verbose_name = "Khuyến học"

    def ready(self):
        # Connects session_started to user_logged_in, so every sign-in starts the session's clocks.
        from . import middleware  # noqa: F401
