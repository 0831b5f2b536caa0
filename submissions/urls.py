from django.urls import path

from .views import contributions, inquiries

app_name = "submissions"

urlpatterns = [
    path("contribute/", contributions.ContributeView.as_view(), name="contribute"),
    path("contribute/terms/", contributions.TermsView.as_view(), name="terms"),
    path("contribute/status/", contributions.ContributionStatusView.as_view(), name="contribution-status"),
    path("contribute/thanks/<str:token>/", contributions.ContributionThanksView.as_view(), name="contribution-thanks"),
    path("contribute/captcha.png", contributions.captcha_image, name="captcha"),
    path("consult/", inquiries.ConsultView.as_view(), name="consult"),
    path("settle/", inquiries.SettleView.as_view(), name="settle"),
    path("inquiry/thanks/<str:token>/", inquiries.InquiryThanksView.as_view(), name="inquiry-thanks"),
]
