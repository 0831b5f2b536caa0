"""factory_boy factories, one per status where it matters."""

from datetime import timedelta

import factory
from django.utils import timezone

from articles.models import Article, Column
from cms.workflow.states import Status


class ColumnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Column
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"栏目{n}")
    slug = factory.Sequence(lambda n: f"column-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article (published an hour ago)."""

    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"云湖区招商动态第{n}期")
    column = factory.SubFactory(ColumnFactory)
    body = factory.Sequence(lambda n: f"<p>第{n}篇资讯的导语，介绍云湖区的招商工作。</p><p>第二段。</p>")
    status = Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))


class DraftArticleFactory(ArticleFactory):
    status = Status.DRAFT
    publish_at = None


class InReviewArticleFactory(ArticleFactory):
    status = Status.IN_REVIEW
    publish_at = None


class ScheduledArticleFactory(ArticleFactory):
    publish_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))


class UnpublishedArticleFactory(ArticleFactory):
    status = Status.UNPUBLISHED


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "policies.Authority"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"云湖区第{n}委员会")
    level = "district"


class IndustryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "policies.Industry"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"产业{n}")
    slug = factory.Sequence(lambda n: f"industry-{n}")


class SupportTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "policies.SupportType"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"扶持{n}")
    slug = factory.Sequence(lambda n: f"support-{n}")


class PolicyFactory(factory.django.DjangoModelFactory):
    """A published policy in force (effective last year, no expiry)."""

    class Meta:
        model = "policies.Policy"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"云湖区产业扶持办法第{n}号")
    document_number = factory.Sequence(lambda n: f"云府发〔2025〕{n + 1}号")
    level = "district"
    issued_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=370))
    effective_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=365))
    body = "<p>第一条 为支持企业发展，制定本办法。</p>"
    key_measures = "给予开办资助\n给予租金补贴\n给予人才支持\n第四条措施"
    status = Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @factory.post_generation
    def authorities(self, create, extracted, **kwargs):
        if create:
            self.authorities.set(extracted if extracted is not None else [AuthorityFactory(name="云湖区人民政府")])

    @factory.post_generation
    def industries(self, create, extracted, **kwargs):
        if create and extracted:
            self.industries.set(extracted)

    @factory.post_generation
    def support_types(self, create, extracted, **kwargs):
        if create and extracted:
            self.support_types.set(extracted)
