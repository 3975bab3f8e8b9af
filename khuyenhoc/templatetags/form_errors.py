"""The error summary that every form shows at its top after a failed submit."""

from django import template
from django.forms import BaseFormSet

register = template.Library()


def _entries(form):
    """(field id or None, label, message) for each error of a form or a formset's forms."""
    if isinstance(form, BaseFormSet):
        for error in form.non_form_errors():
            yield None, "", error
        for inner in form.forms:
            yield from _entries(inner)
        return
    for error in form.non_field_errors():
        yield None, "", error
    for field in form:
        for error in field.errors:
            # A hidden field has nothing to focus: its message stands alone.
            yield (None if field.is_hidden else field.id_for_label), field.label, error


@register.inclusion_tag("includes/_error_summary.html")
def error_summary(*forms, nothing_saved=True):
    """Shown first in the form and focused on load, each entry linking to its field.
    ``nothing_saved=False`` for forms that save nothing (logging in)."""
    entries = [entry for form in forms if form is not None for entry in _entries(form)]
    return {"entries": entries, "nothing_saved": nothing_saved}
