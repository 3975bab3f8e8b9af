"""Reporting periods, the units that report, their semi-annual reports and the review."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from programmes.models import Area, Commitment, Indicator, Organisation, Plan


class ReportingSchedule(models.Model):
    """The cut-offs of a province's semi-annual reports (national default: no area).

    Defaults follow Nghị định 09/2019/NĐ-CP on periodic reports: the first
    half runs from 15/12 of the previous year to 14/6, the second from 15/6
    to 14/12. Units report a few days after the end, filing locks later, and
    the review conference follows.
    """

    area = models.OneToOneField(
        Area, verbose_name=_("area"), on_delete=models.CASCADE, null=True, blank=True, related_name="reporting_schedule"
    )
    h1_start_day = models.PositiveSmallIntegerField(
        _("first half starts on day"), default=15, validators=[MinValueValidator(1), MaxValueValidator(28)]
    )
    h1_start_month = models.PositiveSmallIntegerField(
        _("of the previous year's month"), default=12, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    h2_start_day = models.PositiveSmallIntegerField(
        _("second half starts on day"), default=15, validators=[MinValueValidator(1), MaxValueValidator(28)]
    )
    h2_start_month = models.PositiveSmallIntegerField(
        _("of month"), default=6, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    due_days = models.PositiveSmallIntegerField(_("reports due, days after the end"), default=5)
    lock_days = models.PositiveSmallIntegerField(_("filing locked, days after the due date"), default=15)
    conference_days = models.PositiveSmallIntegerField(_("review conference, days after the due date"), default=20)

    class Meta:
        verbose_name = _("reporting schedule")
        verbose_name_plural = _("reporting schedules")

    def __str__(self):
        return str(self.area) if self.area else str(_("National default"))


def half_year_label(year: int, half: str) -> str:
    """A half-year as people say it, "6 tháng đầu năm 2026", never its code (H1/2026).

    Pages, e-mails and files all name a half-year through this function."""
    if half == "H1":
        return _("First half of %(year)s") % {"year": year}
    return _("Second half of %(year)s") % {"year": year}


class ReportingPeriod(models.Model):
    class Half(models.TextChoices):
        H1 = "H1", _("first half")
        H2 = "H2", _("second half")

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="periods")
    year = models.PositiveSmallIntegerField(_("year"))
    half = models.CharField(_("half"), max_length=2, choices=Half.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    due_on = models.DateField(_("reports due"))
    locked_after = models.DateField(_("filing locked after"))
    conference_on = models.DateField(_("review conference"), null=True, blank=True)

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["plan", "year", "half"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "year", "half"], name="period_unique_half_of_plan"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="period_ends_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(locked_after__gte=models.F("due_on")), name="period_locks_after_due"
            ),
        ]

    def __str__(self):
        return half_year_label(self.year, self.half)


class ReportingUnit(models.Model):
    """An organisation that must report on a plan."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="reporting_units")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="reporting_for"
    )

    class Meta:
        verbose_name = _("reporting unit")
        verbose_name_plural = _("reporting units")
        constraints = [models.UniqueConstraint(fields=["plan", "organisation"], name="reporting_unit_unique")]

    def __str__(self):
        return f"{self.organisation} · {self.plan}"


class ProgressReport(models.Model):
    """A unit's report for a period. A filed report is a record: the plan, period,
    commitments and indicators it refers to are protected and withdrawn, never deleted."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("report", "Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        ACCEPTED = "accepted", _("Accepted")

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="reports")
    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("period"), on_delete=models.PROTECT, related_name="reports"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="reports"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    results = models.TextField(_("results achieved"), blank=True)
    shortcomings = models.TextField(_("shortcomings and difficulties"), blank=True)
    causes = models.TextField(_("causes"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    proposals_text = models.TextField(_("proposals"), blank=True, help_text=_("One proposal per line."))
    # Bumped by every save: a form posted with an older version is refused, so two
    # people editing the same draft never overwrite each other silently.
    version = models.PositiveIntegerField(default=1, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    return_comment = models.TextField(_("reviewer's comment"), blank=True)
    reopened_until = models.DateField(_("reopened until"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-period__year", "-period__half", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "organisation", "period"], name="report_unique_per_unit_period"),
        ]
        indexes = [models.Index(fields=["status", "period"])]

    def __str__(self):
        return f"{self.organisation} · {self.period}"

    @property
    def is_editable_status(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def submitted_late(self) -> bool:
        """Sent after the due date, counted in Vietnamese days: ``rules.SENT_LATE`` in queries.
        Reads the period: list reports with it (``select_related`` or, for one period, assigned)."""
        return bool(self.submitted_at) and timezone.localdate(self.submitted_at) > self.period.due_on


class CommitmentProgress(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        AT_RISK = "at_risk", _("At risk")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="progress")
    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.PROTECT, related_name="progress"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    note = models.TextField(_("what was done"), blank=True)

    class Meta:
        verbose_name = _("progress on a commitment")
        verbose_name_plural = _("progress on commitments")
        constraints = [models.UniqueConstraint(fields=["report", "commitment"], name="progress_unique_per_commitment")]


class IndicatorValue(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="values"
    )
    value = models.DecimalField(_("figure"), max_digits=18, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("indicator figure")
        verbose_name_plural = _("indicator figures")
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="value_unique_per_indicator")]


class Attachment(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="reports/evidence/%Y/")
    name = models.CharField(_("name"), max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


class Proposal(models.Model):
    """A proposal (kiến nghị) from a unit's report, which the province answers."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="proposals")
    text = models.TextField(_("proposal"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["pk"]


class ReportEvent(models.Model):
    """Every transition of a report, with who and when."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned")
        ACCEPTED = "accepted", _("accepted")
        REOPENED = "reopened", _("reopened for late filing")
        ATTACHMENT_REMOVED = "attachment_removed", _("attachment removed")

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("report event")
        verbose_name_plural = _("report events")
        ordering = ["at", "pk"]
