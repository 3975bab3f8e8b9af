"""The admin's autocomplete, refusing a forged value as a form error rather than a 500.

When a form is refused, Django's autocomplete widget looks up whatever was posted back
to show it again; a value that is not a key at all (``1.5``, pasted text) then raises
``ValueError`` in the lookup. The widget here only looks up values that can be keys, and
the field itself reports the rest as an invalid choice.
"""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import connection


class KeyOnlyAutocompleteSelect(AutocompleteSelect):
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if _is_key(self.field, v)], attr)


class KeyOnlyAutocompleteSelectMultiple(AutocompleteSelectMultiple):
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if _is_key(self.field, v)], attr)


def _is_key(field, value) -> bool:
    """Whether ``value`` can be looked up as the related model's key (a number in the column's range)."""
    related = field.remote_field.model._meta
    target = related.get_field(getattr(field.remote_field, "field_name", None) or related.pk.name)  # M2M: the key
    try:
        key = target.to_python(value)
    except ValidationError:
        return False
    if isinstance(key, int):
        low, high = connection.ops.integer_field_range(target.get_internal_type())
        return (low is None or key >= low) and (high is None or key <= high)
    return True


class AutocompleteKeysOnly:
    """For a ModelAdmin or an inline: its autocomplete fields use the widget above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KeyOnlyAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KeyOnlyAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)
