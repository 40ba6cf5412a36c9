"""Every response carries a strict Content-Security-Policy (django-csp), and nothing the archive writes needs more."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import make_item

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
OWN_TEMPLATES = [ROOT / "templates", *ROOT.glob("*/templates")]


def policy(response):
    directives = [part.strip().split() for part in response["Content-Security-Policy"].split(";")]
    return {name: values for name, *values in directives}


@pytest.mark.parametrize("path", ["/", "/th/", "/search/?q=ตากอวน", "/browse/", "/exhibits/", "/no-such-page/",
                                  "/admin/login/"])
def test_every_page_carries_a_policy_with_nothing_inline(client, path):
    make_item(title="Drying nets", title_th="ตากอวน")
    found = policy(client.get(path))

    assert found["default-src"] == ["'none'"] and found["script-src"] == ["'self'"]
    assert found["object-src"] == ["'none'"] and found["base-uri"] == ["'none'"]
    assert found["frame-ancestors"] == ["'none'"] and found["form-action"] == ["'self'"]
    for values in found.values():
        assert not {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "data:", "blob:", "*"} & set(values)


def test_an_item_page_and_the_admin_carry_it_too(client, staff_user):
    item = make_item()
    assert "script-src 'self'" in client.get(item.get_absolute_url())["Content-Security-Policy"]
    client.force_login(staff_user)
    assert "script-src 'self'" in client.get(f"/admin/archive/item/{item.pk}/change/")["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/admin/", "/admin/archive/item/", "/admin/archive/item/add/",
                                  "/admin/archive/changerecord/", "/admin/exhibits/exhibit/add/"])
def test_the_admin_pages_write_no_inline_script_or_style(client, staff_user, path):
    """Django's admin loads its scripts from files; its JSON data sits in non-executable script elements."""
    client.force_login(staff_user)
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert not INLINE["inline script"].search(html) and not INLINE["style element"].search(html)
    assert not INLINE["event handler attribute"].search(html) and not INLINE["style attribute"].search(html)


INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I),
    "event handler attribute": re.compile(r"<[^>]+\son[a-z]+\s*=", re.I),
    "style attribute": re.compile(r"<[^>]+\sstyle\s*=", re.I),
    "style element": re.compile(r"<style\b", re.I),
    "javascript: address": re.compile(r"javascript:", re.I),
}


def test_no_template_or_script_of_the_archive_writes_anything_inline():
    files = [path for folder in OWN_TEMPLATES for path in folder.rglob("*.html")]
    files += list((ROOT / "static/js").rglob("*.js"))
    assert len(files) > 20
    found = [f"{path.relative_to(ROOT)}: {what}" for path in files for what, pattern in INLINE.items()
             if path.suffix == ".html" or what == "javascript: address"
             if pattern.search(path.read_text(encoding="utf-8"))]
    assert found == []


def test_only_an_item_page_that_streams_video_allows_blob_media(client):
    """static/js/hls-player.js plays through a blob: address; no other page, and no other directive, allows one."""
    from archive.models import Asset
    from tests.factories import make_derivative

    film = make_item(kind="film", title="ฟิล์ม")
    asset = Asset.objects.create(item=film, kind=Asset.Kind.VIDEO)
    make_derivative(asset, "hls-master", path=f"derivatives/{asset.pk}/video-hls/t/master.m3u8",
                    mime_type="application/vnd.apple.mpegurl")
    response = client.get(film.get_absolute_url())
    found = policy(response)
    photo = make_item(title="ภาพถ่าย")
    elsewhere = client.get(photo.get_absolute_url())
    # The film's page adds blob: to what every page allows ('self', and the bucket's origin on object storage).
    assert found["media-src"] == [*policy(elsewhere)["media-src"], "blob:"]
    assert "/static/js/hls-player.js" in response.content.decode()
    assert all("blob:" not in values for name, values in found.items() if name != "media-src")
    assert "blob:" not in elsewhere["Content-Security-Policy"]
