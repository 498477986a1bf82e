"""Tests of the plan editor (plans/views.py) through its URLs, as a browser would use them.

The helpers below are shared by the modules of this package: the POST data an
editor's browser would send for a form, the messages a response carries, and
whether a page offers a save button.
"""

import re

from django import forms
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext


def client_for(user, language="nl") -> Client:
    """A browser signed in as *user* that asks for *language*.

    force_login, not login(): django-axes refuses an authentication without a request.
    """
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_login(user)
    return client


def _value_of(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "pk"):
        return str(value.pk)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def form_fields_data(form) -> dict:
    """What a browser posts for *form* as it is shown: every field with its current value."""
    data = {}
    for name, field in form.fields.items():
        bound = form[name]
        if isinstance(field.widget, forms.FileInput):
            continue
        value = bound.value()
        if isinstance(field.widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [_value_of(v) for v in value]
        else:
            data[bound.html_name] = _value_of(value)
    return data


def formset_data(formset) -> dict:
    """The management form and the existing rows of *formset*, unchanged (no extra rows)."""
    count = len(formset.initial_forms)
    data = {
        f"{formset.prefix}-TOTAL_FORMS": str(count),
        f"{formset.prefix}-INITIAL_FORMS": str(count),
        f"{formset.prefix}-MIN_NUM_FORMS": "0",
        f"{formset.prefix}-MAX_NUM_FORMS": "1000",
    }
    for form in formset.initial_forms:
        data |= form_fields_data(form)
    return data


def form_data(form, formset=None, **changes) -> dict:
    """POST data for *form* (and its inline *formset*) as loaded, with *changes* applied."""
    data = form_fields_data(form)
    if formset is not None:
        data |= formset_data(formset)
    data.update({key: "" if value is None else value for key, value in changes.items()})
    return data


def section_form_data(section, obj, parent, formset=True, **changes) -> dict:
    """POST data for a section's editor as the view builds it (same form kwargs and formset prefix)."""
    form = section.form_class(instance=obj, **section.form_kwargs(parent))
    lines = section.formset_class(instance=obj, prefix="lines") if section.formset_class and formset else None
    return form_data(form, lines, **changes)


def message_texts(response) -> list[str]:
    """The texts of the messages the request added (shown on the next page)."""
    return [str(m) for m in get_messages(response.wsgi_request)]


def message_levels(response) -> list[str]:
    return [m.level_tag for m in get_messages(response.wsgi_request)]


def nl(message, **params) -> str:
    """*message* as a Dutch-speaking user reads it."""
    with translation.override("nl"):
        text = gettext(message)
    return text % params if params else text


def save_button_pattern(language="nl") -> re.Pattern:
    """A submit button labelled Save (or Save values), in *language*."""
    with translation.override(language):
        labels = {gettext("Save"), gettext("Save values"), "Save", "Opslaan"}
    alternatives = "|".join(re.escape(label) for label in sorted(labels))
    return re.compile(rf'<button[^>]*type="submit"[^>]*>\s*(?:{alternatives})', re.IGNORECASE)


def has_save_button(html: str) -> bool:
    return bool(save_button_pattern().search(html))


def field_errors(html: str, field_name: str) -> list[str]:
    """The messages shown next to the field named *field_name* (includes/form_fields.html)."""
    match = re.search(rf'<ul class="errorlist" id="{re.escape(field_name)}-errors">(.*?)</ul>', html, re.S)
    return re.findall(r"<li>(.*?)</li>", match.group(1), re.S) if match else []


def non_field_errors(html: str) -> list[str]:
    match = re.search(r'<div class="alert alert-danger" role="alert">(.*?)</div>', html, re.S)
    return (
        [re.sub(r"<[^>]+>", "", m).strip() for m in re.findall(r"<p[^>]*>(.*?)</p>", match.group(1), re.S)]
        if match
        else []
    )
