"""StyledFormMixin: every widget of every form carries the site's CSS class."""

from __future__ import annotations

import pytest
from django import forms

from tutorial_project.users.forms import LoginForm, ResendActivationForm, SignUpForm, StyledFormMixin


@pytest.mark.parametrize("form_class", [SignUpForm, LoginForm, ResendActivationForm])
def test_every_widget_has_the_form_control_class(form_class):
    form = form_class()

    assert {name: field.widget.attrs["class"] for name, field in form.fields.items()} == dict.fromkeys(
        form.fields, "form-control"
    )


def test_a_widget_keeps_its_own_classes():
    class Form(StyledFormMixin, forms.Form):
        name = forms.CharField(widget=forms.TextInput(attrs={"class": "wide"}))

    assert Form().fields["name"].widget.attrs["class"] == "wide form-control"


def test_two_forms_do_not_share_styled_widgets():
    class Form(StyledFormMixin, forms.Form):
        name = forms.CharField()

    Form()

    assert "class" not in Form.base_fields["name"].widget.attrs


def test_the_sign_up_form_has_username_email_and_two_passwords():
    assert list(SignUpForm().fields) == ["username", "email", "password1", "password2"]


def test_the_sign_up_form_requires_an_email():
    assert SignUpForm().fields["email"].required
