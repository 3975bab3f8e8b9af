"""The fields of the list and dashboard filters, written out in Python.

Rendering a select through crispy forms and Django's widget templates costs a template per option:
a filter with a hundred areas, plans and periods took longer than the figures it filters (issue 12).
``filter_field`` writes the same HTML as ``|as_crispy_field`` (Bootstrap 5): the label tied to the
field, the error announced through ``aria-invalid`` and ``aria-describedby``, the ids the pages and
their tests use. Selects are written here; any other widget is rendered by Django.
"""

from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


def _options(bound) -> str:
    """The options of a select, the current value selected (as Django's ``Select`` does: the first match)."""
    current = bound.field.widget.format_value(bound.value())
    rows, chosen = [], False
    for value, label in bound.field.choices:
        value = "" if value is None else str(value)
        selected = not chosen and value in current
        chosen = chosen or selected
        rows.append((value, " selected" if selected else "", label))
    return format_html_join("\n", '<option value="{}"{}>{}</option>', rows)


@register.simple_tag
def filter_field(bound) -> str:
    """A filter form's field, its label and its errors, as ``|as_crispy_field`` writes them."""
    widget = bound.field.widget
    field_id = bound.auto_id
    invalid = bool(bound.errors)
    # What describes the field, as Django and crispy write it: its help text, then its errors.
    described = " ".join([f"{field_id}_helptext"] * bool(bound.help_text) + [f"{field_id}_error"] * invalid)
    aria = format_html(' aria-describedby="{}"', described) if described else ""
    if invalid:
        aria = format_html(' aria-invalid="true"{}', aria)
    select = isinstance(widget, forms.Select)
    if select and not widget.allow_multiple_selected and not widget.attrs:
        control = format_html(
            '<select name="{}" class="select form-select{}"{} id="{}">\n{}\n</select>',
            bound.html_name,
            " is-invalid" if invalid else "",
            aria,
            field_id,
            _options(bound),
        )
    else:
        kind = "form-select" if select else "form-control"
        attrs = {"class": f"{type(widget).__name__.lower()} {kind}{' is-invalid' if invalid else ''}"}
        if invalid:
            attrs.update({"aria-invalid": "true", "aria-describedby": described})
        control = bound.as_widget(attrs=attrs)
    errors = ""
    if invalid:
        errors = format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            field_id,
            format_html_join(
                "",
                '<p id="error_{}_{}"><strong>{}</strong></p>',
                ((n, field_id, e) for n, e in enumerate(bound.errors, 1)),
            ),
        )
    help_text = (
        format_html('<div id="{}_helptext" class="form-text">{}</div>', field_id, bound.help_text)
        if bound.help_text
        else ""
    )
    required = mark_safe('<span class="asteriskField">*</span>') if bound.field.required else ""
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label{}">{}{}</label>{}{}{}</div>',
        field_id,
        bound.id_for_label,
        " requiredField" if bound.field.required else "",
        bound.label,
        required,
        control,
        errors,
        help_text,
    )
