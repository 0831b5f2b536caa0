from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from cms import hooks


class Command(BaseCommand):
    help = _(
        "Anonymise personal data past its retention period, or all records of one person (--subject phone or email)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--subject", help=_("Phone number or email address of a person who asked for deletion."))
        parser.add_argument("--dry-run", action="store_true", help=_("Only count what would be anonymised."))

    def handle(self, *args, subject=None, dry_run=False, **options):
        subject = (subject or "").strip()
        total = 0
        with transaction.atomic():
            for purger in hooks.get(hooks.PERSONAL_DATA_PURGERS):
                records = purger.of_subject(subject) if subject else purger.expired()
                count = records.count() if dry_run else purger.anonymise(records)
                total += count
                self.stdout.write(f"  {purger.label}: {count}")
        if dry_run:
            self.stdout.write(_("Dry run: %(count)d record(s) would be anonymised.") % {"count": total})
        else:
            self.stdout.write(self.style.SUCCESS(_("%(count)d record(s) anonymised.") % {"count": total}))
