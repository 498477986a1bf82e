"""URLs and form data of the editor's section screens, shared by the editing tests."""

import re

from django.urls import reverse
from django.utils import translation

from core.locking import StaleRevision
from editor.sections import SECTIONS
from tests.editor import section_form_data


def edit_url(slug, obj):
    return reverse("editor:section-edit", args=[slug, obj.pk])


def add_url(slug, parent):
    return reverse("editor:section-add", args=[slug, parent.pk])


def list_url(slug, parent):
    return reverse("editor:section-list", args=[slug, parent.pk])


def loaded_revision(html) -> str:
    return re.search(r'name="loaded_revision" value="(\d+)"', html).group(1)


def edit_data(slug, obj, **changes):
    section = SECTIONS[slug]
    return section_form_data(section, obj, getattr(obj, section.parent_field), **changes)


def add_data(slug, parent, **values):
    section = SECTIONS[slug]
    return section_form_data(section, section.model(**{section.parent_field: parent}), parent, **values)


def stale_message(language="nl") -> str:
    with translation.override(language):
        return str(StaleRevision.message)
