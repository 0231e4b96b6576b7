"""Selects written in Python are the template's bytes, and the Python form fields are crispy's markup.

apps/core/renderers.py writes every select without its per-option template loop and
apps/core/templatetags/form_fields.py writes crispy's Bootstrap field markup without its templates; what a
person sees (labels and their ``for``, classes, ``required``/``aria-*``, options, errors, help) must not change.
"""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field, as_crispy_form
from django import forms
from django.conf import settings
from django.contrib.auth.forms import SetPasswordForm
from django.forms.renderers import TemplatesSetting
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from apps.accounts.forms import (
    LoginForm,
    OneTimeCodeForm,
    PasswordResetRequestForm,
    ProfileForm,
    TemporaryPasswordForm,
    ThrottledPasswordChangeForm,
)
from apps.audit.filters import AccountEventFilter, AuditEntryFilter
from apps.core.renderers import FormRenderer
from apps.core.templatetags.form_fields import field_html, filter_fields, form_fields
from apps.core.widgets import DateInput
from apps.registry.enterprises.forms import AccountForm, EnterpriseForm
from apps.registry.filters import UnitFilter
from apps.registry.parks.models import Park
from apps.registry.selectors import counties_for, townships_in

HOSTILE = "<b>\"甲&乙'</b>"


class _Selects(forms.Form):
    plain = forms.ChoiceField(choices=[("", "---------"), ("a", "甲"), (HOSTILE, HOSTILE), (3, 3)])
    grouped = forms.ChoiceField(
        required=False,
        choices=[
            ("", "---------"),
            ("临汾市", [("1", "尧都区"), ("2", HOSTILE)]),
            ("运城市", [("3", gettext_lazy("全部"))]),
            ("4", mark_safe("<i>safe</i>")),
        ],
    )
    several = forms.MultipleChoiceField(choices=[("1", "一"), ("2", "二"), ("3", "三")], required=False)
    yes_no = forms.NullBooleanField(required=False)
    described = forms.ChoiceField(
        choices=[("x", "x")],
        help_text="帮助",
        required=False,
        widget=forms.Select(attrs={"data-x": HOSTILE, "autofocus": True, "hidden": False}),
    )


