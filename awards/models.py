"""A list of pupils proposed for awards or scholarships, and its entries.

The entries hold children's personal data: only the staff of the list's two parties read them
(``awards.access``), and every reading with names is recorded (``ListAccess``).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from khuyenhoc.text import fold
from programmes.models import Commitment, Organisation, Plan


class PupilList(models.Model):
    class Kind(models.TextChoices):
        PRIZES = "prizes", _("Pupils with prizes")
        HARDSHIP = "hardship", _("Pupils in hardship")
        TEACHERS = "teachers", _("Teachers to honour")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")
        AGREED = "agreed", _("Agreed")
        RETURNED = "returned", _("Returned")

    title = models.CharField(pgettext_lazy("list", "title"), max_length=255)
    kind = models.CharField(pgettext_lazy("list", "kind"), max_length=20, choices=Kind.choices)
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="pupil_lists")
    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pupil_lists",
        help_text=_("The commitment of the plan that the list serves."),
    )
    drawn_by = models.ForeignKey(
        Organisation, verbose_name=_("drawn up by"), on_delete=models.PROTECT, related_name="lists_drawn"
    )
    received_by = models.ForeignKey(
        Organisation, verbose_name=_("sent to"), on_delete=models.PROTECT, related_name="lists_received"
    )
    school_year = models.PositiveSmallIntegerField(
        _("school year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year it starts: 2025 for 2025-2026."),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    return_comment = models.TextField(_("reason for returning"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Once the school year's awards are closed its names are removed, the figures kept (awards.anonymise).
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True, editable=False)
    anonymised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("anonymised by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("pupil list")
        verbose_name_plural = _("pupil lists")
        ordering = ["-school_year", "-created_at"]

    def __str__(self):
        return self.title

    @property
    def school_year_label(self) -> str:
        return f"{self.school_year}-{self.school_year + 1}"

    @property
    def editable(self) -> bool:
        """A draft, or a list returned to be fixed; a sent or agreed list is a record, and so is an
        anonymised one."""
        return self.status in (self.Status.DRAFT, self.Status.RETURNED) and not self.anonymised_at


class ListEntry(models.Model):
    class Decision(models.TextChoices):
        AWARD = "award", _("Award")
        SCHOLARSHIP = "scholarship", _("Scholarship")
        SUPPORT = "support", _("Support")
        NONE = "none", _("Nothing given")

    class Source(models.TextChoices):
        FUND = "fund", _("The association's fund")
        DONOR = "donor", _("A donor")
        BUDGET = "budget", _("The budget")
        OTHER = "other", _("Other source")

    pupil_list = models.ForeignKey(PupilList, verbose_name=_("list"), on_delete=models.CASCADE, related_name="entries")
    full_name = models.CharField(_("full name"), max_length=150)
    birth_date = models.DateField(_("date of birth"), null=True)  # None once anonymised
    school = models.CharField(_("school"), max_length=255)
    class_name = models.CharField(_("class"), max_length=50, blank=True)
    commune = models.CharField(_("commune or ward"), max_length=255, blank=True)
    reason = models.TextField(_("achievement or circumstances"), max_length=1000)
    evidence = models.CharField(_("evidence"), max_length=1000, blank=True)
    # The unit that proposed the pupil to the party drawing the list up (a school's or a commune
    # association's): it reads the entry and what was given (awards.access).
    proposed_by = models.ForeignKey(
        Organisation,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The unit below that proposed the pupil, if any: it sees this entry and what was given."),
    )
    consent = models.BooleanField(_("consent recorded"), default=False)
    consent_by = models.CharField(_("consent given by"), max_length=150, blank=True)
    consent_on = models.DateField(_("consent given on"), null=True, blank=True)
    # What the receiving party decided and gave (``services.entry_decide``).
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    amount = models.PositiveBigIntegerField(_("amount (đồng)"), null=True, blank=True)
    in_kind = models.CharField(_("in kind"), max_length=255, blank=True, help_text=_("For example: 10 notebooks."))
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, blank=True)
    donor = models.CharField(_("donor"), max_length=255, blank=True)
    given_on = models.DateField(_("given on"), null=True, blank=True)
    occasion = models.CharField(
        _("occasion"), max_length=255, blank=True, help_text=_("For example: the ceremony of 02/10.")
    )
    decision_note = models.CharField(
        _("note on the decision"),
        max_length=500,
        blank=True,
        help_text=_("For a pupil proposed twice: which proposal was kept, and why."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # The same pupil, whatever the accents and spacing: name, date of birth and school, folded.
    identity = models.CharField(max_length=450, db_index=True, editable=False)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["order", "pk"]
        # The money lines read what was given in a half-year (awards.figures.given).
        indexes = [models.Index(fields=["given_on"], name="entry_given_on", condition=~models.Q(decision=""))]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.identity = identity_of(self.full_name, self.birth_date, self.school)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "identity"}
        super().save(*args, **kwargs)


def identity_of(full_name: str, birth_date, school: str) -> str:
    """Who a pupil is for finding them proposed twice: "nguyen van an|2012-03-04|thcs le loi"; ""
    once anonymised (no one)."""
    if not full_name:
        return ""
    return f"{fold(full_name)}|{birth_date.isoformat() if birth_date else ''}|{fold(school)}"[:450]


class ListAccess(models.Model):
    """Someone read a list's names: on its page or in a download."""

    class Action(models.TextChoices):
        VIEWED = "viewed", _("Viewed")
        DOWNLOADED = "downloaded", _("Downloaded")

    pupil_list = models.ForeignKey(PupilList, on_delete=models.CASCADE, related_name="accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=20, choices=Action.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]
