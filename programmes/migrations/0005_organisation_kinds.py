from django.db import migrations, models

from programmes.organisation_kinds import kind_on_side

KINDS = [
    ("education", "Education department or office"),
    ("association", "Study Promotion Association"),
    ("people_committee", "People's committee"),
    ("youth_union", "Youth Union"),
    ("labour_federation", "Labour Federation"),
    ("farmers_union", "Farmers' Union"),
    ("womens_union", "Women's Union"),
    ("veteran_teachers", "Veteran Teachers' Association"),
    ("fatherland_front", "Fatherland Front"),
    ("other", "Other organisation"),
]


def give_kinds(apps, schema_editor):
    """Every organisation gets the kind its name denotes on its side: an education-side "UBND xã"
    becomes a people's committee, a partner named "Tỉnh Đoàn" the Youth Union. No side changes."""
    Organisation = apps.get_model("programmes", "Organisation")
    rows = list(Organisation.objects.only("pk", "name", "side"))
    for organisation in rows:
        organisation.kind = kind_on_side(organisation.name, organisation.side)
    Organisation.objects.bulk_update(rows, ["kind"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0004_plan_number_unique_in_lower_case"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="kind",
            field=models.CharField(choices=KINDS, default="", max_length=20, verbose_name="kind"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="organisation",
            name="acting_office",
            field=models.CharField(
                blank=True,
                help_text="For a people's committee: the office that acts for it, for example Phòng Văn hóa - Xã hội.",
                max_length=255,
                verbose_name="office acting for it",
            ),
        ),
        migrations.AlterField(
            model_name="organisation",
            name="side",
            field=models.CharField(
                choices=[
                    ("education", "Education sector"),
                    ("association", "Study Promotion Association"),
                    ("other", "Other partner"),
                ],
                editable=False,
                max_length=20,
                verbose_name="side",
            ),
        ),
        migrations.RunPython(give_kinds, migrations.RunPython.noop),
    ]
