from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sswbridge.readlog.models import ObjectType
from sswbridge.readlog.selectors import ReadFilter


class ReadFilterForm(forms.Form):
    object_type = forms.ChoiceField(
        label=_("Item"), required=False, choices=[("", _("All items")), *ObjectType.choices]
    )
    object_id = forms.UUIDField(label=_("Item id"), required=False)
    reader = forms.CharField(label=_("Reader (user name)"), required=False, max_length=150)

    def filters(self) -> ReadFilter:
        data = self.cleaned_data
        return ReadFilter(
            object_type=data.get("object_type") or "",
            object_id=data.get("object_id"),
            reader=data.get("reader") or "",
        )
