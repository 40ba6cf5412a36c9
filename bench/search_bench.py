"""Search benchmark: indexing rate and query latency on synthetic multilingual items, beside the raw engine.

    .venv/bin/python bench/search_bench.py --items 10000 [--engine whoosh|xapian]
    .venv/bin/python bench/search_bench.py --items 100000 --engine xapian

Builds a fresh SQLite database and search index (Whoosh or Xapian) in a temporary folder (nothing in var/ is touched), fills it
with items whose titles and descriptions are unspaced Thai, Lao and Khmer, Burmese and English text drawn from
a small vocabulary, with places, subjects, languages, collections and dates for the facets. Then:

- indexing: the archive's path (the ItemIndex read through the access policy, prepared and written by the
  archive's backend in batches of 1,000, as update_index does) against raw Whoosh writing the very same
  prepared documents with the same schema and batches (the limit: no ORM, no haystack);
- with --normalisation-rounds N: the archive's indexing again, N times with the text normalisation of
  archive/normalise.py switched off and N times with it on, alternating, so both see the same machine load;
  and one more indexing pass under cProfile, for the share of its time spent in normalisation (a ratio
  within one process, which the machine's load moves far less than two timings);
- search: p50 and p95 over a fixed list of queries in the five languages, for the full search service (haystack
  query with six facets, objects loaded through the policy, snippets highlighted), for haystack's query alone,
  and for the raw engine running the same query without facets (and, on Whoosh, with the same facets).

With --engine xapian the raw engine is Xapian itself: the same prepared (segmented) documents indexed with
Xapian's TermGenerator and English stemmer, queried with its QueryParser on the same prepared query text.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = {
    "th": "แรงงาน ข้าม ชาติ ทำงาน ใน เรือ ประมง ที่ มหาชัย โรงงาน อาหาร ทะเล ครอบครัว บ้าน เงิน ส่ง กลับ เพื่อน "
          "นายจ้าง สัญญา บัตร ชมพู ตลาด กุ้ง ปลา แม่ ลูก โรงเรียน ภาษา ฝน ถนน รถ ข้าว ชีวิต ความ หวัง".split(),
    "my": "ရေလုပ်သား အလုပ် လုပ် ပင်လယ် ထဲ မိသားစု အိမ် ငွေ ပို့ ငါး ဈေး ကလေး ကျောင်း စက်ရုံ ဘဝ "
          "မြန်မာ ထိုင်း သူငယ်ချင်း လမ်း မိုး".split(),
    "km": "កម្មករ ចំណាកស្រុក ធ្វើការ នៅ ប្រទេស ថៃ គ្រួសារ ផ្ទះ ប្រាក់ ត្រី សមុទ្រ ផ្សារ កូន សាលារៀន រោងចក្រ".split(),
    "lo": "ແຮງງານ ຂ້າມ ຊາດ ເຮັດວຽກ ຢູ່ ໄທ ຄອບຄົວ ເຮືອນ ເງິນ ປາ ຕະຫຼາດ ລູກ ໂຮງຮຽນ ໂຮງງານ ຊີວິດ".split(),
    "en": "migrant workers fishing boats factory family home money market children school harbour rain road "
          "life hope shrimp seafood contract employer border card language friends mother".split(),
}
SPACED = {"en": " ", "my": " "}
QUERIES = [
    "ประมง", "แรงงานข้ามชาติ", "โรงงาน", "ครอบครัว", "กุ้ง ตลาด", "ชีวิต", "บัตรชมพู", "ทะเล",
    "ရေလုပ်သား", "ပင်လယ်", "မိသားစု", "ငါး",
    "កម្មករ", "ធ្វើការ", "ត្រី",
    "ແຮງງານ", "ໂຮງງານ", "ຄອບຄົວ",
    "fishing", "migrant workers", "factory", "school children", "border",
]


def sentence(rng, language, words):
    """Words drawn with a Zipf-like skew, as in real text: a few words are everywhere, most are rarer."""
    vocabulary = WORDS[language]
    weights = _WEIGHTS.setdefault(language, [1 / (rank + 1) ** 1.3 for rank in range(len(vocabulary))])
    return SPACED.get(language, "").join(rng.choices(vocabulary, weights, k=words))


_WEIGHTS = {}


def setup_django(folder, engine):
    os.environ["ARCHIVE_VAR_DIR"] = str(folder)
    os.environ["ARCHIVE_SEARCH_ENGINE"] = engine
    os.environ["TASKS_BACKEND"] = "immediate"
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("HAYSTACK_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_catalogue(count, seed=7):
    from archive.models import Collection, Item, Language, Place, Subject

    rng = random.Random(seed)
    places = [Place.objects.create(name=f"Place {n}", name_th=sentence(rng, "th", 2)) for n in range(40)]
    subjects = [Subject.objects.create(slug=f"subject-{n}", title=f"Subject {n}", title_th=sentence(rng, "th", 2))
                for n in range(30)]
    collections = [Collection.objects.create(slug=f"collection-{n}", title=f"Collection {n}") for n in range(8)]
    languages = [Language.for_code(code) for code in ("tha", "mya", "khm", "lao", "eng", "shn", "kar")]
    kinds = [kind.value for kind in Item.Kind if kind != Item.Kind.ORAL_HISTORY]  # no consent records here
    batch = []
    for n in range(count):
        year = rng.randint(1975, 2025)
        item = Item(
            kind=rng.choice(kinds), accession_number=f"BENCH-{n:06d}", status="published", access="public",
            title=sentence(rng, "en", 5), title_th=sentence(rng, "th", 6), title_my=sentence(rng, "my", 5),
            title_km=sentence(rng, "km", 5), title_lo=sentence(rng, "lo", 5),
            description=sentence(rng, "en", 25), description_th=sentence(rng, "th", 30),
            description_my=sentence(rng, "my", 20), description_km=sentence(rng, "km", 15),
            description_lo=sentence(rng, "lo", 15),
            date=str(year), collection=rng.choice(collections),
        )
        item.date_lower = item.date_upper = None
        from datetime import date

        item.date_lower, item.date_upper = date(year, 1, 1), date(year, 12, 31)
        batch.append(item)
        if len(batch) == 2000:
            _save(batch, rng, places, subjects, languages)
            batch = []
    if batch:
        _save(batch, rng, places, subjects, languages)


def _save(items, rng, places, subjects, languages):
    from archive.models import Item

    Item.objects.bulk_create(items)
    saved = Item.objects.order_by("-pk")[: len(items)]
    place_rows, subject_rows, language_rows = [], [], []
    for item in saved:
        for place in rng.sample(places, 2):
            place_rows.append(Item.places.through(item_id=item.pk, place_id=place.pk))
        subject_rows.append(Item.subjects.through(item_id=item.pk, subject_id=rng.choice(subjects).pk))
        for language in rng.sample(languages, 2):
            language_rows.append(Item.languages.through(item_id=item.pk, language_id=language.pk))
    Item.places.through.objects.bulk_create(place_rows)
    Item.subjects.through.objects.bulk_create(subject_rows)
    Item.languages.through.objects.bulk_create(language_rows)


def index_with_archive():
    from haystack import connections

    from archive.models import Item

    backend = connections["default"].get_backend()
    index = connections["default"].get_unified_index().get_index(Item)
    backend.clear()
    queryset = index.index_queryset().order_by("pk")
    total = queryset.count()
    started, cpu = time.perf_counter(), time.process_time()
    for start in range(0, total, 1000):
        backend.update(index, list(queryset[start:start + 1000]))
    index_with_archive.cpu = time.process_time() - cpu
    return total, time.perf_counter() - started


def index_with_and_without_normalisation(rounds):
    """{"off": [(wall s, CPU s)...], "on": [...]}: the archive's indexing with the analyzer's normalisation
    replaced by a pass-through, then as it is, alternating."""
    from search import analysis

    normalising = analysis.normalise_with_offsets
    variants = (("off", lambda text: (text, None, None)), ("on", normalising))
    timings = {"off": [], "on": []}
    try:
        for round_number in range(rounds):
            # ABBA order, so neither variant always runs first after the other.
            for label, function in variants if round_number % 2 == 0 else variants[::-1]:
                analysis.normalise_with_offsets = function
                cpu = time.process_time()
                total, seconds = index_with_archive()
                timings[label].append((total, seconds, time.process_time() - cpu))
    finally:
        analysis.normalise_with_offsets = normalising
    return timings


def normalisation_share():
    """(seconds in the analyzer's normalisation, seconds of the whole pass) of one indexing pass, by cProfile."""
    import cProfile
    import pstats

    profile = cProfile.Profile()
    profile.enable()
    index_with_archive()
    profile.disable()
    stats = pstats.Stats(profile).stats
    whole = sum(tottime for _cc, _calls, tottime, _cumtime, _callers in stats.values())
    spent = sum(cumtime for (path, _line, name), (_cc, _calls, _tottime, cumtime, _callers) in stats.items()
                if name == "normalise_with_offsets" and path.endswith("normalise.py"))
    return spent, whole


def prepared_documents():
    from haystack import connections

    from archive.models import Item

    backend = connections["default"].get_backend()
    index = connections["default"].get_unified_index().get_index(Item)
    documents = []
    queryset = index.index_queryset().order_by("pk")
    for start in range(0, queryset.count(), 1000):
        for item in queryset[start:start + 1000]:
            prepared = index.full_prepare(item)
            documents.append({key: _whoosh_value(backend, value) for key, value in prepared.items()})
    return backend.schema, documents


def _whoosh_value(backend, value):
    if isinstance(value, (list, tuple)):
        return ",".join(str(part) for part in value)
    return backend._from_python(value)


def index_raw(folder, schema, documents):
    from whoosh.filedb.filestore import FileStorage

    folder.mkdir(parents=True, exist_ok=True)
    ix = FileStorage(str(folder)).create_index(schema)
    started, cpu = time.perf_counter(), time.process_time()
    for start in range(0, len(documents), 1000):
        writer = ix.writer()
        for document in documents[start:start + 1000]:
            writer.update_document(**{key: value for key, value in document.items() if value is not None})
        writer.commit()
    index_raw.cpu = time.process_time() - cpu
    return ix, time.perf_counter() - started


def segmentation_cpu():
    """CPU seconds the archive's own segmentation (search.analysis.segment_text: normalisation and ICU word
    break) takes over every item's text, as ItemIndex prepares it before segmenting: the part of the archive
    path that the raw engine is handed already done."""
    from haystack import connections, indexes

    from archive.models import Item
    from search.analysis import segment_text

    index = connections["default"].get_unified_index().get_index(Item)
    queryset = index.index_queryset().order_by("pk")
    spent = 0.0
    for start in range(0, queryset.count(), 1000):
        texts = [indexes.SearchIndex.full_prepare(index, item)["text"] for item in queryset[start:start + 1000]]
        cpu = time.process_time()
        for text in texts:
            segment_text(text)
        spent += time.process_time() - cpu
    return spent


def index_raw_xapian(folder, documents):
    """The same prepared documents written by Xapian alone: the text through its TermGenerator (English stems,
    positions), each facet's values in a value slot (several values space-separated, as the archive keeps them)."""
    import xapian

    from search.service import FACETS

    database = xapian.WritableDatabase(str(folder), xapian.DB_CREATE_OR_OVERWRITE)
    generator = xapian.TermGenerator()
    generator.set_stemmer(xapian.Stem("english"))
    started, cpu = time.perf_counter(), time.process_time()
    for start in range(0, len(documents), 1000):
        for document in documents[start:start + 1000]:
            xapian_document = xapian.Document()
            generator.set_document(xapian_document)
            generator.index_text(document.get("text") or "")
            for slot, name in enumerate(FACETS):
                xapian_document.add_value(slot, document[name])
            xapian_document.set_data(document.get("text") or "")
            xapian_document.add_boolean_term(f"Q{document['id']}")
            database.replace_document(f"Q{document['id']}", xapian_document)
        database.commit()
    index_raw_xapian.cpu = time.process_time() - cpu
    return database, time.perf_counter() - started


def raw_xapian_search(database, *, facets=False):
    """A query as the service's (segmented, the same parser settings), returning a page of 20; with facets=True
    also counting the six facets over every match with Xapian's ValueCountMatchSpy, as the service must."""
    import xapian

    from search.analysis import segment_query
    from search.service import FACETS

    parser = xapian.QueryParser()
    parser.set_stemmer(xapian.Stem("english"))
    parser.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    parser.set_default_op(xapian.Query.OP_AND)
    parser.set_database(database)
    flags = xapian.QueryParser.FLAG_PHRASE | xapian.QueryParser.FLAG_BOOLEAN | xapian.QueryParser.FLAG_LOVEHATE

    def run(query):
        enquire = xapian.Enquire(database)
        enquire.set_query(parser.parse_query(segment_query(query), flags))
        if not facets:
            return [match.document.get_data() for match in enquire.get_mset(0, 20)]
        spies = [xapian.ValueCountMatchSpy(slot) for slot in range(len(FACETS))]
        for spy in spies:
            enquire.add_matchspy(spy)
        mset = enquire.get_mset(0, 20, database.get_doccount())
        return ([match.document.get_data() for match in mset],
                [[(item.term, item.termfreq) for item in spy.values()] for spy in spies])

    return run


def percentiles(samples):
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
    return statistics.median(samples) * 1000, p95 * 1000


def time_queries(run, rounds):
    """(wall p50, wall p95, CPU p50, CPU p95) in ms of `rounds` runs of every query, after one to warm caches."""
    for query in QUERIES:
        run(query)  # warm caches
    samples, cpu_samples = [], []
    for _ in range(rounds):
        for query in QUERIES:
            started, cpu = time.perf_counter(), time.process_time()
            run(query)
            samples.append(time.perf_counter() - started)
            cpu_samples.append(time.process_time() - cpu)
    return (*percentiles(samples), *percentiles(cpu_samples))


def report_hits(service):
    hits = {query: service(query).total for query in QUERIES}
    print(f"queries: {len(QUERIES)}, median hits {statistics.median(hits.values()):.0f}, "
          f"fewest {min(hits.values())}, most {max(hits.values())}", flush=True)


def print_table(heading, rows, *, total, archive, raw, segmentation):
    """The results as Markdown tables for bench/README.md: query times (wall and CPU), then indexing rates.

    `archive` and `raw` are (wall s, CPU s) of indexing `total` documents; `segmentation` the CPU seconds of the
    archive's segmentation of the same texts, which the raw engine is handed done."""
    print(f"\n| {heading} | p50 ms | p95 ms | CPU p50 ms | CPU p95 ms |\n|---|---:|---:|---:|---:|")
    for label, (p50, p95, cpu50, cpu95) in rows:
        print(f"| {label} | {p50:.1f} | {p95:.1f} | {cpu50:.1f} | {cpu95:.1f} |")
    service, limit = rows[0][1], rows[-1][1]
    print(f"service / raw without facets: p95 {service[1] / limit[1]:.1f}x, CPU p95 {service[3] / limit[3]:.1f}x")
    print(f"\n| indexing {total} | wall s | items/s | CPU s | items per CPU s |\n|---|---:|---:|---:|---:|")
    for label, (seconds, cpu) in (("archive path", archive), (raw[0], raw[1:]),
                                  (f"{raw[0]} + the archive's segmentation", (None, raw[2] + segmentation))):
        wall = f"{seconds:.1f} | {total / seconds:.0f}" if seconds else " | "
        print(f"| {label} | {wall} | {cpu:.1f} | {total / cpu:.0f} |")
    print(f"archive / raw, items per CPU second: {raw[2] / archive[1]:.0%} against the raw engine alone, "
          f"{(raw[2] + segmentation) / archive[1]:.0%} against the raw engine plus segmentation; "
          f"wall: {raw[1] / archive[0]:.0%}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--engine", choices=("whoosh", "xapian"), default="whoosh")
    parser.add_argument("--service-only", action="store_true",
                        help="index through the archive path and time the search service only: no raw engine, no "
                             "segmentation pass (for the largest catalogues on a busy machine)")
    parser.add_argument("--normalisation-rounds", type=int, default=0,
                        help="index N more times without and with text normalisation, alternating")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="search-bench-") as temp:
        folder = Path(temp)
        setup_django(folder, options.engine)
        started = time.perf_counter()
        make_catalogue(options.items)
        print(f"catalogue of {options.items} items built in {time.perf_counter() - started:.0f} s", flush=True)

        total, seconds = index_with_archive()
        archive = (seconds, index_with_archive.cpu)
        print(f"archive indexing: {total} items in {seconds:.1f} s = {total / seconds:.0f} items/s, "
              f"{archive[1]:.1f} CPU s", flush=True)
        if options.service_only:
            from search.service import search_run

            def service(query):
                return search_run(q=query, filters={}, language="th")

            report_hits(service)
            p50, p95, cpu50, cpu95 = time_queries(service, options.rounds)
            print(f"\n| {options.items} items, {options.engine} | p50 ms | p95 ms | CPU p50 ms | CPU p95 ms |\n"
                  f"|---|---:|---:|---:|---:|\n| search service | {p50:.1f} | {p95:.1f} | {cpu50:.1f} | {cpu95:.1f} |",
                  flush=True)
            return
        segmentation = segmentation_cpu()
        print(f"the archive's segmentation of the same texts: {segmentation:.1f} CPU s", flush=True)
        if options.normalisation_rounds:
            timings = index_with_and_without_normalisation(options.normalisation_rounds)
            print(f"\n| indexing {total} items, {options.normalisation_rounds} rounds each | items/s (median) | "
                  "CPU s (median) | items per CPU s |\n|---|---:|---:|---:|")
            rate_per_cpu = {}
            for label in ("off", "on"):
                rates = [count / seconds for count, seconds, _cpu in timings[label]]
                cpu = statistics.median(cpu for _count, _seconds, cpu in timings[label])
                rate_per_cpu[label] = total / cpu
                print(f"| normalisation {label} | {statistics.median(rates):.0f} | {cpu:.2f} | "
                      f"{rate_per_cpu[label]:.0f} |")
            paired = statistics.median(off[2] / on[2] for off, on in zip(timings["off"], timings["on"], strict=True))
            print(f"normalisation on / off, items per CPU second: {rate_per_cpu['on'] / rate_per_cpu['off']:.3f} "
                  f"(medians), {paired:.3f} (median of the rounds side by side); "
                  "each round (wall s, CPU s): " + ", ".join(
                      f"{label} {seconds:.1f}/{cpu:.2f}" for pair in zip(timings["off"], timings["on"], strict=True)
                      for label, (_count, seconds, cpu) in zip(("off", "on"), pair, strict=True)), flush=True)
            spent, whole = normalisation_share()
            print(f"one pass under cProfile: {spent:.2f} s of {whole:.2f} s in normalisation "
                  f"({100 * spent / whole:.1f}%)", flush=True)
        if options.engine == "xapian":
            run_xapian(options, total, archive, segmentation)
            return
        schema, documents = prepared_documents()
        raw_index, raw_seconds = index_raw(folder / "raw-whoosh", schema, documents)
        print(f"raw Whoosh indexing: {len(documents)} documents in {raw_seconds:.1f} s = "
              f"{len(documents) / raw_seconds:.0f} documents/s, {index_raw.cpu:.1f} CPU s", flush=True)

        from haystack.inputs import AutoQuery
        from haystack.query import SearchQuerySet
        from whoosh.qparser import QueryParser
        from whoosh.sorting import Count, FieldFacet

        from search.service import FACETS, search_run

        def service(query):
            return search_run(q=query, filters={}, language="th")

        def haystack_only(query):
            sqs = SearchQuerySet().filter(content=AutoQuery(query))
            for name in FACETS:
                sqs = sqs.facet(name)
            list(sqs[:20])
            return sqs.facet_counts()

        raw_parser = QueryParser("text", schema=raw_index.schema)
        searcher = raw_index.searcher()
        facets = [FieldFacet(name, allow_overlap=True, maptype=Count) for name in FACETS]

        def raw_faceted(query):
            page = searcher.search_page(raw_parser.parse(query), 1, pagelen=20, groupedby=facets)
            return [hit.fields() for hit in page], {name: page.results.groups(name) for name in FACETS}

        def raw_plain(query):
            return [hit.fields() for hit in searcher.search_page(raw_parser.parse(query), 1, pagelen=20)]

        report_hits(service)
        rows = [
            ("search service (haystack, 6 facets, objects via policy, snippets)",
             time_queries(service, options.rounds)),
            ("haystack query, 6 facets", time_queries(haystack_only, options.rounds)),
            ("raw Whoosh, same query and 6 facets", time_queries(raw_faceted, options.rounds)),
            ("raw Whoosh, same query, no facets", time_queries(raw_plain, options.rounds)),
        ]
        searcher.close()
        print_table(f"{options.items} items, Whoosh", rows, total=total, archive=archive,
                    raw=("raw Whoosh", raw_seconds, index_raw.cpu), segmentation=segmentation)


