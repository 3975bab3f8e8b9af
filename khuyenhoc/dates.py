"""Dates typed and shown day first (dd/mm/yyyy), whatever the browser's language.

A native ``<input type=date>`` shows its value in the browser's locale: month
first in an American browser, so "07/04/2025" reads as 7 April where the plan
means 4 July. Every date in the portal's forms is therefore this text field:
it reads 4/7/2025, 04/07/2025, 4-7-2025 and 4.7.2025, shows 04/07/2025, and
offers the browser's calendar only as a picker that writes back dd/mm/yyyy
(``static/js/dates.js``; without JavaScript the field is plain text).
"""

import re
from collections.abc import Callable
from datetime import date, datetime

from django import forms
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

SHOWN = "%d/%m/%Y"
DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})")
# What the browser's own date input, the importer and older links send.
ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class ImpossibleDate(ValueError):
    """Well written, but no such day (31/02/2026)."""


def parse_day_month_year(text: str) -> date | None:
    """The date written in ``text`` day first, or ISO; None if it is not written as a date.

    Raises ``ImpossibleDate`` for a day that does not exist.
    """
    text = text.strip()
    if match := DAY_MONTH_YEAR.fullmatch(text):
        day, _sep, month, year = match.groups()
    elif match := ISO.fullmatch(text):
        year, month, day = match.groups()
    else:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError as error:
        raise ImpossibleDate(text) from error


def day_month_year(value) -> str:
    """04/07/2025 for a date; an ISO date written as text is shown the same way."""
    if isinstance(value, str):
        try:
            value = parse_day_month_year(value) or value
        except ImpossibleDate:
            return value
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime(SHOWN)
    return value


class DateWidget(forms.TextInput):
    """A text input for dd/mm/yyyy, with a calendar button that the script reveals."""

    template_name = "khuyenhoc/widgets/date_input.html"

    def __init__(self, attrs=None):
        defaults = {
            "inputmode": "numeric",
            "autocomplete": "off",
            "placeholder": _("dd/mm/yyyy"),
            "size": 10,
            "data-date-input": "",
        }
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        # A date, typed or from the importer (ISO), comes back as 04/07/2025, which shows how it was
        # understood; text that is not a date comes back as typed, beside its error.
        return super().format_value(day_month_year(value))


def date_inputs(name: str, *, id_prefix: str, **attrs) -> Callable[[object, date], SafeString]:
    """Many ``DateWidget`` fields alike but for their id and date, for a table with a date field
    per row: ``date_inputs("until", id_prefix="until-")(3, day)`` is the field with id "until-3".

    Rendering the widget through its template takes most of a millisecond, and a period page
    has a reopen form for each of hundreds of units; so the widget is rendered once with
    placeholders that each row fills in, as a formset's empty form fills in ``__prefix__``."""
    html = DateWidget(attrs={"id": f"{id_prefix}__id__", **attrs}).render(name, "__date__")

    def field(id_suffix, day: date) -> SafeString:
        return mark_safe(html.replace("__id__", escape(id_suffix)).replace("__date__", escape(day_month_year(day))))

    return field


class DateField(forms.DateField):
    """A date typed day first. The error says why the text is not a date."""

    widget = DateWidget
    default_error_messages = {
        "invalid": _("Write the date as day/month/year, for example 04/07/2025."),
        "impossible": _("%(value)s is not a real date: check the day and the month."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            day = parse_day_month_year(str(value))
        except ImpossibleDate:
            raise forms.ValidationError(
                self.error_messages["impossible"], code="impossible", params={"value": str(value).strip()}
            ) from None
        if day is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return day
