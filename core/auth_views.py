"""Account screens that need more than Django's own: the password reset, limited per IP and per e-mail address."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.utils.translation import gettext as _

from .ratelimit import hit

WINDOW_SECONDS = 60 * 60


class RateLimitedPasswordResetView(auth_views.PasswordResetView):
    """Sends at most ``PASSWORD_RESET_LIMIT_PER_EMAIL`` links an hour to one address and accepts at most
    ``PASSWORD_RESET_LIMIT_PER_IP`` requests an hour from one IP address; beyond, the form says so (429)."""

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        by_ip = hit("password-reset-ip", self.request.META.get("REMOTE_ADDR", ""), WINDOW_SECONDS)
        by_email = hit("password-reset-email", email, WINDOW_SECONDS)
        if by_ip > settings.PASSWORD_RESET_LIMIT_PER_IP or by_email > settings.PASSWORD_RESET_LIMIT_PER_EMAIL:
            form.add_error(
                None,
                _(
                    "Too many requests to reset a password from your address or for this e-mail address. "
                    "Please try again in an hour."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)
