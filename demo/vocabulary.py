"""The collection and subject terms the demo spreadsheet refers to (subjects are a controlled list, so they
exist before the spreadsheet is imported)."""

COLLECTION = {
    "slug": "demo-samples",
    "title": "Sample collection (demo records)",
    "title_th": "คอลเลกชันตัวอย่าง (ระเบียนสาธิต)",
    "title_my": "နမူနာ စုစည်းမှု (သရုပ်ပြ မှတ်တမ်းများ)",
    "title_km": "បណ្តុំគំរូ (កំណត់ត្រាសាកល្បង)",
    "title_lo": "ຊຸດຕົວຢ່າງ (ບັນທຶກສາທິດ)",
    "description": "Sample records for trying the archive. They describe fictional people; the media are generated.",
}

# slug: (parent slug, English, Thai, Burmese, Khmer, Lao)
SUBJECTS = {
    "work": (None, "Work", "การทำงาน", "အလုပ်", "ការងារ", "ການເຮັດວຽກ"),
    "fishing": ("work", "Fishing", "การประมง", "ငါးဖမ်းလုပ်ငန်း", "ការនេសាទ", "ການຫາປາ"),
    "construction": ("work", "Construction", "การก่อสร้าง", "ဆောက်လုပ်ရေး", "សំណង់", "ການກໍ່ສ້າງ"),
    "factory-work": ("work", "Factory work", "งานโรงงาน", "စက်ရုံအလုပ်", "ការងាររោងចក្រ", "ວຽກໂຮງງານ"),
    "agriculture": ("work", "Agriculture", "เกษตรกรรม", "စိုက်ပျိုးရေး", "កសិកម្ម", "ກະສິກຳ"),
    "domestic-work": ("work", "Domestic work", "งานบ้าน", "အိမ်အကူလုပ်ငန်း", "ការងារផ្ទះ", "ວຽກບ້ານ"),
    "daily-life": (None, "Daily life", "ชีวิตประจำวัน", "နေ့စဉ်ဘဝ", "ជីវិតប្រចាំថ្ងៃ", "ຊີວິດປະຈຳວັນ"),
    "markets": ("daily-life", "Markets", "ตลาด", "ဈေး", "ផ្សារ", "ຕະຫຼາດ"),
    "festivals": ("daily-life", "Festivals", "เทศกาล", "ပွဲတော်", "ពិធីបុណ្យ", "ງານບຸນ"),
    "education": ("daily-life", "Education", "การศึกษา", "ပညာရေး", "ការអប់រំ", "ການສຶກສາ"),
    "documents": (None, "Papers and documents", "เอกสาร", "စာရွက်စာတမ်း", "ឯកសារ", "ເອກະສານ"),
}

# Narrators of the sample oral histories consent to every use, so the samples show on the public site.
SAMPLE_CONSENTS = {
    "DEMO-0001": "Ko Lay (fictional sample)",
    "DEMO-0006": "Nang Kham (fictional sample)",
    "DEMO-0012": "Nang Seng (fictional sample)",
}

# A sample child performer: marked a minor, with a sample guardian's consent that also covers pictures in lists,
# so the demo shows the performance in its exhibit (docs/security.md, "Children's work").
SAMPLE_MINORS = {
    "DEMO-0015": "Sample Child Dancer (fictional)",
}

# Where the demo's places are, so its map block draws them (a place's seat or centre; public maps round these to
# about 10 km). A curator's own coordinates are never overwritten.
PLACE_POSITIONS = {
    "Thailand": (15.87, 100.99),
    "Thailand > Samut Sakhon": (13.5475, 100.2744),
    "Thailand > Ranong": (9.9658, 98.6348),
    "Thailand > Tak": (16.8840, 99.1259),
    "Thailand > Tak > Mae Sot": (16.7131, 98.5747),
    "Thailand > Bangkok": (13.7563, 100.5018),
    "Thailand > Samut Prakan": (13.5991, 100.5998),
    "Thailand > Chiang Mai": (18.7883, 98.9853),
    "Thailand > Surat Thani": (9.1382, 99.3215),
    "Cambodia": (12.5657, 104.9910),
    "Cambodia > Battambang": (13.0957, 103.2022),
    "Myanmar": (21.9162, 95.9560),
    "Myanmar > Mon State": (16.3000, 97.7250),
    "Myanmar > Shan State": (21.3000, 97.8000),
}
