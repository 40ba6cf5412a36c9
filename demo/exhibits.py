"""Demo exhibits built from the demo collection (items DEMO-*). Safe to run again: it rebuilds the same two."""

from django.db import transaction
from django.utils import timezone

from archive.history import parts_replaced
from archive.models import Asset, Item
from exhibits.models import Block, BlockItem, Exhibit

# Illustrative numbers for the demo's data story; a real exhibit cites its official source.
DEMO_CSV = "Year,Workers (illustrative)\n2014,1100000\n2016,1400000\n2018,2000000\n2020,2300000\n2022,2600000\n"

EXHIBITS = [
    {
        "slug": "working-lives",
        "title": "Working lives",
        "title_th": "ชีวิตการทำงาน",
        "title_my": "အလုပ်သမားဘဝများ",
        "title_km": "ជីវិតការងារ",
        "title_lo": "ຊີວິດການເຮັດວຽກ",
        "summary": "Photographs, films and voices of people who came to Thailand to work, and stayed to build a life.",
        "summary_th": "ภาพถ่าย ภาพยนตร์ และเสียงของผู้คนที่มาทำงานในประเทศไทยและสร้างชีวิตที่นี่",
        "summary_my": "ထိုင်းနိုင်ငံသို့ အလုပ်လာလုပ်ပြီး ဘဝတည်ဆောက်ခဲ့သူများ၏ ဓာတ်ပုံ၊ ရုပ်ရှင်နှင့် အသံများ",
        "summary_km": "រូបថត ខ្សែភាពយន្ត និងសំឡេងរបស់អ្នកដែលមកធ្វើការនៅប្រទេសថៃ ហើយកសាងជីវិតនៅទីនោះ",
        "summary_lo": "ຮູບພາບ, ຮູບເງົາ ແລະ ສຽງຂອງຜູ້ຄົນທີ່ມາເຮັດວຽກຢູ່ປະເທດໄທ ແລະ ສ້າງຊີວິດຢູ່ທີ່ນີ້",
        "credits": "Curated by the archive's editorial team from the demo collection.",
        "featured": True,
    },
    {
        "slug": "voices",
        "title": "Voices",
        "title_th": "เสียงเล่า",
        "title_my": "အသံများ",
        "title_km": "សំឡេង",
        "title_lo": "ສຽງເລົ່າ",
        "summary": "Oral histories in the narrators' own words, with the places and years they speak of.",
        "summary_th": "ประวัติศาสตร์บอกเล่าด้วยถ้อยคำของผู้เล่าเอง พร้อมสถานที่และปีที่เขาพูดถึง",
        "summary_my": "ပြောပြသူများ၏ ကိုယ်ပိုင်စကားဖြင့် နှုတ်ပြောသမိုင်းများ",
        "credits": "Curated by the archive's editorial team.",
        "featured": False,
    },
]


def _first_image(items):
    return Asset.objects.filter(item__in=items, kind=Asset.Kind.IMAGE).order_by("item__accession_number",
                                                                                 "position", "pk").first()


def _block(exhibit, position, kind, items=(), **fields):
    block = Block.objects.create(exhibit=exhibit, position=position, kind=kind, **fields)
    BlockItem.objects.bulk_create(BlockItem(block=block, item=item, position=n) for n, item in enumerate(items))
    return block


