import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms.search.indexing import rebuild


class Command(BaseCommand):
    help = _("Rebuild the search index from the published content; resumable with --start-after.")

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument(
            "--start-after", default="", help=_('Resume after these keys, as printed, e.g. {"articles.Article": 500}')
        )

    def handle(self, *args, batch_size=500, start_after="", **options):
        try:
            resume = json.loads(start_after) if start_after else {}
        except json.JSONDecodeError as exc:
            raise CommandError(_('--start-after must be JSON such as {"articles.Article": 500}.')) from exc
        totals: dict[str, list[int]] = {}
        progress = dict(resume)
        for label, indexed, removed, last_pk in rebuild(batch_size=max(1, batch_size), start_after=resume):
            counts = totals.setdefault(label, [0, 0])
            counts[0] += indexed
            counts[1] += removed
            progress[label] = last_pk
            self.stdout.write(_("%(label)s: %(count)d indexed so far (resume with --start-after '%(resume)s')")
                              % {"label": label, "count": counts[0], "resume": json.dumps(progress)})  # fmt: skip
        for label, (indexed, removed) in totals.items():
            self.stdout.write(_("%(label)s: %(indexed)d indexed, %(removed)d removed")
                              % {"label": label, "indexed": indexed, "removed": removed})  # fmt: skip
