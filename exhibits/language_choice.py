"""Which language an un-prefixed address is read in.

English lives at `/`, the other languages under their prefix (`/th/`, `/my/`...). A visitor who has chosen a
language (the language cookie, set by the language links) or whose phone asks for one (Accept-Language) and who
follows an un-prefixed link, `/` or a shared `/items/X/`, is sent to the same page in that language. Prefixed
addresses, stable links and citations keep the language they name, and machine interfaces (`/oai/`, `/api/`,
`/iiif/`, `/media/`, `/static/`, `/admin/`...) never move: only the pages of the public site have a prefixed twin.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme

from archive.languages import TEXT_LANGUAGES

# Pages of the public site that are files for machines, not pages for readers.
NOT_FOR_READERS = {"sitemap"}


def _public_page(path):
    """Whether `path` (un-prefixed) is a page of the public site, that is, has a twin under a language prefix."""
    other = next(code for code in TEXT_LANGUAGES if code != settings.LANGUAGE_CODE)
    try:
        with translation.override(other):
            match = resolve(f"/{other}{path}")
    except Resolver404:
        return False
    return match.url_name not in NOT_FOR_READERS


def _preferred(request):
    """The visitor's remembered choice, else the first supported language their browser asks for."""
    return translation.get_language_from_request(request, check_path=False)


class PreferredLanguageMiddleware:
    """Sends un-prefixed public pages to the visitor's language; runs after LocaleMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        unprefixed = (translation.get_language_from_path(request.path_info) is None
                      and _public_page(request.path_info))
        if unprefixed and request.method in ("GET", "HEAD"):
            language = _preferred(request)
            if language != settings.LANGUAGE_CODE:
                response = HttpResponseRedirect(translate_url(request.get_full_path(), language))
                patch_vary_headers(response, ("Accept-Language", "Cookie"))
                return response
        response = self.get_response(request)
        if unprefixed:
            # The same address answers differently by language cookie and Accept-Language.
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response


def language_choose(request, code):
    """Remember `code` as the visitor's language and show them `?next=` (a page of this site) in it."""
    if code not in TEXT_LANGUAGES:
        code = settings.LANGUAGE_CODE
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()) or not target.startswith("/"):
        target = "/"
    with translation.override(translation.get_language_from_path(target) or settings.LANGUAGE_CODE):
        response = HttpResponseRedirect(translate_url(target, code))
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, code, max_age=settings.LANGUAGE_COOKIE_AGE or 365 * 86400,
                        path=settings.LANGUAGE_COOKIE_PATH, samesite="Lax", secure=request.is_secure())
    add_never_cache_headers(response)
    return response
