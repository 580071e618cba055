"""The demo's human ratings: staff judging the completed interviews' answers on the 1–5 anchored scale.

``demo_content/ratings.json`` holds, per completed candidate and rater, the level each rater gave each answer on
each dimension it was scored on (and a note where the rater disagrees with the AI), written by hand: close to the
AI's reading, with a few honest disagreements, and most answers rated by two people so the agreement page shows
human–human agreement. The sales hiring manager, HR and the HR admin rate the sales interviews; the interviewer
(who sat in on the backend interviews, so is assigned to those candidates) and the R&D hiring manager rate the
backend ones; HR and the HR admin the production ones. Skipped answers are not rated.

Every rating goes through `rating_record`, which checks the rater may see the interview, validates the level,
audits it and refits the calibrations it belongs to; with these ratings several questions and dimensions reach
``TALENTLOOP_CALIBRATION_MIN_RATINGS`` (20 by default) and get a calibration. A rating the rater already gave is
left alone (even if changed since in the console), so loading twice changes nothing.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from talentloop.accounts.models import User
from talentloop.assessments.models import HumanRating
from talentloop.assessments.services.ratings import rating_record
from talentloop.cli.demo_completed import DemoCompletedInterview
from talentloop.cli.demo_interviews import demo_content_bytes
from talentloop.competencies.models import Dimension
from talentloop.core.exceptions import ValidationFailed
from talentloop.interviews.models import Answer

RATINGS_FILE = "ratings.json"
RATINGS_FORMAT = "talentloop.demo_ratings"


def demo_ratings_document() -> dict[str, Any]:
    """The demo ratings file, as written there (its format and version checked)."""
    document = json.loads(demo_content_bytes(RATINGS_FILE).decode("utf-8"))
    if not isinstance(document, dict) or document.get("format") != RATINGS_FORMAT or document.get("version") != 1:
        raise ValidationFailed(f"Demo content {RATINGS_FILE} is not a version 1 “{RATINGS_FORMAT}” document.")
    for key in ("interviewers", "ratings"):
        if not isinstance(document.get(key), list):
            raise ValidationFailed(f"Demo content {RATINGS_FILE} has no “{key}” list.")
    return document


def _interview_for(by_email: dict[str, DemoCompletedInterview], email: str) -> DemoCompletedInterview:
    interview = by_email.get(email)
    if interview is None:
        raise ValidationFailed(f"Demo content {RATINGS_FILE} names {email}, who has no completed demo interview.")
    return interview


def demo_ratings_load(*, completed: list[DemoCompletedInterview], now: datetime | None = None) -> int:
    """Assign the demo interviewer to the candidates whose interviews they rate, then record every rating of the
    demo content that its rater has not given yet. Returns how many ratings were recorded."""
    document = demo_ratings_document()
    by_email = {interview.candidate.person.email: interview for interview in completed}
    for assignment in document["interviewers"]:
        interviewer = User.objects.get(username=assignment["interviewer"])
        for email in assignment["candidates"]:
            # Interviewers are assigned on the candidate record, as the rest of the demo does (demo.py).
            _interview_for(by_email, email).candidate.interviewers.add(interviewer)
    dimensions = {dimension.code: dimension for dimension in Dimension.objects.all()}
    recorded = 0
    for entry in document["ratings"]:
        interview = _interview_for(by_email, entry["candidate"])
        rater = User.objects.get(username=entry["rater"])
        answers = {answer.question.code: answer for answer in interview.session.answers.select_related("question")}
        given = set(HumanRating.objects.filter(answer__session=interview.session, rater=rater).values_list("answer_id", "dimension_id"))
        notes: dict[str, str] = entry.get("notes", {})
        for question_code, levels in entry["levels"].items():
            answer: Answer | None = answers.get(question_code)
            if answer is None:
                raise ValidationFailed(
                    f"Demo content {RATINGS_FILE}: {entry['candidate']} did not answer {question_code}."
                )
            for dimension_code, level in levels.items():
                dimension = dimensions.get(dimension_code)
                if dimension is None:
                    raise ValidationFailed(f"Demo content {RATINGS_FILE} names an unknown dimension {dimension_code}.")
                if (answer.pk, dimension.pk) in given:
                    continue
                rating_record(
                    rater=rater,
                    answer=answer,
                    dimension=dimension,
                    level=level,
                    note=notes.get(f"{question_code}/{dimension_code}", ""),
                    now=now,
                )
                recorded += 1
    return recorded
