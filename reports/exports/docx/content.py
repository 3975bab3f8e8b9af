"""What both reports say alike: the plan's name, the period's dates, a target, who signs."""

from programmes.models import Indicator, Organisation

from .. import choice_label, figure_text, period_phrase, short_date
from .layout import Signer


def _plan_name(plan) -> str:
    return f"{plan.title} (số {plan.number})" if plan.number else plan.title


def _period_span(period) -> str:
    if period.starts_on and period.ends_on:
        return f" (từ ngày {short_date(period.starts_on)} đến ngày {short_date(period.ends_on)})"
    return ""


def _target(indicator: Indicator) -> str:
    target = figure_text(indicator.target_value, indicator)
    if indicator.direction == Indicator.Direction.AT_MOST:
        return f"{choice_label(Indicator.Direction, indicator.direction)} {target}"
    return target


def _party_signer(name: str, party) -> Signer:
    """A party signs in the capacity printed on the plan ("KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC"), else its side's usual one."""
    if party is None:
        return Signer(name, [])
    if not party.signing_capacity:
        return _unit_signer(party.organisation, name)
    capacity = [party.signing_capacity.upper()]
    title = party.signatory_title.upper()
    if title and capacity[0].startswith(("KT.", "TL.", "TUQ.", "Q.")):  # signing for the head: the signer's own title
        capacity.append(title)
    return Signer(name, capacity)


def _unit_signer(organisation: Organisation, name: str = "") -> Signer:
    """The usual capacity: the association's standing committee, or the head of the unit."""
    if organisation.side == Organisation.Side.ASSOCIATION:
        return Signer(name or organisation.name, ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"])
    return Signer(name or organisation.name, ["THỦ TRƯỞNG ĐƠN VỊ"])


def halves_table(doc, halves) -> None:
    """Each half-year of a plan's period (``Consolidation`` rows): units reported and commitments
    done by party, for a final review and for the plan's last consolidated report."""
    rows = [
        [
            period_phrase(half.period).capitalize(),
            f"{half.received}/{half.expected}",
            "; ".join(f"{score.title}: {score.done}/{score.total}" for score in half.scores if score.total),
        ]
        for half in halves
    ]
    doc.table(["Kỳ", "Đơn vị đã báo cáo", "Nội dung hoàn thành"], rows, [4.0, 3.0, 9.0], numeric=(1,))
