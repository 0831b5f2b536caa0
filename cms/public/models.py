"""Site-wide content every public page shows: the SiteSettings singleton and static pages."""

from django.core.cache import cache
from django.db import Error as DatabaseFailure
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cms.db import TimeStampedModel
from cms.media.validators import validate_image_file
from cms.text.richtext import RichTextField


class SiteSettings(TimeStampedModel):
    """The one row of site-wide settings editors change in the admin. Read it with ``SiteSettings.load()``."""

    CACHE_KEY = "cms:site-settings:v1"
    SINGLETON_PK = 1

    site_name = models.CharField(_("site name"), max_length=60, default=_("Yunhu District Investment Promotion Centre"))
    logo = models.ImageField(
        _("logo"), upload_to="site/", blank=True, validators=[validate_image_file],
        help_text=_("Shown in the header. A wide PNG with a transparent background works best."),
    )  # fmt: skip
    hotline = models.CharField(_("investment hotline"), max_length=40, default="021-5555 0100")
    service_hours = models.CharField(
        _("service hours"), max_length=80, blank=True, default=_("Monday to Friday 9:00–17:30")
    )
    contact_email = models.EmailField(_("contact email"), blank=True, default="invest@yunhu.example.cn")
    address = models.CharField(_("address"), max_length=200, blank=True)
    icp_number = models.CharField(
        _("ICP licence number"), max_length=60, blank=True, help_text=_("For example 沪ICP备12345678号-1.")
    )
    police_number = models.CharField(
        _("public security filing number"), max_length=60, blank=True,
        help_text=_("For example 沪公网安备 31010402001234号."),
    )  # fmt: skip
    default_meta_description = models.CharField(
        _("default meta description"), max_length=200, blank=True,
        help_text=_("Used by search engines for pages that have no description of their own."),
    )  # fmt: skip
    wechat_qr = models.ImageField(_("WeChat QR code"), upload_to="site/", blank=True, validators=[validate_image_file])
    wechat_account = models.CharField(_("WeChat account name"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="sitesettings_singleton")]

    def __str__(self) -> str:
        return str(self.site_name)

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_PK
        super().save(*args, **kwargs)
        transaction.on_commit(lambda: cache.delete(self.CACHE_KEY))

    def delete(self, *args, **kwargs):
        raise ValueError("The site settings row cannot be deleted.")

    @classmethod
    def load(cls) -> "SiteSettings":
        """The settings row, from the cache when possible; created with defaults on first use."""
        settings_row = cache.get(cls.CACHE_KEY)
        if settings_row is None:
            try:
                settings_row, _created = cls.objects.get_or_create(pk=cls.SINGLETON_PK)
            except DatabaseFailure:
                return cls(pk=cls.SINGLETON_PK)  # the defaults, so that the "unavailable" page still renders
            cache.set(cls.CACHE_KEY, settings_row, timeout=None)
        return settings_row


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


FOOTER_PAGES_CACHE_KEY = "cms:footer-pages:v1"


def footer_pages() -> list[tuple[str, str]]:
    """(title, url) of the pages linked in the footer, from the cache; refreshed when a page changes."""
    links = cache.get(FOOTER_PAGES_CACHE_KEY)
    if links is None:
        pages = Page.objects.published().filter(show_in_footer=True).exclude(slug="contact").only("title", "slug")
        try:
            links = [(page.title, page.get_absolute_url()) for page in pages]
        except DatabaseFailure:
            return []  # the database is down: a footer without these links, not an error page
        cache.set(FOOTER_PAGES_CACHE_KEY, links, timeout=None)
    return links


class Page(TimeStampedModel):
    """A static page such as 关于我们, 联系我们 or 隐私政策, served at ``/<slug>/``."""

    title = models.CharField(_("title"), max_length=120)
    slug = models.SlugField(
        _("address"), max_length=60, unique=True,
        help_text=_("The last part of the page address, in Latin letters, e.g. “contact” for /contact/."),
    )  # fmt: skip
    body = RichTextField(_("body"), blank=True)
    seo_description = models.CharField(_("SEO description"), max_length=200, blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    show_in_footer = models.BooleanField(_("link in the footer"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        indexes = [models.Index(fields=["is_published", "order"], name="page_published_order_idx")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        transaction.on_commit(lambda: cache.delete(FOOTER_PAGES_CACHE_KEY))

    def get_absolute_url(self) -> str:
        return reverse("cms:page", kwargs={"slug": self.slug})

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        transaction.on_commit(lambda: cache.delete(FOOTER_PAGES_CACHE_KEY))
        return result
