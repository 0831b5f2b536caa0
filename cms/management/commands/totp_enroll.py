"""Give a staff account two-step sign-in: creates a TOTP device and prints the address for the authenticator app."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = _("Set up two-step sign-in (TOTP) for a staff account and print the otpauth:// address to scan.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="authenticator", help=_("A name for the device, e.g. the phone."))

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username, is_staff=True).first()
        if user is None:
            raise CommandError(_("There is no staff account named “%(username)s”.") % {"username": username})
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
        self.stdout.write(
            _("Scan this address with the authenticator app (or open the device in the admin for a QR code):")
        )
        self.stdout.write(device.config_url)
