"""Search-engine metadata for news pages (schema.org NewsArticle)."""

from django.core.files.storage import default_storage

from cms.public.links import site_url


def absolute_media_url(path: str) -> str:
    url = default_storage.url(path)
    return url if url.startswith("http") else f"{site_url()}{url}"


def og_image_url(article) -> str | None:
    rendition = (article.cover_renditions or {}).get("og")
    return absolute_media_url(rendition["jpeg"]) if rendition else None


def news_article_jsonld(article) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.seo_description or article.excerpt,
        "mainEntityOfPage": f"{site_url()}{article.get_absolute_url()}",
        "datePublished": article.publish_at.isoformat() if article.publish_at else None,
        "dateModified": article.updated_at.isoformat(),
        "articleSection": article.column.name,
        "keywords": [tag.name for tag in article.tags.all()],
    }
    if article.author:
        data["author"] = {"@type": "Person", "name": article.author}
    elif article.contributing_unit:
        data["author"] = {"@type": "Organization", "name": article.contributing_unit}
    if image := og_image_url(article):
        data["image"] = [image]
    return {key: value for key, value in data.items() if value not in (None, "", [])}
