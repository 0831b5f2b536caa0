from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("<int:pk>/", views.ArticleDetailView.as_view(), name="detail"),
    path("column/<slug:slug>/", views.ColumnArticleListView.as_view(), name="column"),
    path("tag/<str:slug>/", views.TagArticleListView.as_view(), name="tag"),
]
