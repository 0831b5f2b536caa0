from django import template

from cms.media.renditions import rendition_url

register = template.Library()


@register.inclusion_tag("includes/picture.html")
def picture(renditions, name, alt="", css_class="", eager=False):
    """``{% picture article.cover_renditions "thumb" alt=article.cover_alt %}``: WebP with a JPEG fallback."""
    rendition = (renditions or {}).get(name)
    if not rendition:
        return {"rendition": None}
    return {
        "rendition": rendition,
        "webp": rendition_url(renditions, name, "webp"),
        "jpeg": rendition_url(renditions, name, "jpeg"),
        "alt": alt,
        "css_class": css_class,
        "eager": eager,
    }
