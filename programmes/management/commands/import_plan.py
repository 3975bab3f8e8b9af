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
from programmes.services.imports import CommitmentData, IndicatorData, organisation_best_match, plan_import_save
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
            self.stdout.write(self.style.SUCCESS(f"Saved draft plan #{plan.pk}: {plan} ({plan.commitments.count()} commitments)."))

    def _print(self, parsed, format):
        if format == "json":
            self.stdout.write(json.dumps(parsed.as_json(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{parsed.title}\nNumber: {parsed.number or '-'}  Signed: {parsed.signed_on or '-'}  Place: {parsed.place or '-'}")
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
        parties = []
        for name in parsed.parties:
            match = organisation_best_match(name, candidates, area=area)
            if match is None:
                self.stderr.write(f"No organisation of {area} matches the party “{name}”: left out.")
            elif match not in [p.organisation for p in parties]:
                signatory = next((s for s in parsed.signatories if organisation_best_match(s.organisation, [match])), None)
                parties.append(
                    PartyData(
                        organisation=match,
                        signatory_name=signatory.name if signatory else "",
                        signatory_title=signatory.title if signatory else "",
                        signing_capacity=signatory.capacity if signatory else "",
                    )
                )
        plan = Plan(
            kind=parsed.kind if parsed.kind in Plan.Kind.values else Plan.Kind.OTHER,
            number=parsed.number,
            title=parsed.title[:500],
            area=area,
            signed_on=parsed.signed_on,
            place=parsed.place,
            start_year=parsed.period[0] if parsed.period else None,
            end_year=parsed.period[1] if parsed.period else None,
            legal_bases="\n".join(parsed.legal_bases),
            purposes="\n".join(parsed.purposes),
            requirements="\n".join(parsed.requirements),
            recipients="\n".join(parsed.recipients),
        )
        if Plan.number_taken(area, parsed.number):
            raise CommandError(f"{area} already has a plan numbered {parsed.number}.")
        commitments = [
            CommitmentData(
                section=c.section,
                number=c.number,
                text=c.text,
                party=c.party,
                recurrence=c.recurrence,
                deadline=c.deadline,
                yearly_day=c.yearly_day,
                yearly_month=c.yearly_month,
                indicators=[
                    IndicatorData(i.name, i.unit, i.value, i.direction, i.aggregation, i.due_date) for i in c.indicators
                ],
            )
            for c in parsed.commitments
        ]
        return plan_import_save(user=author, plan=plan, parties=parties, commitments=commitments)
