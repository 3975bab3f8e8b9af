from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _

from .text import clean_text


class CleanTextMixin:
    """Every text field of the form reads its input through ``clean_text``.

    Text pasted from Word or a PDF brings control characters (vertical tab, form
    feed, U+0001) that no .docx or .xlsx can hold; they are removed here, before
    the fields validate, so neither the database nor a re-shown form keeps them.
    Cleaning happens when the form is validated, so fields a form adds in its own
    ``__init__`` are covered too. Passwords are left exactly as typed."""

    def full_clean(self):
        if self.is_bound:
            self.data = _clean_text_input(self)
        super().full_clean()


def _clean_text_input(form):
    data, changed = form.data, {}
    for name, field in form.fields.items():
        if not isinstance(field, forms.CharField) or isinstance(field.widget, forms.PasswordInput):
            continue
        key = form.add_prefix(name)
        values = data.getlist(key) if hasattr(data, "getlist") else [data.get(key)]
        cleaned = [clean_text(value) if isinstance(value, str) else value for value in values]
        if cleaned != values:
            changed[key] = cleaned
    if not changed:
        return data
    data = data.copy()
    for key, values in changed.items():
        if hasattr(data, "setlist"):
            data.setlist(key, values)
        else:
            data[key] = values[0]
    return data


class TextModelForm(CleanTextMixin, forms.ModelForm):
    """The base of the admin's forms: a model form whose text is cleaned."""


class LoginForm(CleanTextMixin, AuthenticationForm):
    """The login form, with the attributes that browsers and password managers expect."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django sets max_length after the field is built, so without this nothing checks it
        # and a long username reaches the database (django-axes' varchar(255)).
        self.fields["username"].validators.append(MaxLengthValidator(self.fields["username"].max_length))
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


# Django's blank choice, and the bare dash some of our forms used for "nothing chosen yet".
BLANK_LABELS = {"---------", "—"}


def choice_prompt(label) -> str:
    """ "— Chọn bên chủ trì —" for a select labelled "Bên chủ trì"."""
    label = str(label or "")
    return _("— Choose %(thing)s —") % {"thing": label[:1].lower() + label[1:]}


class ChoicePromptsMixin:
    """Selects open on "— Chọn … —", naming what to choose, instead of Django's "---------".

    Put it first among a form's bases. A field is worded when the page first asks for
    it, so fields that the form adds in its own ``__init__`` are covered too, in the
    language of the request."""

    def __getitem__(self, name):
        field = self.fields.get(name)
        if field is not None:
            _prompt(field)
        return super().__getitem__(name)


def _prompt(field) -> None:
    if isinstance(field, forms.ModelMultipleChoiceField) or isinstance(field.widget, forms.RadioSelect):
        return
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label in BLANK_LABELS:
            field.empty_label = choice_prompt(field.label)
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.MultipleChoiceField):
        if any(_is_blank(value, label) for value, label in field.choices):
            field.choices = [
                (value, choice_prompt(field.label) if _is_blank(value, label) else label)
                for value, label in field.choices
            ]


def _is_blank(value, label) -> bool:
    return value in ("", None) and isinstance(label, str) and label in BLANK_LABELS
