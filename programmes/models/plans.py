from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from .organisations import Area, Organisation


class Plan(models.Model):
    """A signed coordination document: a plan, a programme or an agreement."""

    class Kind(models.TextChoices):
        PLAN = "ke_hoach", _("Coordination plan")
        PROGRAMME = "chuong_trinh", _("Coordination programme")
        AGREEMENT = "thoa_thuan", _("Coordination agreement")
        OTHER = "other", _("Other document")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_FORCE = "in_force", _("In force")
        ENDED = "ended", _("Ended")
        SUPERSEDED = "superseded", _("Superseded")

    class Cadence(models.TextChoices):
        SEMI_ANNUAL = "semi_annual", _("Every six months")
        ANNUAL = "annual", _("Every year")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PLAN)
    number = models.CharField(
        _("number and symbol"),
        max_length=100,
        blank=True,
        help_text=_("As printed, for example 1392/KH-SGD&ĐT-HKH. Leave empty if the document has none."),
    )
    title = models.CharField(_("title"), max_length=500)
    area = models.ForeignKey(Area, verbose_name=_("issuing area"), on_delete=models.PROTECT, related_name="plans")
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    place = models.CharField(_("place of signing"), max_length=100, blank=True)
    start_year = models.PositiveSmallIntegerField(
        _("from year"), null=True, blank=True, validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("to year"), null=True, blank=True, validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("implements the plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("The higher-level plan that this plan carries out."),
    )
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("follows the plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
        help_text=_("The plan of the previous period, that this one continues (conferences.successor)."),
    )
    legal_bases = models.TextField(_("legal bases"), blank=True, help_text=_("One document per line."))
    purposes = models.TextField(_("purposes"), blank=True, help_text=_("One item per line."))
    requirements = models.TextField(_("requirements"), blank=True, help_text=_("One item per line."))
    recipients = models.TextField(_("recipients"), blank=True, help_text=_("One recipient per line."))
    review_cadence = models.CharField(
        _("review cadence"), max_length=20, choices=Cadence.choices, default=Cadence.SEMI_ANNUAL
    )
    scan = models.FileField(_("signed scan"), upload_to="plans/scans/%Y/", blank=True)
    # Lower-case text without diacritics of the number, title, place and
    # parties, kept by the services so that "khuyen hoc" finds "khuyến học".
    search_text = models.TextField(editable=False, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL, null=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-start_year", "-signed_on", "title"]
        constraints = [
            # "15/KH-SGDĐT" and "15/kh-sgdđt" are the same document: the number is compared
            # in lower case, here and in ``Plan.number_taken``, which the forms, the services
            # and the import command ask before they save.
            models.UniqueConstraint(
                Lower("number"),
                "area",
                condition=~models.Q(number=""),
                name="plan_unique_number_in_area",
                violation_error_message=_("Another plan of this area already has this number."),
            ),
            models.CheckConstraint(
                condition=models.Q(end_year__isnull=True)
                | models.Q(start_year__isnull=True)
                | models.Q(end_year__gte=models.F("start_year")),
                name="plan_period_ends_after_start",
                violation_error_message=_("The period cannot end before it starts."),
            ),
        ]
        indexes = [models.Index(fields=["status", "start_year", "end_year"])]

    def __str__(self):
        return f"{self.number} · {self.title}" if self.number else self.title

    @classmethod
    def number_taken(cls, area: Area, number: str, *, exclude_pk: int | None = None) -> bool:
        """Whether another plan of ``area`` has ``number``, compared as the database's unique
        constraint compares it (in lower case); an empty number is never taken."""
        if not number:
            return False
        others = cls.objects.filter(area=area).alias(folded=Lower("number")).filter(folded=Lower(models.Value(number)))
        return others.exclude(pk=exclude_pk).exists() if exclude_pk else others.exists()

    def clean(self):
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The period cannot end before it starts.")})

    @property
    def period_display(self) -> str:
        if self.start_year and self.end_year and self.start_year != self.end_year:
            return f"{self.start_year}–{self.end_year}"
        return str(self.start_year or self.end_year or "")

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]

    def legal_basis_list(self) -> list[str]:
        return self.lines(self.legal_bases)

    def purpose_list(self) -> list[str]:
        return self.lines(self.purposes)

    def requirement_list(self) -> list[str]:
        return self.lines(self.requirements)

    def recipient_list(self) -> list[str]:
        return self.lines(self.recipients)


class PlanParty(models.Model):
    """An organisation that signed the plan, with its signatory."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="plan_parties"
    )
    signatory_name = models.CharField(_("signatory"), max_length=150, blank=True)
    signatory_title = models.CharField(
        _("signatory's title"), max_length=150, blank=True, help_text=_("For example: Phó Giám đốc.")
    )
    signing_capacity = models.CharField(
        _("signing capacity"),
        max_length=150,
        blank=True,
        help_text=_("As printed above the signature, for example KT. GIÁM ĐỐC or TM. BAN THƯỜNG VỤ."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "organisation"],
                name="plan_party_unique_organisation",
                violation_error_message=_("This organisation is already a party to the plan."),
            ),
        ]

    def __str__(self):
        return str(self.organisation)


class Section(models.Model):
    """A numbered part of the document that holds commitments, e.g. "II. Nội dung phối hợp"."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="sections")
    number = models.CharField(_("number"), max_length=20, blank=True)
    title = models.CharField(pgettext_lazy("section", "title"), max_length=255)
    order = models.PositiveIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.number}. {self.title}" if self.number else self.title

    @property
    def is_withdrawn(self) -> bool:
        """A section is withdrawn once every one of its commitments is."""
        commitments = self.commitments.all()
        return bool(commitments) and all(c.withdrawn_on for c in commitments)


