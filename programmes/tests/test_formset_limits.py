"""A forged form count builds no more forms than the page can show."""

from programmes.forms import IndicatorFormSet, PartyFormSet


def management(prefix, total):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}


def test_a_count_of_two_billion_indicators_builds_twenty_forms_and_is_refused(db):
    formset = IndicatorFormSet(data=management("indicators", 2**31), prefix="indicators")
    assert len(formset.forms) == 20
    assert not formset.is_valid()
    assert formset.non_form_errors()


def test_a_count_of_two_billion_parties_builds_six_forms(editor):
    formset = PartyFormSet(data=management("parties", 2**31), prefix="parties", user=editor)
    assert len(formset.forms) == 6
    assert not formset.is_valid()
