"""Links to a moment of a recording on its item page: `/th/items/OH-0001/?t=754#player`.

`t` is whole seconds; `rec` names the recording when it is not the item's first. The link is built when the
page or search result is rendered, so it carries the visitor's language prefix.
"""

from django.urls import reverse

PLAYER_ANCHOR = "player"


def moment_query(start_ms, *, recording_id=None):
    query = f"?t={int(start_ms) // 1000}"
    if recording_id:
        query += f"&rec={recording_id}"
    return f"{query}#{PLAYER_ANCHOR}"


def moment_url(accession, start_ms, *, recording_id=None):
    path = reverse("item_detail", kwargs={"accession": accession})
    return path + moment_query(start_ms, recording_id=recording_id)