def xapian_documents():
    from haystack import connections

    from archive.models import Item

    index = connections["default"].get_unified_index().get_index(Item)
    queryset = index.index_queryset().order_by("pk")
    from search.service import FACETS

    documents = []
    for start in range(0, queryset.count(), 1000):
        for item in queryset[start:start + 1000]:
            prepared = index.full_prepare(item)
            document = {"id": f"archive.item.{item.pk}", "text": prepared["text"]}
            for name in FACETS:
                value = prepared.get(name)
                document[name] = " ".join(value) if isinstance(value, (list, tuple)) else str(value or "")
            documents.append(document)
    return documents


def run_xapian(options, total, archive, segmentation):
    import tempfile as _tempfile

    from search.service import search_run

    documents = xapian_documents()
    with _tempfile.TemporaryDirectory(prefix="raw-xapian-") as raw_folder:
        database, raw_seconds = index_raw_xapian(Path(raw_folder), documents)
        raw_cpu = index_raw_xapian.cpu
        print(f"raw Xapian indexing: {len(documents)} documents in {raw_seconds:.1f} s = "
              f"{len(documents) / raw_seconds:.0f} documents/s, {raw_cpu:.1f} CPU s", flush=True)

        def service(query):
            return search_run(q=query, filters={}, language="th")

        report_hits(service)
        rows = [
            ("search service (haystack, 6 facets, objects via policy, snippets)",
             time_queries(service, options.rounds)),
            ("raw Xapian, same query and 6 facets over every match",
             time_queries(raw_xapian_search(database, facets=True), options.rounds)),
            ("raw Xapian, same query, no facets", time_queries(raw_xapian_search(database), options.rounds)),
        ]
        database.close()
    print_table(f"{options.items} items, Xapian", rows, total=total, archive=archive,
                raw=("raw Xapian", raw_seconds, raw_cpu), segmentation=segmentation)


if __name__ == "__main__":
    main()
