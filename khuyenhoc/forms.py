from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _


class LoginForm(AuthenticationForm):
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
    """"— Chọn bên chủ trì —" for a select labelled "Bên chủ trì"."""
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
