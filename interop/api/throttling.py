"""Every client of the API is anonymous (it shows public records only) and is throttled by its address."""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class AnonymousThrottle(SimpleRateThrottle):
    """At most REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anonymous"] requests per address.

    DRF's own throttles copy the rates once, at import; this one reads the setting at each request, so a change
    of settings (a test's, or a deployment's) takes effect."""

    scope = "anonymous"

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
