"""Bulk content for the load benchmark: N published articles and M policies, tagged and indexed for search.

Written from our own vocabulary (the search benchmark's); deterministic; fast (bulk inserts, no signals). Run it
on an empty benchmark database after ``load_demo`` (columns, taxonomies, site shell):
``manage.py bench_content --articles 100000 --policies 5000``. A second run with the same numbers does nothing.
"""

import random
import time
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.models import Article, Column
from cms.caching.pages import purge_all
from cms.search import backend
from cms.search.documents import source_for
from cms.search.models import SearchDocument
from cms.workflow.states import Status
from demo.management.commands.bench_search import ACTIONS, INDUSTRIES, PLACES, SENTENCES, SUPPORTS
from policies.models import Authority, Industry, Policy, SupportType

BATCH = 2000
TAG_NAMES = [*INDUSTRIES, *SUPPORTS, "招商引资", "营商环境", "重大项目", "产业园区", "人才政策", "总部经济"]


class Command(BaseCommand):
    help = "Generate bulk published articles and policies (with tags and search documents) for the load benchmark."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--policies", type=int, default=5_000)

    def handle(self, *args, articles=100_000, policies=5_000, **options):
        columns = list(Column.objects.active())
        if not columns or not Authority.objects.exists():
            raise CommandError("Load the demo site first (manage.py load_demo): columns and taxonomies are needed.")
        self.rng = random.Random(20261130)  # noqa: S311 - synthetic text
        self.now = timezone.now()
        self.tags = [Tag.objects.get_or_create(name=name, defaults={"slug": f"bench-{i}"})[0] for i, name in
                     enumerate(TAG_NAMES)]  # fmt: skip
        started = time.perf_counter()
        missing_articles = articles - Article.objects.count()
        if missing_articles > 0:
            self._articles(missing_articles, columns)
        missing_policies = policies - Policy.objects.count()
        if missing_policies > 0:
            self._policies(missing_policies)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        purge_all()  # bulk inserts send no signals
        self.stdout.write(
            f"{Article.objects.count()} articles, {Policy.objects.count()} policies, "
            f"{SearchDocument.objects.count()} search documents ({time.perf_counter() - started:.0f}s)"
        )

    def _words(self) -> dict:
        rng = self.rng
        return {"place": rng.choice(PLACES), "industry": rng.choice(INDUSTRIES), "action": rng.choice(ACTIONS),
                "support": rng.choice(SUPPORTS), "number": rng.randint(2, 90)}  # fmt: skip

    def _body(self, words: dict) -> str:
        return "".join(f"<p>{self.rng.choice(SENTENCES).format(**words)}</p>" for _paragraph in range(6))

    def _articles(self, count: int, columns: list[Column]) -> None:
        article_type = ContentType.objects.get_for_model(Article)
        source = source_for(Article)
        for start in range(0, count, BATCH):
            batch = []
            for index in range(start, min(count, start + BATCH)):
                words = self._words()
                body = self._body(words)
                batch.append(Article(
                    title=f"{words['place']}{words['industry']}{words['action']}（第{index + 1}期）",
                    column=columns[index % len(columns)], body=body, excerpt=body[3:120],
                    status=Status.PUBLISHED, publish_at=self.now - timedelta(minutes=30 + index * 20),
                ))  # fmt: skip
            self._save(batch, article_type, source)

    def _policies(self, count: int) -> None:
        policy_type = ContentType.objects.get_for_model(Policy)
        source = source_for(Policy)
        authorities, industries = list(Authority.objects.all()), list(Industry.objects.all())
        supports = list(SupportType.objects.all())
        levels = [authority.level for authority in authorities]
        today = timezone.localdate()
        for start in range(0, count, BATCH):
            batch = []
            for index in range(start, min(count, start + BATCH)):
                words = self._words()
                issued = today - timedelta(days=index % 2000)
                batch.append(Policy(
                    title=f"{words['place']}关于支持{words['industry']}产业发展的若干措施（{index + 1}）",
                    document_number=f"云湖基准〔{issued.year}〕{index + 1}号", level=levels[index % len(levels)],
                    issued_on=issued, effective_on=issued + timedelta(days=10),
                    expires_on=issued + timedelta(days=365 * 3) if index % 3 else None,
                    body=self._body(words), key_measures=f"{words['support']}\n最高奖励{words['number']}万元",
                    status=Status.PUBLISHED, publish_at=self.now - timedelta(hours=1 + index),
                ))  # fmt: skip
            with transaction.atomic():
                created = Policy.objects.bulk_create(batch)
                Through = Policy.authorities.through
                Through.objects.bulk_create(
                    [Through(policy=p, authority=self.rng.choice(authorities)) for p in created]
                )
                Through = Policy.industries.through
                Through.objects.bulk_create([Through(policy=p, industry=self.rng.choice(industries)) for p in created])
                Through = Policy.support_types.through
                Through.objects.bulk_create([Through(policy=p, supporttype=self.rng.choice(supports)) for p in created])
            self._save([], policy_type, source, created)

    def _save(self, batch, content_type, source, created=None) -> None:
        with transaction.atomic():
            if created is None:
                created = type(batch[0]).objects.bulk_create(batch)
            tagged = [
                TaggedItem(content_type=content_type, object_id=item.pk, tag=tag)
                for item in created
                for tag in self.rng.sample(self.tags, 2)
            ]
            TaggedItem.objects.bulk_create(tagged)
            documents = [
                SearchDocument(content_type=content_type, object_id=item.pk, **fields)
                for item in created
                for fields in [backend.document_fields(source.entry(item))]
            ]
            SearchDocument.objects.bulk_create(documents)
        self.stdout.write(f"  {type(created[0]).__name__}: +{len(created)}")
