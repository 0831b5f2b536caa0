"""factory_boy factories, one per status where it matters."""

import uuid
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


class ContributionTermsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "submissions.ContributionTerms"

    title = "投稿须知"
    body = "<p>投稿须知正文。</p>"


class ContributionFactory(factory.django.DjangoModelFactory):
    """A contribution just received (status 已收到), with the terms the contributor agreed to."""

    class Meta:
        model = "submissions.Contribution"

    receipt_code = factory.Sequence(lambda n: f"TG20261122-{n + 1:04d}")
    kind = "news"
    title = factory.Sequence(lambda n: f"投稿第{n}篇：园区招商的做法")
    body = "第一段：云湖区的招商做法。\n\n第二段：效果与经验。"
    unit = "滨江科创园运营公司"
    author = "赵明"
    email = factory.Sequence(lambda n: f"author{n}@example.cn")
    phone = "13800138000"
    terms = factory.SubFactory(ContributionTermsFactory)
    agreed_at = factory.LazyFunction(timezone.now)
    ip_address = "203.0.113.9"
    idempotency_token = factory.LazyFunction(uuid.uuid4)


class ReviewingContributionFactory(ContributionFactory):
    status = "reviewing"
    claimed_at = factory.LazyFunction(timezone.now)


class RejectedContributionFactory(ContributionFactory):
    status = "rejected"
    decided_at = factory.LazyFunction(timezone.now)
    rejection_reason = "off_topic"


class InquiryFactory(factory.django.DjangoModelFactory):
    """A new consultation lead (新线索), first answer due in a day."""

    class Meta:
        model = "submissions.Inquiry"

    kind = "consult"
    topic = "policy"
    name = "陈晓"
    phone = "13800138000"
    email = factory.Sequence(lambda n: f"lead{n}@example.cn")
    company = "云湖智能科技有限公司"
    consent_at = factory.LazyFunction(timezone.now)
    privacy_version = "v1"
    idempotency_token = factory.LazyFunction(uuid.uuid4)
    first_response_due = factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))


class SettleInquiryFactory(InquiryFactory):
    kind = "settle"
    topic = ""


class ClosedInquiryFactory(InquiryFactory):
    status = "closed"


class PageFactory(factory.django.DjangoModelFactory):
    """A published static page (published an hour ago)."""

    class Meta:
        model = "cms.Page"
        django_get_or_create = ("slug",)

    title = factory.Sequence(lambda n: f"办事指南{n}")
    slug = factory.Sequence(lambda n: f"guide-{n}")
    body = factory.Sequence(lambda n: f"<p>第{n}个静态页面的正文。</p>")
    status = Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))


class DraftPageFactory(PageFactory):
    status = Status.DRAFT
    publish_at = None
