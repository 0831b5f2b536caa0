"""The policy sections of the home page: featured and newest valid policies, and applications closing soon."""

from .models import Policy

HOME_POLICY_COUNT = 6


def policies_section(request):
    valid = Policy.objects.published().currently_valid().prefetch_related("authorities")
    policies = list(valid.order_by("-featured", "-issued_on", "-pk")[:HOME_POLICY_COUNT])
    closing = list(valid.closing_applications(14).order_by("application_end")[:5])
    if not policies and not closing:
        return None
    return {"template": "policies/includes/home_policies.html", "policies": policies, "closing": closing}
