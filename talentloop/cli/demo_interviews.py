"""The interview half of the demo: competencies, job profiles, the question bank, templates and invitations.

The content lives in ``demo_content/*.json`` (package data), written as real HR material in Chinese and English.
Loading is idempotent: what exists is left alone, and the question bank import changes nothing when the bank is
already current.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from talentloop.competencies.models import Dimension, JobProfile
from talentloop.competencies.services import AnchorInput, RequirementInput, dimension_create, job_profile_save
from talentloop.core.exceptions import ValidationFailed
from talentloop.interviews.models import InterviewTemplate, Invitation
from talentloop.interviews.services.invitations import (
    InvitationStatus,
    invitation_create,
    invitation_link,
    invitation_status,
)
from talentloop.interviews.services.templates import template_generate
from talentloop.org.models import Candidate, Company, Position
from talentloop.questionbank.errors import QuestionBankErrorCode
from talentloop.questionbank.io import ImportFileError, question_bank_rows_from_json
from talentloop.questionbank.services import question_bank_import

COMPETENCIES_FILE = "competencies.json"
JOB_PROFILES_FILE = "job_profiles.json"
QUESTION_BANK_FILE = "question_bank.json"

# An invitation in one of these states no longer gives the candidate a working link, so the demo issues a new one.
_DEAD_STATUSES = (InvitationStatus.EXPIRED, InvitationStatus.REVOKED)


@dataclass(frozen=True)
class DemoInterviewLink:
    candidate: Candidate
    link: str


def demo_content_bytes(name: str) -> bytes:
    """The raw bytes of one demo content file shipped with the package."""
    return (resources.files("talentloop.cli") / "demo_content" / name).read_bytes()


def _demo_content_list(name: str, format_name: str, key: str) -> list[dict[str, Any]]:
    document = json.loads(demo_content_bytes(name).decode("utf-8"))
    if not isinstance(document, dict) or document.get("format") != format_name or document.get("version") != 1:
        raise ValidationFailed(f"Demo content {name} is not a version 1 “{format_name}” document.")
    items = document.get(key)
    if not isinstance(items, list):
        raise ValidationFailed(f"Demo content {name} has no “{key}” list.")
    return items


def demo_dimensions_load() -> list[Dimension]:
    """Add the demo competency library; a dimension whose code already exists is kept as it is."""
    created = []
    existing = set(Dimension.objects.values_list("code", flat=True))
    for item in _demo_content_list(COMPETENCIES_FILE, "talentloop.competencies", "dimensions"):
        if item["code"] in existing:
            continue
        created.append(
            dimension_create(
                code=item["code"],
                name=item["name"],
                name_en=item.get("name_en", ""),
                description=item.get("description", ""),
                description_en=item.get("description_en", ""),
                kind=item.get("kind", Dimension.Kind.COMPETENCY),
                anchors={
                    int(level): AnchorInput(anchor["description"], anchor.get("description_en", ""))
                    for level, anchor in item["anchors"].items()
                },
            )
        )
    return created


def demo_job_profiles_load(*, actor: Any) -> list[JobProfile]:
    """Give the demo positions their job profiles; a position that already has one keeps it (HR may have edited
    it). Returns every demo profile, new or kept."""
    profiles = []
    for item in _demo_content_list(JOB_PROFILES_FILE, "talentloop.job_profiles", "profiles"):
        position = Position.objects.get(code=item["position"])
        profile = JobProfile.objects.filter(position=position).first()
        if profile is None:
            profile = job_profile_save(
                actor=actor,
                position=position,
                requirements=[
                    RequirementInput(r["dimension"], r["weight"], r["required_level"]) for r in item["requirements"]
                ],
                pass_threshold=item["pass_threshold"],
                summary=item.get("summary", ""),
                summary_en=item.get("summary_en", ""),
            )
        profiles.append(profile)
    return profiles


def demo_question_bank_load(*, actor: Any) -> None:
    """Import the demo question bank through the same path HR uses for an uploaded file."""
    try:
        rows = question_bank_rows_from_json(demo_content_bytes(QUESTION_BANK_FILE))
    except ImportFileError as error:
        raise ValidationFailed(
            f"The demo question bank cannot be read: {error}", code=QuestionBankErrorCode.IMPORT_FILE_UNREADABLE
        ) from error
    report = question_bank_import(actor=actor, rows=rows)
    if not report.succeeded:
        fields: dict[str, list[str]] = {}
        for location, message in report.rejected:
            fields.setdefault(location or "file", []).append(message)
        raise ValidationFailed(
            f"The demo question bank was rejected ({len(report.rejected)} problems): "
            + "; ".join(f"{location} {message}" for location, message in report.rejected),
            code=QuestionBankErrorCode.IMPORT_REJECTED,
            fields=fields,
        )


def demo_templates_load(*, actor: Any, profiles: list[JobProfile]) -> dict[int, InterviewTemplate]:
    """One interview template per demo profile, generated from the question bank unless the profile already has
    an active one. Returns the template to invite to, by position id."""
    templates = {}
    for profile in profiles:
        template = InterviewTemplate.objects.filter(job_profile=profile, is_active=True).order_by("created_at").first()
        if template is None:
            template = template_generate(actor=actor, profile=profile, name=f"{profile.position.title} · 结构化面试")
        templates[profile.position_id] = template
    return templates


def _live_invitation(candidate: Candidate) -> Invitation | None:
    invitations = Invitation.objects.filter(candidate=candidate).select_related("session").order_by("-created_at")
    return next((i for i in invitations if invitation_status(i) not in _DEAD_STATUSES), None)


def demo_invitations_load(
    *, actor: Any, company: Company, candidates: Sequence[Candidate], templates: dict[int, InterviewTemplate]
) -> list[DemoInterviewLink]:
    """Invite the demo candidates to their position's template, without sending an email (candidates applying
    to a position without a demo profile are left out). A candidate who already has an invitation keeps it; only
    one whose every link expired or was revoked gets a new one, so the printed links always work."""
    links = []
    for candidate in candidates:
        if candidate.applied_position_id not in templates:
            continue
        invitation = _live_invitation(candidate) or invitation_create(
            actor=actor,
            template=templates[candidate.applied_position_id],
            company=company,
            candidate=candidate,
            send=False,
        )
        links.append(DemoInterviewLink(candidate=candidate, link=invitation_link(invitation)))
    return links


@dataclass(frozen=True)
class DemoInterviewContent:
    links: list[DemoInterviewLink]
    templates: dict[int, InterviewTemplate]  # by position id


def demo_interviews_load(*, actor: Any, company: Company, candidates: Sequence[Candidate]) -> DemoInterviewContent:
    """Load all interview demo content; return the interview link of each invited demo candidate and the
    template of each demo position."""
    demo_dimensions_load()
    profiles = demo_job_profiles_load(actor=actor)
    demo_question_bank_load(actor=actor)
    templates = demo_templates_load(actor=actor, profiles=profiles)
    links = demo_invitations_load(actor=actor, company=company, candidates=candidates, templates=templates)
    return DemoInterviewContent(links=links, templates=templates)
