import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from programmes.import_forms import problem_message
from programmes.importer.errors import ImportProblem
from programmes.importer.parser import parse_plan
from programmes.importer.readers import read_document
from programmes.models import Area, Organisation, Plan, User
from programmes.services.imports import plan_from_parsed, plan_import_save
from programmes.services.plans import PartyData


class Command(BaseCommand):
    help = (
        "Read a coordination plan from a .txt, .docx or .pdf file. With --dry-run, print what was read; "
        "otherwise save it as a draft plan of the area given by --area."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the document: .txt (UTF-8 or UTF-16), .docx or .pdf with text")
        parser.add_argument("--dry-run", action="store_true", help="print the parsed plan, save nothing")
        parser.add_argument("--format", choices=["json", "text"], default="text")
        parser.add_argument("--area", help="code of the issuing area, e.g. P25 or H17 (required to save)")
        parser.add_argument("--user", help="username to record as the author; checked like in the browser")

    def handle(self, *args, path, dry_run, format, area, user, **options):
        with translation.override(settings.LANGUAGE_CODE):
            try:
                data = Path(path).read_bytes()
            except OSError as error:
                raise CommandError(f"Không đọc được tệp {path}: {error.strerror}") from error
            try:
                parsed = parse_plan(read_document(data, Path(path).name))
            except ImportProblem as problem:
                raise CommandError(problem_message(problem)) from problem
            if dry_run:
                self._print(parsed, format)
                return
            if not area:
                raise CommandError("--area is required to save; add --dry-run to only read the document.")
            plan = self._save(parsed, area, user)
            self.stdout.write(
                self.style.SUCCESS(f"Saved draft plan #{plan.pk}: {plan} ({plan.commitments.count()} commitments).")
            )

    def _print(self, parsed, format):
        if format == "json":
            self.stdout.write(json.dumps(parsed.as_json(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{parsed.title}\nNumber: {parsed.number or '-'}  Signed: {parsed.signed_on or '-'}  Place: {parsed.place or '-'}"
        )
        for commitment in parsed.commitments:
            self.stdout.write(f"  {commitment.number:<8} {commitment.party:<12} {commitment.text[:70]}")
        for warning in parsed.warnings:
            self.stdout.write(f"  ! {warning.code} {warning.detail or ''}")

    def _save(self, parsed, area_code, username):
        try:
            area = Area.objects.get(code=area_code)
        except Area.DoesNotExist as error:
            raise CommandError(f"No area has the code {area_code}.") from error
        author = None
        if username:
            author = User.objects.filter(username=username).first()
            if author is None:
                raise CommandError(f"No user is called {username}.")
        candidates = list(Organisation.objects.filter(area__path__startswith=area.path).select_related("area"))
        imported = plan_from_parsed(parsed, organisations=candidates, area=area)
        parties = []
        for party in imported.parties:
            if party.organisation is None:
                self.stderr.write(f"No organisation of {area} matches the party “{party.read_as}”: left out.")
                continue
            signatory = party.signatory
            parties.append(
                PartyData(
                    organisation=party.organisation,
                    signatory_name=signatory.name if signatory else "",
                    signatory_title=signatory.title if signatory else "",
                    signing_capacity=signatory.capacity if signatory else "",
                )
            )
        plan = Plan(**imported.fields, area=area)
        plan.title = plan.title[:500]  # a title read past its end would not fit; the preview asks a person instead
        if Plan.number_taken(area, parsed.number):
            raise CommandError(f"{area} already has a plan numbered {parsed.number}.")
        commitments = imported.commitments
        return plan_import_save(user=author, plan=plan, parties=parties, commitments=commitments)
