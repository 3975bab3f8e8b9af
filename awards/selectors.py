"""What the pupil list pages read."""

from django.db.models import Count

from .models import ListEntry, PupilList


def proposed_elsewhere(pupil_list: PupilList) -> dict[int, int]:
    """For each entry of the list, how many other lists of the school year propose the same pupil
    (same name, date of birth and school, whatever the accents and spacing): a count, never the
    other lists' names or parties, which the reader may not be entitled to see."""
    entries = dict(pupil_list.entries.exclude(identity="").values_list("identity", "pk"))  # "": anonymised
    if not entries:
        return {}
    others = (
        ListEntry.objects.filter(identity__in=list(entries), pupil_list__school_year=pupil_list.school_year)
        .exclude(pupil_list=pupil_list)
        .values("identity")
        .annotate(lists=Count("pupil_list", distinct=True))
        .order_by()
    )
    return {entries[row["identity"]]: row["lists"] for row in others}
