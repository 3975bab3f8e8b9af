"""The link to a plan's feed, with what is new in it for the reader, on pages of other apps
(the plan's page): nothing for someone who does not read the feed."""

from django import template

from feed.access import feeds_readable_by
from feed.selectors import unread_count

register = template.Library()


@register.inclusion_tag("feed/includes/_plan_link.html", takes_context=True)
def feed_link(context, plan):
    user = context["request"].user
    if not feeds_readable_by(user).filter(pk=plan.pk).exists():
        return {"plan": None}
    return {"plan": plan, "unread": unread_count(user, plan)}
