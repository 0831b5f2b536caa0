"""Cover renditions: made when the image changes, right sizes and formats, EXIF removed, lazy <picture> markup.

Made in one place (cms/media/renditions.py, for every registered image field), in the save that changes the image:
never by another save, a raw fixture save or a page request."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from PIL import Image

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def jpeg_with_exif(size=(3000, 2000)) -> ContentFile:
    image = Image.new("RGB", size, (200, 80, 40))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x0112] = 1  # Orientation
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return ContentFile(buffer.getvalue(), name="cover.jpg")


def png_with_transparency() -> ContentFile:
    image = Image.new("RGBA", (800, 600), (0, 0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="cover.png")


def test_renditions_are_made_with_the_right_sizes_and_formats():
    article = ArticleFactory()
    article.cover.save("cover.jpg", jpeg_with_exif(), save=True)
    renditions = article.cover_renditions
    expected = {"thumb": (360, 240), "detail": (1200, 800), "og": (1200, 630)}
    for name, size in expected.items():
        for fmt, pil_format in (("jpeg", "JPEG"), ("webp", "WEBP")):
            with default_storage.open(renditions[name][fmt]) as handle, Image.open(handle) as image:
                assert image.size == size and image.format == pil_format
                assert not image.getexif()
        assert (renditions[name]["width"], renditions[name]["height"]) == size
    with default_storage.open(article.cover.name) as handle, Image.open(handle) as original:
        assert not original.getexif()


def test_transparent_png_and_small_images_are_not_upscaled():
    article = ArticleFactory()
    article.cover.save("cover.png", png_with_transparency(), save=True)
    assert article.cover_renditions["detail"]["width"] == 800


def test_changing_or_removing_the_image_replaces_the_renditions():
    article = ArticleFactory()
    article.cover.save("first.jpg", jpeg_with_exif((1600, 900)), save=True)
    old = article.cover_renditions["thumb"]["jpeg"]
    article.cover.save("second.jpg", jpeg_with_exif((1600, 900)), save=True)
    assert not default_storage.exists(old)
    assert article.cover_renditions["source"] == article.cover.name
    article.cover = None
    article.save()
    assert article.cover_renditions == {}


def test_picture_tag_renders_lazy_image_with_size_and_escaped_alt():
    article = ArticleFactory()
    article.cover.save("cover.jpg", jpeg_with_exif((1600, 900)), save=True)
    html = Template('{% load images %}{% picture renditions "thumb" alt=alt %}').render(
        Context({"renditions": article.cover_renditions, "alt": '园区"全景"<b>'})
    )
    assert '<source type="image/webp"' in html and 'loading="lazy"' in html
    assert 'width="360" height="240"' in html
    assert "&quot;全景&quot;&lt;b&gt;" in html
    assert (
        Template('{% load images %}{% picture renditions "thumb" %}').render(Context({"renditions": {}})).strip() == ""
    )


@pytest.fixture
def made(monkeypatch):
    """Every call of ``make_renditions``, by image name."""
    from cms.media import renditions

    calls = []
    real = renditions.make_renditions

    def counting(field_file, **kwargs):
        calls.append(field_file.name)
        return real(field_file, **kwargs)

    monkeypatch.setattr(renditions, "make_renditions", counting)
    return calls


def rendition_files() -> set[str]:
    root = Path(settings.MEDIA_ROOT) / "renditions"
    return {str(path) for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def test_articles_register_their_cover_for_renditions():
    from articles.models import Article
    from cms import hooks
    from cms.media.renditions import ImageRenditions

    assert ImageRenditions(Article, "cover", renditions_field="cover_renditions") in hooks.get(hooks.IMAGE_RENDITIONS)


def article_updates(queries) -> list[str]:
    return [query["sql"] for query in queries if query["sql"].startswith('UPDATE "articles_article"')]


def test_a_new_cover_makes_renditions_once_and_other_saves_make_none(made):
    article = ArticleFactory()
    assert made == []
    article.cover.save("cover.jpg", jpeg_with_exif((1600, 900)), save=True)
    assert made == [article.cover.name]
    article.title = "改了标题，封面不变"
    with CaptureQueriesContext(connection) as queries:
        article.save()
    assert len(made) == 1 and len(article_updates(queries)) == 1  # the article's own UPDATE only


def test_saving_an_article_without_a_cover_writes_nothing_more():
    article = ArticleFactory()
    article.summary = "新的摘要"
    with CaptureQueriesContext(connection) as queries:
        article.save()
    assert len(article_updates(queries)) == 1  # it used to write the empty renditions again after every save


def test_raw_saves_keep_the_renditions_they_bring(made, tmp_path):
    from django.core import serializers
    from django.core.management import call_command

    article = ArticleFactory()
    article.cover.save("cover.jpg", jpeg_with_exif((1600, 900)), save=True)
    fixture = tmp_path / "article.json"
    fixture.write_text(serializers.serialize("json", [article]), encoding="utf-8")
    made.clear()
    call_command("loaddata", str(fixture), verbosity=0)
    assert made == []


def test_a_page_request_never_makes_renditions(client, made):
    article = ArticleFactory()
    article.cover.save("cover.jpg", jpeg_with_exif((1600, 900)), save=True)
    missing = ArticleFactory(title="封面还没有缩略图")
    type(missing).objects.filter(pk=missing.pk).update(cover=article.cover.name)  # e.g. imported without renditions
    made.clear()
    before = rendition_files()
    for url in ("/", "/news/", article.get_absolute_url(), missing.get_absolute_url()):
        assert client.get(url).status_code == 200
    assert made == [] and rendition_files() == before
