"""The news section of the home page: pinned items first, then the newest."""

from .models import Article

HOME_NEWS_COUNT = 8


def news_section(request):
    articles = list(Article.objects.published().for_list()[:HOME_NEWS_COUNT])
    if not articles:
        return None
    return {"template": "articles/includes/home_news.html", "articles": articles}