def _working_lives(exhibit, items):
    photos = [i for i in items if i.kind == Item.Kind.PHOTOGRAPH]
    media = [i for i in items if i.kind in (Item.Kind.FILM, Item.Kind.ORAL_HISTORY)]
    _block(exhibit, 10, Block.Kind.TEXT, heading="Arriving", heading_th="การมาถึง",
           body="Most people in this collection crossed the border young, to work on boats, in factories or on "
                "building sites. These are **their own pictures and words**.",
           body_th="ผู้คนส่วนใหญ่ในคอลเลกชันนี้ข้ามพรมแดนมาตั้งแต่ยังหนุ่มสาว เพื่อทำงานบนเรือ ในโรงงาน หรือในไซต์ก่อสร้าง "
                   "นี่คือ**ภาพและถ้อยคำของพวกเขาเอง**")
    if photos:
        _block(exhibit, 20, Block.Kind.ITEM, photos[:1], heading="At work", heading_th="ขณะทำงาน")
        _block(exhibit, 30, Block.Kind.GALLERY, photos[:8], heading="Pictures", heading_th="ภาพถ่าย")
    if media:
        _block(exhibit, 40, Block.Kind.CLIP, media[:1], heading="Listen", heading_th="ฟัง", clip_start=0,
               clip_end=30)
    _block(exhibit, 50, Block.Kind.QUOTE, body="We came for work, and we stayed for each other.",
           body_th="เรามาเพื่อทำงาน และเราอยู่ต่อเพื่อกันและกัน", attribution="A narrator in the collection")
    _block(exhibit, 60, Block.Kind.TIMELINE, [i for i in items if i.date][:12], heading="Over the years",
           heading_th="ตลอดหลายปี")
    _block(exhibit, 70, Block.Kind.MAP, items[:20], heading="Where", heading_th="ที่ไหน")
    _block(exhibit, 80, Block.Kind.DATA, heading="Registered migrant workers", heading_th="แรงงานข้ามชาติที่ขึ้นทะเบียน",
           data_csv=DEMO_CSV, data_source="Illustrative figures for the demo, not official statistics")
    _their_art(exhibit, items)


def _their_art(exhibit, items):
    """The sample section of art, music and performance (DEMO-0013 to DEMO-0015)."""
    art = [i for i in items if i.kind == Item.Kind.ARTWORK]
    recordings = [i for i in items if i.kind in (Item.Kind.PERFORMANCE, Item.Kind.MUSIC)]
    if art:
        _block(exhibit, 90, Block.Kind.ART_GALLERY, art, heading="Sample: their art", heading_th="ตัวอย่าง: ศิลปะของพวกเขา",
               heading_my="နမူနာ - သူတို့၏ အနုပညာ", heading_km="គំរូ៖ សិល្បៈរបស់ពួកគេ", heading_lo="ຕົວຢ່າງ: ສິລະປະຂອງພວກເຂົາ")
    if recordings:
        _block(exhibit, 100, Block.Kind.PERFORMANCE, recordings, heading="Sample: songs and dances",
               heading_th="ตัวอย่าง: เพลงและการแสดง", heading_my="နမူနာ - သီချင်းနှင့် အကများ",
               heading_km="គំរូ៖ ចម្រៀង និងរបាំ", heading_lo="ຕົວຢ່າງ: ເພງ ແລະ ການຟ້ອນ")


def _voices(exhibit, items):
    voices = [i for i in items if i.kind == Item.Kind.ORAL_HISTORY] or items[:3]
    _block(exhibit, 10, Block.Kind.TEXT, heading="In their words", heading_th="ด้วยถ้อยคำของพวกเขา",
           body="Every narrator chose how to be named here. Many use a pseudonym.",
           body_th="ผู้เล่าทุกคนเลือกเองว่าจะให้ระบุชื่ออย่างไร หลายคนใช้นามแฝง")
    _block(exhibit, 20, Block.Kind.GALLERY, voices[:6])
    _block(exhibit, 30, Block.Kind.TIMELINE, [i for i in voices if i.date], heading="When", heading_th="เมื่อไร")


def _blocks_text(exhibit):
    return "\n".join(f"{block} {block.heading}: {', '.join(str(entry.item) for entry in block.block_items.all())}"
                     for block in exhibit.blocks.prefetch_related("block_items__item"))


@transaction.atomic
def demo_exhibits_load(*, now=None):
    """Build the demo exhibits from the public DEMO-* items. Returns the exhibits ([] when there are no items)."""
    items = list(Item.objects.public(use="exhibits").filter(accession_number__startswith="DEMO-")
                 .order_by("date_lower", "accession_number"))
    if not items:
        return []
    now = now or timezone.now()
    built = []
    for spec, fill in zip(EXHIBITS, (_working_lives, _voices), strict=True):
        fields = {key: value for key, value in spec.items() if key != "slug"}
        exhibit, created = Exhibit.objects.get_or_create(slug=spec["slug"], defaults={
            **fields, "status": Exhibit.Status.PUBLISHED, "published_at": now})
        if not created:
            for key, value in fields.items():
                setattr(exhibit, key, value)
        exhibit.cover = _first_image(items)
        exhibit.save()
        with parts_replaced(exhibit, "blocks", _blocks_text):  # a rebuild that changes nothing records nothing
            exhibit.blocks.all().delete()
            fill(exhibit, items)
        built.append(exhibit)
    return built
