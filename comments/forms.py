"""The council's comment form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from comments.models import Comment
from core.forms import PortalModelForm


class CommentForm(PortalModelForm):
    class Meta:
        model = Comment
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}
        labels = {"body": _("Your comment")}
