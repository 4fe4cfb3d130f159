"""Form fields for the ids and numbers members send back (hidden fields, choices of a member or a
group): one shared check that the value is one the database can hold (entraide.ids), so an
out-of-range value is the field's own error, a 400 page, and never a query that fails."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .. import ids


class IdField(forms.IntegerField):
    """A primary key (1 to ids.ID_MAX), or with maximum=ids.NUMBER_MAX a number stored in a
    32-bit column. Out of range reads as the field's "invalid" message: to a member, an id
    too large is no more meaningful than one that does not exist."""

    default_error_messages = {"invalid": _("Cette valeur ne correspond à rien ici : rechargez la page et réessayez.")}

    def __init__(self, *, maximum: int = ids.ID_MAX, error_messages=None, **kwargs):
        super().__init__(min_value=1, max_value=maximum, error_messages=error_messages, **kwargs)
        # A hidden field the member never saw: missing is as meaningless as out of range.
        codes = ("min_value", "max_value", "required") if self.widget.is_hidden else ("min_value", "max_value")
        for code in codes:
            if code not in (error_messages or {}):
                self.error_messages[code] = self.error_messages["invalid"]


class IdChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField on the primary key that refuses an out-of-range id before the query."""

    def to_python(self, value):
        if (
            value not in self.empty_values
            and self.to_field_name is None
            and not isinstance(value, self.queryset.model)
            and ids.parse(value) is None
        ):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class HiddenFieldErrors:
    """Form mixin: no template shows a hidden field's errors, so they are said with the form's own."""

    def non_field_errors(self):
        errors = super().non_field_errors()
        hidden = [error for field in self.hidden_fields() for error in field.errors if error not in errors]
        if not hidden:
            return errors
        return self.error_class([*errors, *hidden], error_class="nonfield", renderer=self.renderer)
