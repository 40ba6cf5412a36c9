"""What an exhibit page shows a visitor: its blocks, with only the items that visitor may see."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext as _

from archive.models import PUBLIC_NAME_FIELDS, Asset, ItemAgent

from .charts import ChartError, chart_rows, chart_svg, parse_chart_csv
from .dates import date_label
from .maps import map_svg
from .models import Block, visible_block_items
from .players import assets_prefetch, thumbnail
from .recording_cards import recording_cards
from .richtext import markdown_to_html
from .works import work_label
from .subtitles import item_players


@dataclass
class Entry:
    """One item as a block shows it."""

    item: object
    caption: str
    picture: object
    player: object = None
    date: str = ""
    label: object = None  # the museum label of an artwork, a song or a performance (exhibits/works.py)
    card: object = None  # a RecordingCard for a film or recording without a picture


@dataclass
class ShownBlock:
    block: Block
    heading: str
    html: str = ""
    entries: list = field(default_factory=list)
    svg: str = ""
    table: list = field(default_factory=list)
    places: list = field(default_factory=list)
    clip_fragment: str = ""

    @property
    def kind(self):
        return self.block.kind


def covers_for(exhibits, user):
    """{exhibit id: Picture} for the covers the visitor may see: two queries for any number of exhibits."""
    ids = {exhibit.cover_id for exhibit in exhibits if exhibit.cover_id}
    if not ids:
        return {}
    assets = (Asset.objects.visible_to(user, use="exhibits").shown_in_lists(user).filter(pk__in=ids)
              .prefetch_related("derivatives"))
    pictures = {asset.pk: thumbnail([asset]) for asset in assets}
    return {exhibit.pk: pictures[exhibit.cover_id] for exhibit in exhibits if exhibit.cover_id in pictures}


def _entry(block_item, language, pictures, cards):
    item = block_item.item
    return Entry(item=item, caption=block_item.display_caption(language), picture=pictures[item.pk],
                 date=date_label(item.date, language), card=cards.get(item.pk))


def _fragment(block):
    if block.clip_start is None and block.clip_end is None:
        return ""
    start = float(block.clip_start or 0)
    return f"#t={start:g}" + (f",{float(block.clip_end):g}" if block.clip_end is not None else "")


def _show(block, language, pictures, cards):
    shown = ShownBlock(block=block, heading=block.display_heading(language))
    entries = [_entry(block_item, language, pictures, cards) for block_item in block.shown_items]
    if block.kind == Block.Kind.TEXT:
        shown.html = markdown_to_html(block.display_body(language))
    elif block.kind == Block.Kind.QUOTE:
        shown.html = block.display_body(language)
    elif block.kind == Block.Kind.DATA:
        try:
            data = parse_chart_csv(block.data_csv)
        except ChartError:
            return None
        shown.svg = chart_svg(data, kind=block.chart, title=shown.heading or data.value_heading)
        shown.table = [(data.label_heading, data.value_heading), *chart_rows(data)]
    elif block.kind == Block.Kind.TIMELINE:
        shown.entries = sorted((e for e in entries if e.item.date_lower),
                               key=lambda e: (e.item.date_lower, e.item.date_upper))
    elif block.kind == Block.Kind.MAP:
        places = {place.pk: place for entry in entries for place in entry.item.places.all()}
        shown.places = sorted(places.values(), key=lambda p: p.display_name(language))
        shown.svg = map_svg(shown.places, title=shown.heading or _("Map of the places in this exhibit"),
                            language=language)
        shown.entries = entries
    elif block.kind == Block.Kind.ART_GALLERY:
        shown.entries = _labelled(entries, language)
    elif block.kind == Block.Kind.PERFORMANCE:
        for entry in entries:
            entry.player = _recording(entry.item, language)
        shown.entries = _labelled([e for e in entries if e.player], language)
    elif block.kind == Block.Kind.CLIP:
        for entry in entries:
            players = item_players(entry.item, entry.item.shown_assets, language=language)
            entry.player = next((p for p in players if p.kind in ("video", "audio")), None)
        shown.entries = [e for e in entries if e.player][:1]
        shown.clip_fragment = _fragment(block)
    else:
        shown.entries = entries if block.kind == Block.Kind.GALLERY else entries[:1]
    if block.kind in Block.ITEM_KINDS and not shown.entries:
        return None
    return shown


def _recording(item, language):
    players = item_players(item, item.shown_assets, language=language)
    return next((p for p in players if p.kind in ("video", "audio")), None)


def _labelled(entries, language):
    for entry in entries:
        entry.label = work_label(entry.item, entry.item.credits, language)
    return entries


def _work_prefetches(blocks):
    """People and tradition of the items, for the labels of art gallery and performance blocks: two queries, and
    none for an exhibit without such blocks."""
    if not any(block.kind in (Block.Kind.ART_GALLERY, Block.Kind.PERFORMANCE) for block in blocks):
        return []
    credits = ItemAgent.objects.select_related("agent").only("item_id", "role", "part", "position",
                                                             *PUBLIC_NAME_FIELDS)
    return ["tradition", Prefetch("item_agents", queryset=credits, to_attr="credits")]


def exhibit_blocks(exhibit, user, language):
    """The exhibit's blocks as the visitor sees them. Blocks left with no visible item are dropped.

    A fixed number of queries whatever the exhibit holds: blocks, their visible items, places, files, derivatives.
    """
    blocks = list(exhibit.blocks.prefetch_related(
        Prefetch("block_items", queryset=visible_block_items(user), to_attr="shown_items")))
    items = {}  # an item shown in several blocks is loaded, prefetched and pictured once
    for block in blocks:
        for block_item in block.shown_items:
            block_item.item = items.setdefault(block_item.item_id, block_item.item)
    if items:
        prefetch_related_objects(list(items.values()), "places",
                                 assets_prefetch(user, use="exhibits", to_attr="shown_assets"),
                                 *_work_prefetches(blocks))
    pictures = {pk: thumbnail(item.shown_assets) for pk, item in items.items()}
    cards = recording_cards([item for pk, item in items.items() if not pictures[pk]], user, language)
    return [shown for shown in (_show(block, language, pictures, cards) for block in blocks) if shown is not None]
