"""The item admin's "Add files" goes through the resumable upload endpoint, with a progress bar."""

import hashlib

import pytest

from archive.models import Asset, Item
from tests.e2e.test_contribute import sign_in
from tests.factories import make_item
from tests.media_pipeline.media import ffmpeg

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_curator_adds_a_film_with_a_progress_bar_and_a_dropped_connection(page, live_server, staff_user,
                                                                          tmp_path):
    item = make_item(kind=Item.Kind.FILM, accession_number="MLA-FILM-7", title="Night shift")
    # Noise does not compress: two seconds make a film of several pieces of 4 MiB.
    film = tmp_path / "กะกลางคืน.mp4"
    ffmpeg("-f", "lavfi", "-i", "nullsrc=s=640x360:r=25:d=2,geq=random(1)*255:128:128", "-c:v", "libx264",
           "-pix_fmt", "yuv420p", "-crf", "8", film)
    assert film.stat().st_size > 2 * 4 * 1024**2
    sign_in(page, live_server, staff_user)
    cut = {"on": False, "patches": 0}

    def network(route):
        if route.request.method == "PATCH":
            cut["patches"] += 1
            if cut["patches"] == 1:
                route.continue_()
                cut["on"] = True  # the connection drops after the first piece
                return
        if cut["on"]:
            route.abort("internetdisconnected")
        else:
            route.continue_()

    page.route("**/contribute/tus/**", network)
    page.goto(f"/admin/archive/item/{item.pk}/change/")
    page.set_input_files("input[name=new_files]", str(film))
    page.click("input[name=_continue]")

    page.wait_for_function("() => document.querySelector('progress.upload-progress').value > 0")
    assert "%" in page.locator(".upload-status").inner_text()
    assert page.evaluate("document.querySelector('progress.upload-progress').value") < 100
    cut["on"] = False
    page.wait_for_selector("ul.messagelist li.success", timeout=120_000)  # saved once the files were sent

    asset = Asset.objects.get()
    assert asset.item_id == item.pk and asset.original_name == "กะกลางคืน.mp4"
    assert asset.sha256 == hashlib.sha256(film.read_bytes()).hexdigest()
