"""The council's comments on priorities and indicators: add one, mark one resolved."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from comments.forms import CommentForm
from comments.models import Comment
from comments.services import add_comment, resolve_comment
from editor.views.base import EditorView
from priorities.models import Priority
from stats.models import Indicator


class CommentCreateView(EditorView):
    def post(self, request, kind, pk):
        model = Priority if kind == "prioriteit" else Indicator
        target = self.open(model, pk=pk).obj
        form = CommentForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(form.errors["body"])
            add_comment(target, form.cleaned_data["body"], request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Your comment was added."))
        priority = target if isinstance(target, Priority) else target.priority
        if priority is None:
            return redirect("editor:section-edit", "indicatoren", target.pk)
        return redirect("editor:priority", pk=priority.pk)


class CommentResolveView(EditorView):
    def post(self, request, pk):
        comment = self.open(Comment, pk=pk).obj
        resolve_comment(comment, request.user)
        messages.success(request, _("The comment is marked as resolved."))
        next_url = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
            next_url = reverse("editor:plan", args=[comment.plan_id])  # never send the user to another site
        return redirect(next_url)
