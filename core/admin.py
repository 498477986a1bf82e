"""Admin of the portal-wide pieces, and the base classes every app's admin uses."""

from django.contrib import admin
from knox.models import get_token_model
from simple_history.admin import SimpleHistoryAdmin

from core.access import can_change

# API tokens are personal: their owner creates and revokes them at /account/tokens/, and the database keeps
# only digests, which tell an administrator nothing. To cut off someone's API access, deactivate the user.
if admin.site.is_registered(get_token_model()):
    admin.site.unregister(get_token_model())


class AccessRuleAdmin(SimpleHistoryAdmin):
    """The admin keeps the access rule: a row that ``restrict(user, "change")`` freezes is read-only here too.

    A published plan's chapter is frozen for everyone, site administrators included (core/access.py); the
    admin shows it but does not change or delete it.
    """

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or can_change(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or can_change(request.user, obj))


class AccessRuleInlineMixin:
    """Inline rows follow their parent: none added, changed or deleted under a frozen parent."""

    def _parent_open(self, request, obj) -> bool:
        return obj is None or can_change(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._parent_open(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._parent_open(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._parent_open(request, obj)
