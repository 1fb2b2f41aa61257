from django import forms

from sswbridge.frameworks.models import SSWField


class SSWFieldForm(forms.ModelForm[SSWField]):
    class Meta:
        model = SSWField
        fields = ["code", "name_en", "name_ja", "names", "ssw2_open", "active", "sort_order"]
