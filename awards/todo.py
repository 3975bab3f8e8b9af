"""The home page's to-do items from the pupil lists: the lists the user's organisations owe (drafts
and returned lists, soonest due first) and those they must agree to or return. Two queries."""

from dataclasses import dataclass, field

from django.db.models import F

from . import access
from .models import PupilList

Status = PupilList.Status


@dataclass
class ListTodo:
    to_send: list[PupilList] = field(default_factory=list)
    to_review: list[PupilList] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.to_send or self.to_review)


def list_todo(user) -> ListTodo:
    lists = PupilList.objects.select_related("drawn_by", "received_by").order_by(F("due_on").asc(nulls_last=True), "pk")
    drawing = access.organisations_of(user, access.DRAW_ROLES)
    receiving = access.organisations_of(user, access.RECEIVE_ROLES)
    return ListTodo(
        to_send=list(lists.filter(drawn_by__in=drawing, status__in=[Status.DRAFT, Status.RETURNED])) if drawing else [],
        to_review=list(lists.filter(received_by__in=receiving, status=Status.SENT)) if receiving else [],
    )
