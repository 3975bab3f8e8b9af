"""Whether a province publishes its figures, and how small a count it hides."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from programmes.models import Area


class Publication(models.Model):
    """A province's public page: off until its administrator switches it on."""

    area = models.OneToOneField(
        Area,
        verbose_name=_("province"),
        on_delete=models.CASCADE,
        related_name="publication",
        limit_choices_to={"level": Area.Level.PROVINCE},
    )
    published = models.BooleanField(
        _("publish the province's figures"),
        default=False,
        help_text=_("Anyone, without an account, then reads the plans in force and their figures."),
    )
    threshold = models.PositiveSmallIntegerField(
        _("smallest count shown"),
        default=5,
        validators=[MinValueValidator(2), MaxValueValidator(100)],
        help_text=_("A count of people below it (1 to 4 pupils, by default) is shown as “fewer than 5”."),
    )
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("public page")
        verbose_name_plural = _("public pages")

    def __str__(self):
        return str(self.area)
