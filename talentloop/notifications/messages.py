"""What each kind of notification says, rendered in the reader's language when it is shown or sent.

A notification keeps only its kind and parameters (language-neutral codes and numbers), so one row reads in Chinese
for one person and in English for another, and a change of wording reaches old notifications too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from talentloop.feedback.models import ReviewRequest
from talentloop.notifications.models import Kind


@dataclass(frozen=True)
class Message:
    title: str
    body: str


def _label(choices: Any, value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _review_request_answered(params: dict[str, Any]) -> Message:
    kind = _label(ReviewRequest.Kind, params.get("kind", ""))
    return Message(
        title=_("Your request has been answered: %(kind)s") % {"kind": kind},
        body=_(
            "HR has answered your request (%(kind)s) about your interview. Sign in to read the answer and, for a "
            "human review, the decision, who made it and why."
        )
        % {"kind": kind},
    )


def _review_request_created(params: dict[str, Any]) -> Message:
    kind = _label(ReviewRequest.Kind, params.get("kind", ""))
    return Message(
        title=_("New request from a candidate: %(kind)s") % {"kind": kind},
        body=_("A candidate asked about their interview. Please answer by %(due)s.") % {"due": params.get("due", "")},
    )


def _report_available(params: dict[str, Any]) -> Message:
    return Message(
        title=_("Your interview report is ready"),
        body=_("Your interview has been scored. Sign in to read your report and your growth path."),
    )


def _deletion_request_decided(params: dict[str, Any]) -> Message:
    status = params.get("status", "")
    if status == "held":
        return Message(
            title=_("Your deletion request is on hold"),
            body=_("Your data cannot be deleted yet because of a legal hold. My data shows the reasons."),
        )
    return Message(
        title=_("Your deletion request was refused"),
        body=_("HR refused your deletion request. My data shows the reason."),
    )


def _comment_mention(params: dict[str, Any]) -> Message:
    author = params.get("author", "")
    return Message(
        title=_("%(author)s mentioned you in a discussion") % {"author": author},
        body=_("%(author)s mentioned you in a comment on an interview. Open it to read and reply.")
        % {"author": author},
    )


def _result_shared(params: dict[str, Any]) -> Message:
    values = {
        "sender": params.get("sender", ""),
        "candidate": params.get("candidate", ""),
        "position": params.get("position", ""),
    }
    return Message(
        title=_("Interview result: %(candidate)s, %(position)s") % values,
        body=_(
            "%(sender)s shared the interview result of %(candidate)s for %(position)s with you. Open it to advance, "
            "reject or ask for a supplementary interview."
        )
        % values,
    )


def _manager_responded(params: dict[str, Any]) -> Message:
    decision = params.get("decision", "")
    values = {
        "manager": params.get("manager", ""),
        "candidate": params.get("candidate", ""),
        "dimensions": "、".join(str(name) for name in params.get("dimensions", [])),
    }
    if decision == "advance":
        title = _("%(manager)s advances %(candidate)s") % values
    elif decision == "reject":
        title = _("%(manager)s rejects %(candidate)s") % values
    else:
        title = _("%(manager)s asks for a supplementary interview of %(candidate)s on %(dimensions)s") % values
    return Message(title=title, body=_("%(manager)s answered the result you shared. Open it for details.") % values)


def _candidate_message(params: dict[str, Any]) -> Message:
    return Message(
        title=_("New message from a candidate"),
        body=_("A candidate wrote to HR in the candidate portal. Open the thread to read and reply."),
    )


def _hr_reply(params: dict[str, Any]) -> Message:
    return Message(
        title=_("HR replied to your message"),
        body=_("HR has replied to your message. Sign in to read the reply in your messages."),
    )


RENDERERS: dict[str, Callable[[dict[str, Any]], Message]] = {
    Kind.REVIEW_REQUEST_ANSWERED: _review_request_answered,
    Kind.REVIEW_REQUEST_CREATED: _review_request_created,
    Kind.REPORT_AVAILABLE: _report_available,
    Kind.DELETION_REQUEST_DECIDED: _deletion_request_decided,
    Kind.COMMENT_MENTION: _comment_mention,
    Kind.RESULT_SHARED: _result_shared,
    Kind.MANAGER_RESPONDED: _manager_responded,
    Kind.CANDIDATE_MESSAGE: _candidate_message,
    Kind.HR_REPLY: _hr_reply,
}


def message_render(*, kind: str, params: dict[str, Any]) -> Message:
    """The title and body of a notification in the active language."""
    renderer = RENDERERS.get(kind)
    if renderer is None:
        return Message(title=_("Notification"), body="")
    return renderer(params)
