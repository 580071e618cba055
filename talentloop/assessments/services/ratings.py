"""Recording human ratings: one person's 1–5 level for one answer on one dimension."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from talentloop.assessments.models import AnswerScore, HumanRating
from talentloop.assessments.rating_access import answer_check_rate
from talentloop.assessments.rating_errors import RatingErrorCode
from talentloop.assessments.services.calibrations import calibrations_refit_for_rating
from talentloop.competencies.models import Dimension
from talentloop.core.exceptions import Conflict, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.interviews.models import Answer

NOTE_MAX_CHARACTERS = 2000


def _level_check(level: Any) -> int:
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
        raise ValidationFailed(
            _("Choose a level from 1 to 5."),
            code=RatingErrorCode.LEVEL_INVALID,
            fields={"level": [_("Choose a level from 1 to 5.")]},
        )
    return level


@transaction.atomic
def rating_record(
    *,
    rater: Any,
    answer: Answer,
    dimension: Dimension,
    level: int,
    note: str = "",
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> HumanRating:
    """Record ``rater``'s level (1–5) for ``answer`` on ``dimension``, or change the one they gave before.

    The rater must be staff who may see the interview (else not found), the level a whole number from 1 to 5, and
    the dimension one the answer was scored on. A new rating is audited as created, a changed one with its old and
    new values; an unchanged one writes nothing. The calibrations covering the answer are then refitted.
    """
    answer_check_rate(rater, answer)
    if Answer.objects.filter(pk=answer.pk, session__invitation__candidate__person__erased_at__isnull=False).exists():
        # Only the skeleton is left (no words to judge); a new rating would move the agreement on nothing.
        raise Conflict(
            _("This answer was erased at the candidate's request, so it cannot be rated."),
            code=RatingErrorCode.ANSWER_ERASED,
        )
    level = _level_check(level)
    note = note.strip()
    if len(note) > NOTE_MAX_CHARACTERS:
        message = _("Keep the note under %(count)d characters.") % {"count": NOTE_MAX_CHARACTERS}
        raise ValidationFailed(message, code=RatingErrorCode.NOTE_TOO_LONG, fields={"note": [message]})
    if not AnswerScore.objects.filter(answer=answer, dimension=dimension).exists():
        message = _("This answer was not scored on that dimension, so it cannot be rated on it.")
        raise ValidationFailed(message, code=RatingErrorCode.DIMENSION_NOT_SCORED, fields={"dimension": [message]})
    mine = HumanRating.objects.select_for_update().filter(answer=answer, dimension=dimension, rater=rater)
    rating = mine.first()
    if rating is None:
        try:
            with transaction.atomic():
                rating = HumanRating.objects.create(
                    answer=answer, dimension=dimension, rater=rater, level=level, note=note
                )
        except IntegrityError:
            rating = mine.get()  # the same person's other tab saved first: theirs is the rating to change
        else:
            audit_record(
                actor=rater,
                action=AuditEvent.Action.CREATE,
                target=rating,
                # The note's length, never its words: the audit log is kept forever, even after an erasure (0018).
                changes={"level": [None, level], "note_characters": [None, len(note)]},
                request=request,
            )
            calibrations_refit_for_rating(answer=answer, dimension=dimension, now=now)
            return rating
    changes: dict[str, list[Any]] = {}
    if rating.level != level:
        changes["level"] = [rating.level, level]
    if rating.note != note:
        changes["note_characters"] = [len(rating.note), len(note)]
    if not changes:
        return rating
    rating.level = level
    rating.note = note
    rating.save(update_fields=["level", "note", "updated_at"])
    audit_record(actor=rater, action=AuditEvent.Action.UPDATE, target=rating, changes=changes, request=request)
    calibrations_refit_for_rating(answer=answer, dimension=dimension, now=now)
    return rating
