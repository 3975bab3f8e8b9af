"""The review conference (hội nghị sơ kết, tổng kết) of a plan's half-year, its conclusions, and
what became of the commitments left undone."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from programmes.models import Commitment, Organisation, Plan
from reports.models import Proposal, ReportingPeriod


class Conference(models.Model):
    """The meeting that reviews a half-year of a plan: one per period. Scheduling it moves the
    period's conference date, which the reminders count from."""

    class Kind(models.TextChoices):
        REVIEW = "review", _("Half-year review (sơ kết)")
        FINAL = "final", _("Final review of the plan (tổng kết)")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="conferences")
    period = models.OneToOneField(
        ReportingPeriod, verbose_name=_("half-year"), on_delete=models.PROTECT, related_name="conference"
    )
    kind = models.CharField(
        pgettext_lazy("conference", "kind"), max_length=10, choices=Kind.choices, default=Kind.REVIEW
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=255)
    chairs = models.TextField(_("chaired by"), help_text=_("One per line: name and position."))
    minutes = models.TextField(
        _("minutes"), blank=True, help_text=_("What was said and decided, as the minutes record it.")
    )
    minutes_number = models.CharField(_("number of the minutes"), max_length=60, blank=True)
    notice_number = models.CharField(_("number of the conclusions notice"), max_length=60, blank=True)
    secretary = models.CharField(_("secretary"), max_length=150, blank=True, help_text=_("Who took the minutes."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review conference")
        verbose_name_plural = _("review conferences")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.period}"


class Attendance(models.Model):
    """Who came for one of the plan's parties."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="attendance")
    organisation = models.ForeignKey(Organisation, verbose_name=_("party"), on_delete=models.PROTECT, related_name="+")
    people = models.TextField(_("participants"), blank=True, help_text=_("One per line: name and position."))

    class Meta:
        verbose_name = _("participants of a party")
        verbose_name_plural = _("participants")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "organisation"], name="attendance_one_per_party"),
        ]


class Conclusion(models.Model):
    """One numbered conclusion: who does what by when. Added to the plan it becomes a commitment
    of the next half-year (``adopted_as``); until done it is shown to the units responsible."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="conclusions")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("conclusion"))
    responsible = models.ForeignKey(
        Organisation, verbose_name=_("responsible party"), on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("about the commitment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conclusions",
    )
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("answers the proposal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conclusions",
    )
    adopted_as = models.OneToOneField(
        Commitment,
        verbose_name=_("added to the plan as"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="from_conclusion",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_note = models.CharField(_("note on closing"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("conclusion")
        verbose_name_plural = _("conclusions")
        ordering = ["conference", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "number"],
                name="conclusion_unique_number",
                violation_error_message=_("Another conclusion of this conference already has this number."),
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:80]}"


class CarryOver(models.Model):
    """What the conference decided for a commitment not done by the end of its half-year: carried
    into the next one (a one-off gets the next half-year's end as its deadline), or closed with a
    reason (withdrawn from the plan)."""

    class Decision(models.TextChoices):
        CARRIED = "carried", _("Carried into the next half-year")
        CLOSED = "closed", _("Closed")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="carry_overs")
    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="carry_overs")
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    reason = models.TextField(_("reason"), blank=True)
    previous_deadline = models.DateField(_("deadline before"), null=True, blank=True)
    new_deadline = models.DateField(_("new deadline"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("carried-over commitment")
        verbose_name_plural = _("carried-over commitments")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "commitment"], name="carry_over_once_per_conference"),
        ]
