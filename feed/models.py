"""The feed of a plan: what its parties tell each other (notices, official letters) and what
happened to it (a report accepted, a pupil list sent, a conference held), in one place that the
staff of every party and the units reporting on the plan read (``feed.access``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from programmes.models import Organisation, Plan


class Entry(models.Model):
    class Kind(models.TextChoices):
        NOTICE = "notice", _("Notice")
        LETTER = "letter", _("Official letter")
        REPORT_ACCEPTED = "report_accepted", _("Report accepted")
        LIST_SENT = "list_sent", _("Pupil list sent")
        CONFERENCE = "conference", _("Review conference")
        CONCLUSION_DUE = "conclusion_due", _("Conclusion due")
        OTHER = "other", _("Other")

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="feed_entries")
    kind = models.CharField(pgettext_lazy("feed", "kind"), max_length=20, choices=Kind.choices)
    party = models.ForeignKey(
        Organisation,
        verbose_name=_("party"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The party that posted it, or that the event concerns."),
    )
    title = models.CharField(pgettext_lazy("feed", "title"), max_length=255)
    body = models.TextField(_("text"), blank=True)
    link = models.CharField(_("link"), max_length=255, blank=True, help_text=_("A page of the portal."))
    number = models.CharField(_("number and symbol"), max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # An automatic entry's event ("report_accepted:12:5"): each is recorded once, whatever the retries.
    key = models.CharField(max_length=200, unique=True, null=True, blank=True, editable=False)
    # Set when the readers were notified (feed.services.entry_notify): a retried task notifies no one twice.
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("feed entry")
        verbose_name_plural = _("feed entries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["plan", "-created_at"], name="feed_entry_plan_recent")]

    def __str__(self):
        return self.title

    @property
    def is_automatic(self) -> bool:
        return self.kind in AUTOMATIC_KINDS


# What people post; the other kinds are recorded by the portal when something happens.
POSTED_KINDS = (Entry.Kind.NOTICE, Entry.Kind.LETTER, Entry.Kind.OTHER)
AUTOMATIC_KINDS = frozenset(Entry.Kind.values) - set(POSTED_KINDS)


class EntryAttachment(models.Model):
    """A file posted with an entry: checked by its content (``programmes.validators.evidence_type``),
    stored under a generated name; the uploaded name is only shown."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="feed/%Y/")
    name = models.CharField(_("name"), max_length=255)
    size = models.PositiveIntegerField(_("size"))
    content_type = models.CharField(_("type"), max_length=100)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self):
        return self.name


class FeedRead(models.Model):
    """When a user last opened a plan's feed: what came after is new to them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "plan"], name="feed_read_once_per_plan")]


class FeedSubscription(models.Model):
    """A user's choice of a weekly e-mail of the feeds they read (off unless chosen)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_subscription")
    weekly_digest = models.BooleanField(_("weekly e-mail of my plans' feeds"), default=False)


class FeedDigest(models.Model):
    """The weekly digest of one user for one week, recorded once: a second run of the week, a
    second beat or a retried task finds it and sends nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.DateField(help_text="The Monday of the week the digest covers.")
    entries = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "week"], name="feed_digest_once_a_week")]
