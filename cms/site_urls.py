from django.urls import path

from . import views

app_name = "cms"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("<slug:slug>/", views.PageDetailView.as_view(), name="page"),
]
