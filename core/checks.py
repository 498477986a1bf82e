"""System checks of the deployment that Django's own ``--deploy`` checks do not know about."""

from django.conf import settings
from django.core.checks import Warning, register

LOCAL_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register()
def shared_cache_in_production(app_configs, **kwargs):
    """Several web processes need one shared cache: with a per-process cache a publication clears one of them."""
    if settings.DEBUG:
        return []
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in LOCAL_CACHES:
        return [
            Warning(
                "The cache is local to each process (CACHE_URL is not set) while DJANGO_DEBUG is false.",
                hint=(
                    "Set CACHE_URL to a Redis shared by every web process (e.g. redis://redis:6379/2); "
                    "otherwise each worker keeps its own copy of the public pages and a publication clears one."
                ),
                id="zvp.W001",
            )
        ]
    return []