class Commitment(models.Model):
    """One numbered undertaking of the plan, carried by one party or jointly."""

    class Party(models.TextChoices):
        DEPARTMENT = "department", _("Education sector")
        ASSOCIATION = "association", _("Study Promotion Association")
        JOINT = "joint", _("Joint")
        OTHER = "other", _("Other")

    class Lead(models.TextChoices):
        DEPARTMENT = "department", _("Education sector")
        ASSOCIATION = "association", _("Study Promotion Association")
        OTHER = "other", _("Other partner")

    class Recurrence(models.TextChoices):
        ONGOING = "ongoing", _("Throughout the plan")
        ONCE = "once", _("Once, by the deadline")
        YEARLY = "yearly", _("Every year")

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="commitments")
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="commitments"
    )
    number = models.CharField(_("number"), max_length=20, help_text=_("As printed, for example II.3 or 2.1."))
    text = models.TextField(_("content"))
    party = models.CharField(_("responsible party"), max_length=20, choices=Party.choices)
    # Which partner, where several signed (the association with the Youth Union and the Labour
    # Federation): its units report the commitment and it is scored for it (programmes.party_roles).
    # For a joint commitment a partner leads, which one.
    partner = models.ForeignKey(
        Organisation,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Where several partners signed: which one carries a partner's commitment, or leads a joint one."),
    )
    lead = models.CharField(
        pgettext_lazy("commitment", "lead party"),
        max_length=20,
        choices=Lead.choices,
        blank=True,
        help_text=_("For a joint commitment: the party in charge (chủ trì)."),
    )
    # The plan's parties that take part in a joint commitment beside its lead; none chosen means
    # every party that signed (party_roles.Parties.owed_by).
    supporters = models.ManyToManyField(
        Organisation,
        verbose_name=_("supporting parties"),
        blank=True,
        related_name="+",
        help_text=_("For a joint commitment: the parties that take part beside the lead. None ticked: every party."),
    )
    supporting = models.CharField(
        _("others taking part"),
        max_length=255,
        blank=True,
        help_text=_("Bodies outside the plan's parties that take part (phối hợp), e.g. the schools."),
    )
    recurrence = models.CharField(_("timing"), max_length=20, choices=Recurrence.choices, default=Recurrence.ONGOING)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    yearly_day = models.PositiveSmallIntegerField(
        _("day of the yearly date"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    yearly_month = models.PositiveSmallIntegerField(
        _("month of the yearly date"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    reporting_levels = models.JSONField(
        _("levels that report"), default=list, blank=True, help_text=_("Which levels report progress on it.")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    origin = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
    )
    # Filed reports refer to it, so it is withdrawn rather than deleted (services.plans.commitment_withdraw).
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True, editable=False)
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    history = HistoricalRecords()

    REPORTING_LEVEL_CHOICES = [
        (Area.Level.PROVINCE, Area.Level.PROVINCE.label),
        (Area.Level.DISTRICT, Area.Level.DISTRICT.label),
        (Area.Level.COMMUNE, Area.Level.COMMUNE.label),
    ]

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["section__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="commitment_unique_number_in_plan",
                violation_error_message=_("Another commitment of this plan already has this number."),
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.text[:80]}"

    def clean(self):
        errors = {}
        if self.recurrence == self.Recurrence.YEARLY and (self.yearly_day is None) != (self.yearly_month is None):
            errors["yearly_day"] = _("Give both the day and the month of the yearly date, or neither.")
        elif self.yearly_day and self.yearly_month:
            try:
                date(2024, self.yearly_month, self.yearly_day)  # a leap year admits 29/02
            except (ValueError, OverflowError):  # OverflowError: 2**31 and more, from the admin
                errors["yearly_day"] = _("This day does not exist in that month.")
        if self.recurrence == self.Recurrence.ONCE and not self.deadline:
            errors["deadline"] = _("A one-off commitment needs a deadline.")
        if self.section_id and self.plan_id and self.section.plan_id != self.plan_id:
            errors["section"] = _("This section belongs to another plan.")
        if self.lead and self.party != self.Party.JOINT:
            errors["lead"] = _("Only a joint commitment has a lead party.")
        partner_leads = self.party == self.Party.JOINT and self.lead == self.Lead.OTHER
        if self.partner_id and self.party != self.Party.OTHER and not partner_leads:
            errors["partner"] = _("Only a partner's commitment, or a joint one a partner leads, names its partner.")
        elif self.partner_id and self.plan_id:
            partners = self.plan.parties.filter(organisation__side=Organisation.Side.OTHER)
            if not partners.filter(organisation=self.partner_id).exists():
                errors["partner"] = _("Choose one of the partners that signed the plan.")
        if errors:
            raise ValidationError(errors)

    @property
    def yearly_date_display(self) -> str:
        if self.yearly_day and self.yearly_month:
            return f"{self.yearly_day:02d}/{self.yearly_month:02d}"
        return ""

    def get_reporting_levels_display(self) -> list[str]:
        labels = dict(self.REPORTING_LEVEL_CHOICES)
        return [str(labels[level]) for level in self.reporting_levels if level in labels]


class Indicator(models.Model):
    """A measurable target attached to a commitment."""

    class Unit(models.TextChoices):
        PERCENT = "percent", "%"
        VND = "vnd", _("đồng")
        VND_PER_PERSON_YEAR = "vnd_per_person_year", _("đồng per person per year")
        PEOPLE = "people", _("people")
        PUPILS = "pupils", _("pupils")
        UNITS = "units", _("units")
        TIMES = "times", _("times (lượt)")
        OTHER = "other", _("other")

    class Direction(models.TextChoices):
        AT_LEAST = "at_least", _("at least")
        AT_MOST = "at_most", _("at most")

    class Aggregation(models.TextChoices):
        SUM = "sum", _("sum across units")
        MEAN = "mean", _("mean across units")
        LATEST = "latest", _("latest figure")

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("indicator"), max_length=255)
    unit = models.CharField(_("unit"), max_length=30, choices=Unit.choices)
    target_value = models.DecimalField(_("target"), max_digits=18, decimal_places=2)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.AT_LEAST)
    aggregation = models.CharField(
        _("adding up across units"), max_length=10, choices=Aggregation.choices, default=Aggregation.SUM
    )
    due_date = models.DateField(_("to reach by"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    origin = models.ForeignKey(
        "self", verbose_name=_("copied from"), on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    # Withdrawn with its commitment, or alone (services.plans.indicator_withdraw).
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True, editable=False)
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name
