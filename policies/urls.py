from django.urls import path

from . import views

app_name = "policies"

urlpatterns = [
    path("", views.PolicyLibraryView.as_view(), name="list"),
    path("<int:pk>/", views.PolicyDetailView.as_view(), name="detail"),
    path("attachments/<int:pk>/", views.download_attachment, name="attachment"),
]
