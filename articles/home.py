"""The news section of the home page: pinned items first, then the newest."""

from cms.sections import register_home_section

from .caching import COLUMNS, NEWS
from .models import Article

HOME_NEWS_COUNT = 8


@register_home_section("news", tags=(NEWS, COLUMNS))
def news_section(request):
    articles = list(Article.objects.published().for_list()[:HOME_NEWS_COUNT])
    if not articles:
        return None
    return {"template": "articles/includes/home_news.html", "articles": articles}
