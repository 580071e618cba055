"""Which channels each kind of notification may use, and which are on when a person has not chosen.

In-app is always on: the notification centre is the record of what a person was told. Other channels can be
switched per kind. The outcome of a deletion request is emailed by the privacy app itself (a notice the law asks
for, sent to the address captured before erasure), so it is offered in-app only, never emailed twice.
"""

from __future__ import annotations

from talentloop.notifications.models import Channel, Kind

# kind -> {switchable channel: on by default}
SWITCHABLE: dict[str, dict[str, bool]] = {
    Kind.REVIEW_REQUEST_ANSWERED: {Channel.EMAIL: True},
    # HR works in WeCom: a channel the installation has no transport for is neither offered nor used.
    Kind.REVIEW_REQUEST_CREATED: {Channel.EMAIL: True, Channel.WECOM: True},
    Kind.REPORT_AVAILABLE: {Channel.EMAIL: True},
    Kind.DELETION_REQUEST_DECIDED: {},
    Kind.COMMENT_MENTION: {Channel.EMAIL: True},
    # The result card is answered with one click in WeCom, where managers work; email carries the link.
    Kind.RESULT_SHARED: {Channel.EMAIL: True, Channel.WECOM: True},
    Kind.MANAGER_RESPONDED: {Channel.EMAIL: True, Channel.WECOM: True},
    # Candidates' messages reach HR where they work; a burst of messages is one notification (see
    # collaboration/messages.py).
    Kind.CANDIDATE_MESSAGE: {Channel.EMAIL: True, Channel.WECOM: True},
    Kind.HR_REPLY: {Channel.EMAIL: True},
}

# When a channel fails for good, the notification still reaches the person on these.
FALLBACK_CHANNELS: tuple[str, ...] = (Channel.IN_APP, Channel.EMAIL)
