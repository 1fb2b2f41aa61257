from django import forms
from django.utils.translation import gettext_lazy as _

from sswbridge.frameworks.models import SSWField


class SSWFieldForm(forms.ModelForm[SSWField]):
    class Meta:
        model = SSWField
        fields = ["code", "name_en", "name_ja", "names", "ssw2_open", "active", "sort_order"]


WEEKDAYS = [
    (1, _("Monday")),
    (2, _("Tuesday")),
    (3, _("Wednesday")),
    (4, _("Thursday")),
    (5, _("Friday")),
    (6, _("Saturday")),
    (7, _("Sunday")),
]


class SideCalendarForm(forms.Form):
    time_zone = forms.CharField(label=_("Time zone"), max_length=64)
    weekend_days = forms.TypedMultipleChoiceField(
        label=_("Weekend days"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class SideClosureForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    first_day = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    last_day = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    yearly = forms.BooleanField(label=_("Every year"), required=False)
