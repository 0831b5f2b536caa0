"""Search benchmark: N synthetic published documents from our own vocabulary, a fixed query set, latencies.

Run on PostgreSQL (``DATABASE_URL=postgres://… manage.py bench_search``). Uses its own rows (kind ``bench``
content type of SearchLog, object ids from 10^9) and removes them at the end unless ``--keep``.
"""

import random
import statistics
import time
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from cms.search import backend
from cms.search.documents import IndexEntry
from cms.search.models import SearchDocument, SearchLog

PLACES = ["滨江", "临湖", "东部片区", "西部园区", "科创园", "云湖新城", "港口物流园", "高铁新区"]
INDUSTRIES = ["人工智能", "生物医药", "集成电路", "新能源", "先进制造", "数字经济", "金融科技", "文化创意",
              "医疗器械", "智能网联汽车", "工业软件", "储能电池"]  # fmt: skip
ACTIONS = ["项目签约", "开工建设", "竣工投产", "招商推介会", "企业座谈会", "产业对接会", "政策宣讲", "人才招聘会"]
SUPPORTS = ["租金补贴", "开办资助", "人才公寓", "用地保障", "融资贴息", "研发资助", "流片补贴", "算力补贴"]
SENTENCES = [
    "{place}围绕{industry}产业链开展精准招商，{action}吸引了多家企业参加。",
    "会上介绍了{support}等扶持措施，企业可通过政务服务平台在线申报。",
    "区投资促进中心表示，将为{industry}企业提供一对一专员服务。",
    "项目达产后预计年产值超过{number}亿元，带动就业{number}百人。",
    "园区配套建设了公共实验平台、人才公寓和商务配套设施。",
    "Some reports mention AI compute, 5G networks and ESG disclosure for {industry}.",
]
QUERIES = [
    "人工智能", "生物医药", "集成电路", "招商", "企业", "项目签约", "开工建设", "租金补贴", "人才公寓", "流片补贴",
    "算力补贴", "滨江 人工智能", "临湖 新能源", "储能电池 项目签约", "智能网联汽车", "工业软件 政策宣讲",
    "医疗器械 竣工投产", "金融科技 融资贴息", "文化创意 产业对接会", "高铁新区 招商推介会", "AI", "5G", "ESG",
    "AI 算力", "云府发〔2024〕3号", "云府发[2025]17号", "公共实验平台", "一对一专员服务", "年产值", "区",
    "港口物流园 储能电池 开工建设", "人才招聘会 数字经济", "不存在的词语",
]  # fmt: skip


class Command(BaseCommand):
    help = "Benchmark search at N documents and print p50/p95/max latency and hits per query."

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, default=100_000)
        parser.add_argument("--runs", type=int, default=5, help="Timed runs per query (after one warm-up).")
        parser.add_argument("--keep", action="store_true", help="Keep the synthetic documents for another run.")
        parser.add_argument("--candidates", type=int, help="Override the ranking cap (backend.CANDIDATES).")

    def handle(self, *args, documents=100_000, runs=5, keep=False, candidates=None, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Run the benchmark on PostgreSQL: set DATABASE_URL=postgres://…")
        content_type = ContentType.objects.get_for_model(SearchLog)  # a type no real document uses
        if candidates:
            backend.CANDIDATES = candidates
        bench = SearchDocument.objects.filter(content_type=content_type)
        if bench.count() != documents:  # reuse the documents a --keep run left behind
            bench.delete()
            started = time.perf_counter()
            self._generate(documents, content_type)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE cms_searchdocument")
            self.stdout.write(f"generated {documents} documents in {time.perf_counter() - started:.1f}s")
        self.stdout.write(f"ranking cap: {backend.CANDIDATES} candidates")
        rows, all_times = [], []
        for query in QUERIES:
            backend.search(query)  # warm-up
            times = []
            for _run in range(runs):
                start = time.perf_counter()
                results = backend.search(query)
                times.append((time.perf_counter() - start) * 1000)
            all_times.extend(times)
            rows.append((query, statistics.median(times), max(times), results.total, results.capped))
        self.stdout.write(f"{'query':<24}{'p50 ms':>9}{'max ms':>9}{'hits':>8}")
        for query, p50, worst, hits, capped in rows:
            self.stdout.write(f"{query:<24}{p50:>9.1f}{worst:>9.1f}{hits:>7}{'+' if capped else ' '}")
        ordered = sorted(all_times)
        p95 = ordered[int(len(ordered) * 0.95) - 1]
        self.stdout.write(
            f"ALL {len(QUERIES)} queries x {runs}: p50 {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms, "
            f"max {ordered[-1]:.1f} ms at {documents} documents"
        )
        if not keep:
            bench.delete()

    def _generate(self, count: int, content_type) -> None:
        rng = random.Random(20261122)  # noqa: S311 - synthetic text
        now = timezone.now()
        batch = []
        for index in range(count):
            words = {
                "place": rng.choice(PLACES), "industry": rng.choice(INDUSTRIES), "action": rng.choice(ACTIONS),
                "support": rng.choice(SUPPORTS), "number": rng.randint(2, 90),
            }  # fmt: skip
            kind = "policy" if index % 20 == 0 else "news"
            number = f"云府发〔{2020 + index // 20 % 6}〕{index // 120 % 40 + 1}号" if kind == "policy" else ""
            entry = IndexEntry(
                kind=kind,
                title=f"{words['place']}{words['industry']}{words['action']}",
                summary=SENTENCES[1].format(**words),
                body_text="".join(rng.choice(SENTENCES).format(**words) for _sentence in range(6)),
                url=f"/bench/{index}/",
                published_at=now - timedelta(minutes=index),
                document_number=number,
            )
            batch.append(
                SearchDocument(content_type=content_type, object_id=10**9 + index, **backend.document_fields(entry))
            )
            if len(batch) == 2000:
                SearchDocument.objects.bulk_create(batch)
                batch = []
        SearchDocument.objects.bulk_create(batch)
