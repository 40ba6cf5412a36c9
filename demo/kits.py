"""The demo lesson kit, built from the demo collection (items DEMO-*) in Thai and English. Safe to run again: a
load that finds the kit as it would build it changes nothing."""

from decimal import Decimal

from django.utils import timezone

from archive.models import Item
from exhibits.models import Exhibit
from lessons.models import Kit, KitSource

KIT = {
    "slug": "working-at-sea",
    "title": "Sample kit: Working at sea, migrant crews on Thai fishing boats",
    "title_th": "ชุดการสอนตัวอย่าง: ทำงานกลางทะเล แรงงานข้ามชาติบนเรือประมงไทย",
    "age_band": Kit.AgeBand.SECONDARY_UPPER,
    "subject_area": Kit.Subject.HUMAN_RIGHTS,
    "duration_minutes": 50,
    "original_language": "th",
    "summary": (
        "Students listen to a fisherman from Myanmar describe a night at sea, look at photographs of the harbour, "
        "and ask who does the work that brings fish to Thai markets, under what conditions, and what has changed "
        "since the reforms of 2015. (Sample kit: the people and media of the demo collection are fictional.)"),
    "summary_th": (
        "นักเรียนฟังชาวประมงจากเมียนมาเล่าถึงคืนหนึ่งกลางทะเล ดูภาพถ่ายท่าเรือ และตั้งคำถามว่าใครคือผู้ทำงานที่ทำให้"
        "ปลามาถึงตลาดในประเทศไทย ทำงานในสภาพแบบใด และมีอะไรเปลี่ยนไปบ้างตั้งแต่การปฏิรูปเมื่อปี 2558 "
        "(ชุดการสอนตัวอย่าง: บุคคลและสื่อในคลังตัวอย่างเป็นเรื่องสมมติ)"),
    "objectives": (
        "Describe the working day of a crew member on a fishing boat from a first-hand account.\n"
        "Explain why many workers from Myanmar and Cambodia came to work in the Thai fishing industry.\n"
        "Tell a first-hand account apart from a summary of one, and cite an oral history correctly."),
    "objectives_th": (
        "บรรยายวันทำงานของลูกเรือประมงจากคำบอกเล่าของผู้ที่อยู่ในเหตุการณ์\n"
        "อธิบายว่าเหตุใดแรงงานจำนวนมากจากเมียนมาและกัมพูชาจึงมาทำงานในอุตสาหกรรมประมงไทย\n"
        "แยกคำบอกเล่าจากประสบการณ์ตรงออกจากบทสรุป และอ้างอิงประวัติศาสตร์บอกเล่าได้ถูกต้อง"),
    "questions_observe": (
        "What time does the boat leave, and how long does the crew stay at sea?\n"
        "What do you see in the photograph of the nets? Who might have done this work?"),
    "questions_observe_th": (
        "เรือออกจากท่ากี่โมง และลูกเรืออยู่กลางทะเลนานเท่าไร\n"
        "เห็นอะไรบ้างในภาพตากอวน ใครน่าจะเป็นคนทำงานนี้"),
    "questions_reflect": (
        "Why would someone choose work this hard and this far from home?\n"
        "How does the narrator feel about the money he sends home?"),
    "questions_reflect_th": (
        "ทำไมคนคนหนึ่งจึงเลือกงานที่หนักและไกลบ้านขนาดนี้\n"
        "ผู้เล่ารู้สึกอย่างไรกับเงินที่ส่งกลับบ้าน"),
    "questions_question": (
        "Who is responsible for the safety of the crew: the boat owner, the broker, the state or the buyer?\n"
        "What would you ask the narrator if you could meet him?"),
    "questions_question_th": (
        "ใครควรรับผิดชอบความปลอดภัยของลูกเรือ เจ้าของเรือ นายหน้า รัฐ หรือผู้ซื้อ\n"
        "ถ้าได้พบผู้เล่า อยากถามอะไรเขา"),
    "activities": (
        "1. Listen to the clip twice (5 minutes). The first time, only listen; the second time, note three facts.\n"
        "2. In pairs, compare your facts with the photograph of the nets (10 minutes).\n"
        "3. Read the vocabulary together, then write a short letter home as a crew member (20 minutes).\n"
        "4. Share one letter with the class and discuss the guiding questions (15 minutes)."),
    "activities_th": (
        "1. ฟังคลิปสองรอบ (5 นาที) รอบแรกฟังอย่างเดียว รอบที่สองจดข้อเท็จจริงสามข้อ\n"
        "2. จับคู่เปรียบเทียบข้อเท็จจริงที่จดไว้กับภาพตากอวน (10 นาที)\n"
        "3. อ่านคำศัพท์ร่วมกัน แล้วเขียนจดหมายสั้น ๆ ถึงบ้านในฐานะลูกเรือ (20 นาที)\n"
        "4. อ่านจดหมายหนึ่งฉบับให้เพื่อนในชั้นฟัง และอภิปรายคำถามนำ (15 นาที)"),
    "vocabulary": (
        "crew: the people who work on a boat\n"
        "broker: a person paid to find workers a job, and sometimes to hold their papers\n"
        "work permit: the card that allows a foreign worker to work legally\n"
        "remittance: money a worker sends home to the family"),
    "vocabulary_th": (
        "ลูกเรือ: คนที่ทำงานบนเรือ\n"
        "นายหน้า: คนที่ได้รับค่าจ้างให้หางานให้แรงงาน บางครั้งเก็บเอกสารของแรงงานไว้ด้วย\n"
        "ใบอนุญาตทำงาน: บัตรที่อนุญาตให้แรงงานต่างชาติทำงานได้ถูกกฎหมาย\n"
        "เงินส่งกลับบ้าน: เงินที่แรงงานส่งกลับไปให้ครอบครัว"),
    "advisories": (
        "The account speaks of long hours, debt and danger at sea. Some students may have family members who "
        "work on boats or who migrated for work: let them choose whether to share."),
    "advisories_th": (
        "คำบอกเล่านี้พูดถึงการทำงานหลายชั่วโมง หนี้สิน และอันตรายกลางทะเล นักเรียนบางคนอาจมีคนในครอบครัวที่ทำงาน"
        "บนเรือหรือย้ายถิ่นมาทำงาน ให้เขาเลือกเองว่าจะเล่าหรือไม่"),
}

