"""The quick <select> renderer writes exactly what Django's templates write, and is the one in use."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.forms import QuickSelectRenderer


class Everything(forms.Form):
    country = forms.ChoiceField(choices=[("", _("Any")), *countries], required=False)
    size = forms.ChoiceField(
        choices=[("Small & medium", [("s", "Small <10"), ("m", 'Medium "10–99"')]), ("l", "Large")],
        widget=forms.Select(attrs={"class": "form-select", "data-searchable": "", "disabled": True, "hidden": False}),
    )
    markets = forms.MultipleChoiceField(choices=[("CR", "Costa Rica"), ("PE", "Peru"), ("MX", "México")])
    number = forms.TypedChoiceField(choices=[(1, "one"), (2, "two")], coerce=int)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"country": "DO", "size": "m", "markets": ["PE", "MX"], "number": "2"},
        {"country": '"><script>', "size": "nope", "markets": ["<b>"]},
    ],
)
def test_it_writes_what_the_templates_write(data):
    quick, templates = Everything(data or None), Everything(data or None, renderer=DjangoTemplates())
    for name in quick.fields:
        assert str(quick[name]) == str(templates[name]), name
    assert "script" not in str(quick["country"])  # an unknown value is not echoed as an option


def test_it_is_the_renderer_in_use_and_leaves_other_widgets_to_the_templates():
    assert isinstance(get_default_renderer(), QuickSelectRenderer)

    class Other(forms.Form):
        name = forms.CharField()
        agree = forms.BooleanField()
        pick = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)

    quick, templates = Other(renderer=QuickSelectRenderer()), Other(renderer=DjangoTemplates())
    for name in quick.fields:
        assert str(quick[name]) == str(templates[name]), name
