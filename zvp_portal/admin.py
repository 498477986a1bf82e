"""Admin of the portal-wide pieces."""

from django.contrib import admin
from knox.models import get_token_model

# API tokens are personal: their owner creates and revokes them at /account/tokens/, and the database keeps
# only digests, which tell an administrator nothing. To cut off someone's API access, deactivate the user.
if admin.site.is_registered(get_token_model()):
    admin.site.unregister(get_token_model())