# (kind, accession number or exhibit slug, clip start, clip end, note, Thai note)
SOURCES = [
    ("clip", "DEMO-0001", Decimal("0"), Decimal("3"),
     "Listen for when the boat leaves and how the narrator speaks of his wage.",
     "ฟังว่าเรือออกเมื่อไร และผู้เล่าพูดถึงค่าจ้างของเขาอย่างไร"),
    ("item", "DEMO-0002", None, None,
     "Nets are mended and dried in the harbour between trips, often by the same crews.",
     "อวนถูกซ่อมและตากที่ท่าเรือระหว่างเที่ยว ส่วนใหญ่โดยลูกเรือชุดเดียวกัน"),
    ("clip", "DEMO-0003", Decimal("0.5"), Decimal("2.5"),
     "The border market: many crew members first crossed into Thailand here.",
     "ตลาดชายแดน: ลูกเรือหลายคนข้ามมาประเทศไทยครั้งแรกที่นี่"),
    ("exhibit", "working-lives", None, None,
     "For students who finish early: the exhibit shows other work migrants do.",
     "สำหรับนักเรียนที่ทำเสร็จก่อน: นิทรรศการนี้แสดงงานอื่น ๆ ที่แรงงานข้ามชาติทำ"),
]


def demo_kits_load(*, now=None):
    """Build the demo kit from the DEMO-* items that anyone may see for classroom use. Returns [the kit], or []
    when the demo collection is not loaded."""
    accessions = [name for kind, name, *_rest in SOURCES if kind != "exhibit"]
    items = Item.objects.public(use="classroom").in_bulk(accessions, field_name="accession_number")
    if not items:
        return []
    exhibits = Exhibit.objects.public().in_bulk([name for kind, name, *_rest in SOURCES if kind == "exhibit"],
                                                field_name="slug")
    fields = {key: value for key, value in KIT.items() if key != "slug"}
    kit, created = Kit.objects.get_or_create(slug=KIT["slug"], defaults={
        **fields, "status": Kit.Status.PUBLISHED, "published_at": now or timezone.now()})
    if not created and any(getattr(kit, key) != value for key, value in fields.items()):
        for key, value in fields.items():
            setattr(kit, key, value)
        kit.save()
    wanted = []
    for kind, name, start, end, note, note_th in SOURCES:
        item = items.get(name) if kind != "exhibit" else None
        exhibit = exhibits.get(name) if kind == "exhibit" else None
        if item is None and exhibit is None:
            continue
        wanted.append({"kind": kind, "item": item, "exhibit": exhibit,
                       "clip_start": start, "clip_end": end, "note": note, "note_th": note_th})
    have = [{"kind": s.kind, "item": s.item, "exhibit": s.exhibit, "clip_start": s.clip_start,
             "clip_end": s.clip_end, "note": s.note, "note_th": s.note_th}
            for s in kit.sources.select_related("item", "exhibit")]
    if have != wanted:
        kit.sources.all().delete()
        for position, source in enumerate(wanted, start=1):
            KitSource.objects.create(kit=kit, position=position, **source)
    return [kit]
