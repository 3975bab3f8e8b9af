"""Reminder settings, the record of every reminder, in-app notifications and opt-outs."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from programmes.models import Area


class Kind(models.TextChoices):
    DUE_SOON = "due_soon", _("Report due soon")
    DUE_TODAY = "due_today", _("Report due today")
    OVERDUE = "overdue", _("Report overdue")
    LATE_DIGEST = "late_digest", _("Units still late (digest)")
    RETURNED = "returned", _("Report returned")
    CONFERENCE = "conference", _("Review conference coming")
    PLAN_ENDING = "plan_ending", _("Plan ending")
    LIST_DUE = "list_due", _("Pupil list due soon")


def _days(text: str) -> list[int]:
    return sorted({int(part) for part in text.replace(";", ",").split(",") if part.strip().isdigit()}, reverse=True)


class ReminderSettings(models.Model):
    """Lead times of a province's reminders (national default: no area). The dates
    they count from live on each reporting period and plan."""

    area = models.OneToOneField(
        Area, verbose_name=_("area"), on_delete=models.CASCADE, null=True, blank=True, related_name="reminder_settings"
    )
    due_days = models.CharField(
        _("remind before the due date (days)"),
        max_length=50,
        default="14,3",
        help_text=_("Comma-separated, e.g. 14,3."),
    )
    overdue_days = models.CharField(
        _("remind after the due date (days)"),
        max_length=50,
        default="1,7",
        help_text=_(
            "The last one is copied to the parent organisation (the association or the partner above the unit)."
        ),
    )
    digest_days = models.PositiveSmallIntegerField(
        _("digest of late units to the province, days after the due date"), default=10
    )
    conference_days = models.PositiveSmallIntegerField(_("remind before the review conference (days)"), default=7)
    plan_ending_days = models.PositiveSmallIntegerField(_("remind editors before a plan ends (days)"), default=90)

    class Meta:
        verbose_name = _("reminder settings")
        verbose_name_plural = _("reminder settings")

    def __str__(self):
        return str(self.area) if self.area else str(_("National default"))

    @property
    def due_steps(self) -> list[int]:
        return _days(self.due_days)

    @property
    def overdue_steps(self) -> list[int]:
        return sorted(_days(self.overdue_days))


class Reminder(models.Model):
    """One reminder to one person. The unique key makes every send happen once,
    whatever the number of sweeps, workers or retries."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Skipped")
        FAILED = "failed", _("Failed")

    key = models.CharField(max_length=200, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    step = models.IntegerField(
        _("step"), default=0, help_text=_("Days before (positive) or after (negative) the date.")
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="reminders"
    )
    plan = models.ForeignKey("programmes.Plan", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    period = models.ForeignKey(
        "reports.ReportingPeriod", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "programmes.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    report = models.ForeignKey(
        "reports.ProgressReport", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    link = models.CharField(_("link"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    skipped_because = models.CharField(_("skipped because"), max_length=100, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)
    # Set before the first SMTP transaction and reused by every retry: if a worker dies after the
    # server took the message but before the row says "sent", the copy sent again carries the
    # same Message-ID, which mail servers and programs treat as the same message.
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient}"


class Notification(models.Model):
    """What a reminder says, inside the portal."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    reminder = models.OneToOneField(
        Reminder, on_delete=models.CASCADE, null=True, blank=True, related_name="notification"
    )
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("text"), blank=True)
    link = models.CharField(_("link"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]


class ReminderOptOut(models.Model):
    """A kind of reminder a user does not want by e-mail."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_opt_outs")
    kind = models.CharField(max_length=20, choices=Kind.choices)

    class Meta:
        verbose_name = _("reminder turned off")
        verbose_name_plural = _("reminders turned off")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="opt_out_unique")]
