"""Template tags of the public site: language links, dates in the reader's calendar, pictures."""

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import timezone, translation
from django.utils.http import urlencode

from archive.languages import language_for_code
from oral_histories.timecodes import format_clock

from ..dates import date_label, day_text
from ..players import thumbnail, waveform_points
from ..printing import qr_svg
from ..printing import short_address as shorten
from ..richtext import markdown_to_html

register = template.Library()

@register.simple_tag(takes_context=True)
def language_links(context):
    """The same page in each language, named in itself as its readers look for it: plain links, so switching
    works without JavaScript. `choose_url` also remembers the choice, for the site's un-prefixed addresses."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = translation.get_language()
    return [{"code": code, "name": language_for_code(code).own_name, "url": translate_url(path, code),
             "choose_url": f"{reverse('language_choose', kwargs={'code': code})}?{urlencode({'next': path})}",
             "current": code == current} for code, _name in settings.LANGUAGES]


@register.simple_tag
def search_url():
    """The search page's address, or "" while the site has none."""
    try:
        return reverse("search")
    except NoReverseMatch:
        return ""


@register.filter
def edtf_label(text):
    return date_label(text)


@register.filter
def day_label(value):
    if not value:
        return ""
    if hasattr(value, "astimezone"):
        value = timezone.localtime(value).date()
    return day_text(value)


@register.filter
def markdown(text):
    return markdown_to_html(text)


@register.inclusion_tag("includes/picture.html")
def picture(pic, alt="", sizes="(min-width: 60rem) 20rem, (min-width: 36rem) 45vw, 100vw", eager=False,
            css_class=""):
    return {"pic": pic, "alt": alt, "sizes": sizes, "eager": eager, "css_class": css_class}


@register.filter
def card_picture(item):
    """The card picture of an item whose visible files were prefetched."""
    return thumbnail(getattr(item, "visible_assets", None) or getattr(item, "shown_assets", []))


@register.filter
def lookup(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def waveform(peaks):
    return waveform_points(peaks)


@register.filter
def clock(seconds):
    """A length in seconds as a player shows it: 4:05, or 1:02:03 past an hour."""
    return format_clock(round(float(seconds or 0)) * 1000)


@register.filter
def iso_duration(seconds):
    """The `datetime` of a <time> holding a length: PT245S."""
    return f"PT{round(float(seconds or 0))}S"


@register.simple_tag
def qr_code(url):
    """A QR code of `url` as inline SVG, for printed pages (static/css/print.css sizes it)."""
    return qr_svg(url) if url else ""


@register.filter
def short_address(url):
    """`url` as a reader types it from paper: archive.example.org/th/exhibits/ชุด."""
    return shorten(url) if url else ""
