from django.urls import path

from .views import contributions

app_name = "submissions"

urlpatterns = [
    path("contribute/", contributions.ContributeView.as_view(), name="contribute"),
    path("contribute/terms/", contributions.TermsView.as_view(), name="terms"),
    path("contribute/status/", contributions.ContributionStatusView.as_view(), name="contribution-status"),
    path("contribute/thanks/<str:token>/", contributions.ContributionThanksView.as_view(), name="contribution-thanks"),
    path("contribute/captcha.png", contributions.captcha_image, name="captcha"),
]
