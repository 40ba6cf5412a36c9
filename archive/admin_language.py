"""The curators' admin speaks the language they chose, not the public site's default.

Public pages carry their language in the URL (`/th/...`), and unprefixed URLs are English. The admin has no
prefix, so LocaleMiddleware would always give it English; here the admin follows the language cookie that the
switcher in its header sets, or else the browser's preference.
"""

from django.utils import translation


class AdminLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/"):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
