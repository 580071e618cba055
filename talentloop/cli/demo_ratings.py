"""The demo's human ratings: the people who may see each completed interview rate its answers on the 1–5 scale.

``demo_content/ratings.json`` holds, per completed demo interview, the level each rater gave each answer on each
dimension it was scored on: the sales hiring manager and HR for the sales interviews (with an HR calibration round on
the first sales question), the R&D hiring manager and the demo interviewer (assigned to the backend candidates
here) for the backend ones, and HR for the production ones. They are close to the AI's reading but not the same,
with a few honest disagreements and a note where a rater disagreed; many answers are rated by two or three people,
so the AI–human agreement page shows human–human agreement too, and the dimensions rated by two people reach the
calibration minimum, so calibrations are fitted.

Every rating goes through `rating_record` (access check, validation, audit, calibration refit). A rating the rater
already gave is left alone — HR may have changed it since — so loading twice changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from talentloop.accounts.models import User
from talentloop.assessments.models import HumanRating
from talentloop.assessments.services.ratings import rating_record
from talentloop.cli.demo_completed import DemoCompletedInterview
from talentloop.cli.demo_interviews import demo_content_bytes
from talentloop.competencies.models import Dimension
from talentloop.core.exceptions import ValidationFailed

RATINGS_FILE = "ratings.json"


@dataclass(frozen=True)
class DemoRatingsResult:
    created: int  # ratings recorded by this load
    kept: int  # ratings that were there already


def demo_ratings_document() -> dict[str, Any]:
    """The demo ratings file, as written there."""
    document = json.loads(demo_content_bytes(RATINGS_FILE).decode("utf-8"))
    if not isinstance(document, dict) or document.get("format") != "talentloop.demo_ratings":
        raise ValidationFailed(f"Demo content {RATINGS_FILE} is not a “talentloop.demo_ratings” document.")
    if document.get("version") != 1 or not isinstance(document.get("interviews"), list):
        raise ValidationFailed(f"Demo content {RATINGS_FILE} is not a version 1 document with an “interviews” list.")
    return document


def _users(usernames: set[str]) -> dict[str, User]:
    users = {user.username: user for user in User.objects.filter(username__in=usernames)}
    missing = sorted(usernames - set(users))
    if missing:
        raise ValidationFailed(f"Demo content {RATINGS_FILE} names unknown raters: {', '.join(missing)}.")
    return users


def demo_ratings_load(*, completed: Sequence[DemoCompletedInterview]) -> DemoRatingsResult:
    """Assign the demo interviewer to the candidates the file names, then record every rating of the file that its
    rater has not given yet, through `rating_record`. Interviews the file names that are not among ``completed`` are
    an error in the demo content."""
    document = demo_ratings_document()
    sessions = {interview.candidate.person.email: interview for interview in completed}
    entries = document["interviews"]
    raters = _users(
        {username for entry in entries for rating in entry["ratings"] for username in rating["levels"]}
        | {assignment["interviewer"] for assignment in document.get("assignments", [])}
    )
    for assignment in document.get("assignments", []):
        for email in assignment["candidates"]:
            if email not in sessions:
                raise ValidationFailed(f"Demo content {RATINGS_FILE} assigns an interviewer to unknown {email}.")
            # No service assigns interviewers yet (org.models.Candidate.interviewers); the demo setup does the same.
            sessions[email].candidate.interviewers.add(raters[assignment["interviewer"]])
    dimensions = {dimension.code: dimension for dimension in Dimension.objects.all()}
    created = kept = 0
    for entry in entries:
        interview = sessions.get(entry["candidate"])
        if interview is None:
            raise ValidationFailed(f"Demo content {RATINGS_FILE} rates unknown interview of {entry['candidate']}.")
        answers = {answer.question.code: answer for answer in interview.session.answers.select_related("question")}
        for item in entry["ratings"]:
            answer = answers.get(item["question"])
            dimension = dimensions.get(item["dimension"])
            if answer is None or dimension is None:
                raise ValidationFailed(
                    f"Demo content {RATINGS_FILE}: {entry['candidate']} has no answer to {item['question']} "
                    f"scored on {item['dimension']}."
                )
            notes = item.get("notes", {})
            for username, level in item["levels"].items():
                rater = raters[username]
                if HumanRating.objects.filter(answer=answer, dimension=dimension, rater=rater).exists():
                    kept += 1
                    continue
                note = notes.get(username, "")
                rating_record(rater=rater, answer=answer, dimension=dimension, level=level, note=note)
                created += 1
    return DemoRatingsResult(created=created, kept=kept)
