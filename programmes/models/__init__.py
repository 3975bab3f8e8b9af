from .organisations import Area, Membership, Organisation, User
from .plans import Commitment, Indicator, Plan, PlanParty, Section

__all__ = ["Area", "Commitment", "Indicator", "Membership", "Organisation", "Plan", "PlanParty", "Section", "User"]