class _Everything(forms.Form):
    text = forms.CharField(label="名称", max_length=5, help_text="<em>最多</em> 5 字")
    optional = forms.CharField(label=HOSTILE, required=False)
    number = forms.IntegerField(label="人数", min_value=0, required=False)
    day = forms.DateField(label="日期", widget=DateInput, required=False)
    note = forms.CharField(label="说明", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    pick = forms.ChoiceField(label="类型", choices=[("", "---------"), ("a", "甲")])
    agree = forms.BooleanField(label="同意", help_text="勾选", required=True)
    flag = forms.BooleanField(label="标记", required=False)
    styled = forms.CharField(label="样式", required=False, widget=forms.TextInput(attrs={"class": "w-50"}))
    secret = forms.CharField(widget=forms.HiddenInput, required=False)
    password = forms.CharField(label="密码", widget=forms.PasswordInput, required=False)
    many = forms.MultipleChoiceField(
        label="部门", choices=[("1", "一"), ("2", "二")], widget=forms.CheckboxSelectMultiple
    )
    upload = forms.FileField(label="文件", required=False)

    def clean(self):
        raise forms.ValidationError("整体<不对>")


class _Canonical(HTMLParser):
    """Tags with their attributes sorted and classes as sets, text with whitespace collapsed: what a browser
    shows, not how the markup is spaced."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: list = []

    def handle_starttag(self, tag, attrs):
        attrs = [(k, " ".join(sorted((v or "").split())) if k == "class" else v) for k, v in attrs]
        self.items.append(("<", tag, tuple(sorted(attrs))))

    def handle_endtag(self, tag):
        self.items.append((">", tag))

    def handle_data(self, data):
        text = " ".join(data.split())
        if text:
            self.items.append(("text", text))


def crispys_markup(form) -> str:
    """crispy's markup of the form with the one thing {% form_fields %} adds: the alert of the errors that belong
    to no field is announced to screen readers (role="alert")."""
    alert = 'class="alert alert-block alert-danger"'
    return as_crispy_form(form).replace(alert, f'{alert} role="alert"')


def canonical(html: str) -> list:
    parser = _Canonical()
    parser.feed(str(html))
    return parser.items


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(
    "data",
    [
        None,
        {"plain": HOSTILE, "grouped": "2", "several": ["1", "3"], "yes_no": "true"},
        {"plain": "nope", "grouped": "9"},
    ],
)
def test_selects_are_the_templates_bytes(language, data):
    with translation.override(language):
        ours, theirs = _Selects(data), _Selects(data)
        ours.is_valid()
        theirs.is_valid()
        theirs.renderer = TemplatesSetting()  # the template alone
        assert isinstance(ours.renderer, FormRenderer)
        for name in ours.fields:
            assert str(ours[name]) == str(theirs[name])


class _Inputs(forms.Form):
    text = forms.CharField(max_length=5, widget=forms.TextInput(attrs={"data-x": HOSTILE, "autofocus": True,
                                                                       "hidden": False}))
    number = forms.DecimalField(required=False)
    day = forms.DateField(widget=DateInput, required=False)
    moment = forms.DateTimeField(required=False)
    mail = forms.EmailField(required=False)
    secret = forms.CharField(widget=forms.HiddenInput, required=False)
    password = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    agree = forms.BooleanField(required=False)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2, "placeholder": gettext_lazy("全部")}),
                           required=False)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(
    "data",
    [
        None,
        {"text": HOSTILE, "number": "1234.5", "day": "2026-03-01", "moment": "2026-03-01 08:00", "mail": "a@b.cn",
         "secret": HOSTILE, "password": HOSTILE, "agree": "on", "note": f"{HOSTILE}\n第二行"},
        {"number": "x", "day": "nope", "note": "   "},
    ],
)
def test_inputs_and_textareas_are_the_templates_bytes(language, data):
    with translation.override(language):
        ours, theirs = _Inputs(data), _Inputs(data)
        ours.is_valid()
        theirs.is_valid()
        theirs.renderer = TemplatesSetting()
        for name in ours.fields:
            assert str(ours[name]) == str(theirs[name]), name


def test_the_empty_choice_and_hostile_labels_read_as_before():
    html = str(_Selects()["plain"])
    assert '<option value="" selected>请选择</option>' in html
    assert "&lt;b&gt;&quot;甲&amp;乙&#x27;&lt;/b&gt;" in html and "<b>" not in html


def _crispy_fields(form) -> str:
    return "".join(str(as_crispy_field(field)) for field in form)


def _bound(data) -> _Everything:
    form = _Everything(data)
    form.is_valid()
    return form


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(
    "data",
    [
        None,
        {"text": "太长的名称文字", "number": "-1", "day": "x", "pick": "z", "many": ["9"]},
        {"text": "好", "pick": "a", "agree": "on", "many": ["1"], "styled": HOSTILE},
    ],
)
def test_the_fields_are_crispys_markup(language, data):
    with translation.override(language):
        assert canonical("".join(field_html(field) for field in _bound(data))) == canonical(
            _crispy_fields(_bound(data))
        )
        assert canonical(form_fields(_bound(data))) == canonical(crispys_markup(_bound(data)))


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_filter_forms_and_the_enterprise_form_are_crispys_markup(cast, language):
    user = cast.city_admin
    counties = counties_for(user=user)

    def enterprise(data):
        return EnterpriseForm(data, counties=counties, townships=townships_in(counties), parks=Park.objects.none())

    forms_made = [
        lambda data: UnitFilter(data, user=user).form,
        lambda data: AuditEntryFilter(data).form,
        lambda data: AccountEventFilter(data).form,
        enterprise,
    ]
    bad = {
        "kind": "nope",
        "region": "999999",
        "date_from": "x",
        "application": "-3",
        "uscc": "1",
        "employee_count": "x",
    }
    with translation.override(language):
        for make in forms_made:
            for data in (None, bad):
                ours, theirs = make(data), make(data)
                if data:
                    ours.is_valid()
                    theirs.is_valid()
                mine = filter_fields(ours) if data is None else "".join(field_html(f) for f in ours)
                expected = (
                    "".join(f'<div class="col-6 col-md-3">{as_crispy_field(f)}</div>' for f in theirs)
                    if data is None
                    else _crispy_fields(theirs)
                )
                assert canonical(mine) == canonical(expected)
                assert "<label" in mine


def _account_forms(user):
    """The sign-in, profile, password, two-factor and sign-up forms, as their pages make them."""
    return {
        "login": lambda data: LoginForm(RequestFactory().post("/accounts/login/"), data=data),
        "profile": lambda data: ProfileForm(data, instance=user),
        "password_change": lambda data: ThrottledPasswordChangeForm(user, data),
        "password_reset": lambda data: PasswordResetRequestForm(data),
        "password_reset_confirm": lambda data: SetPasswordForm(user, data),
        "temporary_password": lambda data: TemporaryPasswordForm(data, user=user),
        "one_time_code": lambda data: OneTimeCodeForm(data),
        "signup_account": lambda data: AccountForm(data, prefix="a"),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_account_forms_are_crispys_markup(cast, language):
    """What templates/registration/*.html, accounts/*.html and registry/_signup_fields.html now lay out with
    {% form_fields %}: fresh, refused empty, and refused with wrong values (a wrong password's form error)."""
    user = cast.rep_a
    wrong = {
        "username": user.username, "password": "wrong", "email": "nope", "phone": "12", "notify_by_sms": "on",
        "old_password": "wrong", "new_password1": "a", "new_password2": "b", "password1": "x", "password2": "y",
        "token": "123", "a-username": "有 空格", "a-phone": "1", "a-email": "x", "a-password1": "1",
        "a-password2": "2",
    }
    with translation.override(language):
        for name, make in _account_forms(user).items():
            for data in (None, {}, wrong):
                ours, theirs = make(data), make(data)
                if data is not None:
                    ours.is_valid()
                    theirs.is_valid()
                mine = form_fields(ours)
                assert canonical(mine) == canonical(crispys_markup(theirs)), (name, data)
                assert "<label" in mine and "crispy" not in mine


def test_no_template_lays_a_form_out_with_crispys_templates():
    """crispy's template chain was about a third of a form page's CPU; {% form_fields %} writes the same markup."""
    root = Path(settings.BASE_DIR) / "templates"
    using = [str(path.relative_to(root)) for path in root.rglob("*.html") if "crispy" in path.read_text()]
    assert using == []


def test_a_missing_form_renders_nothing_as_crispys_filter_did():
    old = Template("{% load crispy_forms_tags %}{{ nothing|crispy }}").render(Context({}))
    assert Template("{% load form_fields %}{% form_fields nothing %}").render(Context({})) == old
