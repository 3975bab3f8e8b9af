from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..organisation_kinds import kind_on_side, side_of


class User(AbstractUser):
    """A person who signs in. Vietnamese names are kept whole, family name first."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def get_full_name(self):
        return self.full_name or super().get_full_name()

    def get_short_name(self):
        return self.full_name.rsplit(" ", 1)[-1] if self.full_name else super().get_short_name()


class Area(models.Model):
    """An administrative unit: nation, province, district or commune.

    Current units come from ``vietnam-provinces`` (``load_areas``); units that
    no longer exist since the July 2025 reform stay as historical areas, each
    pointing to the current unit that succeeded it, because most signed plans
    name them.

    ``path`` is the chain of codes from the root (``VN/P25/W04795/``) so that a
    subtree is one indexed ``LIKE 'prefix%'`` query. It is derived from the
    parent and the code, which are fixed once an area has been created.
    """

    class Level(models.TextChoices):
        NATION = "nation", _("Nation")
        PROVINCE = "province", _("Province")
        DISTRICT = "district", _("District")
        COMMUNE = "commune", _("Commune")

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    division_type = models.CharField(
        _("division type"), max_length=50, blank=True, help_text=_("For example: tỉnh, huyện, phường, xã.")
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    path = models.CharField(_("path"), max_length=255, unique=True, editable=False)
    is_historical = models.BooleanField(
        _("historical"), default=False, help_text=_("The unit no longer exists, for example since the 2025 reform.")
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("succeeded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        help_text=_("The current unit that took over this historical unit."),
    )

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(parent__isnull=False) | models.Q(level="nation"),
                name="area_parent_required_below_nation",
            ),
        ]

    def __str__(self):
        if self.is_historical:
            return _("%(name)s (before 2025)") % {"name": self.name}
        return self.name

    @staticmethod
    def build_path(parent: "Area | None", code: str) -> str:
        return f"{parent.path if parent else ''}{code}/"

    def save(self, *args, **kwargs):
        self.path = self.build_path(self.parent, self.code)
        super().save(*args, **kwargs)

    def ancestor_paths(self) -> list[str]:
        """Paths of this area and of every area above it, root first."""
        parts = self.path.rstrip("/").split("/")
        return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


class Organisation(models.Model):
    """A body in an area, of a kind (the education sector, the association, a people's committee,
    a mass organisation...). Its kind sets the side it reports for: the education side (an
    education office, or a people's committee since the 2025 reform), the association's, or a
    partner's."""

    class Side(models.TextChoices):
        EDUCATION = "education", _("Education sector")
        ASSOCIATION = "association", _("Study Promotion Association")
        OTHER = "other", _("Other partner")

    class Kind(models.TextChoices):
        EDUCATION = "education", _("Education department or office")
        ASSOCIATION = "association", _("Study Promotion Association")
        PEOPLE_COMMITTEE = "people_committee", _("People's committee")
        YOUTH_UNION = "youth_union", _("Youth Union")
        LABOUR_FEDERATION = "labour_federation", _("Labour Federation")
        FARMERS_UNION = "farmers_union", _("Farmers' Union")
        WOMENS_UNION = "womens_union", _("Women's Union")
        VETERAN_TEACHERS = "veteran_teachers", _("Veteran Teachers' Association")
        FATHERLAND_FRONT = "fatherland_front", _("Fatherland Front")
        OTHER = "other", _("Other organisation")

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(pgettext_lazy("organisation", "kind"), max_length=20, choices=Kind.choices)
    acting_office = models.CharField(
        _("office acting for it"),
        max_length=255,
        blank=True,
        help_text=_("For a people's committee: the office that acts for it, for example Phòng Văn hóa - Xã hội."),
    )
    # Follows from the kind (``save``); kept as a column for the queries that group by it.
    side = models.CharField(_("side"), max_length=20, choices=Side.choices, editable=False)
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="organisations")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["area__path", "side", "name"]
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="organisation_unique_name_in_area"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        """An organisation created by its side alone (older code, fixtures) gets the kind its name
        denotes on that side; the side then always follows the kind."""
        if not self.kind:
            self.kind = kind_on_side(self.name, self.side)
        self.side = side_of(self.kind)
        if kwargs.get("update_fields") is not None and "kind" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "side"}
        super().save(*args, **kwargs)

    @property
    def level(self) -> str:
        return self.area.level

    def get_level_display(self) -> str:
        return self.area.get_level_display()


class Membership(models.Model):
    """A user's role in an organisation.

    The role decides what the user may do; the organisation's area decides
    where (see ``programmes.access``).
    """

    class Role(models.TextChoices):
        EDITOR = "editor", pgettext_lazy("role", "Editor")
        REPORTER = "reporter", pgettext_lazy("role", "Reporter")
        REVIEWER = "reviewer", pgettext_lazy("role", "Reviewer")
        LEADER = "leader", pgettext_lazy("role", "Leader")
        ADMIN = "admin", pgettext_lazy("role", "Administrator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role_in_organisation"
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"
