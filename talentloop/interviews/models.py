"""Interview templates, invitations, sessions, answers, recordings and the per-session event log.

Time is the server's: every deadline is stored as an absolute server timestamp when a phase starts, so a
reopened tab computes the honest remaining time and a late answer is recognisable as late.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from talentloop.core.models import TimeStampedModel


class InterviewTemplate(TimeStampedModel):
    """An ordered set of questions for a job profile, with timers and the answer modes allowed."""

    name = models.CharField(_("name"), max_length=200)
    job_profile = models.ForeignKey(
        "competencies.JobProfile", verbose_name=_("job profile"), on_delete=models.PROTECT, related_name="templates"
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="zh-hans")
    allow_text = models.BooleanField(_("text answers allowed"), default=True)
    allow_voice = models.BooleanField(_("voice answers allowed"), default=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("interview template")
        verbose_name_plural = _("interview templates")

    def __str__(self) -> str:
        return self.name


class TemplateQuestion(models.Model):
    template = models.ForeignKey(InterviewTemplate, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey("questionbank.Question", on_delete=models.PROTECT, related_name="template_items")
    order = models.PositiveSmallIntegerField(_("order"))
    preparation_seconds = models.PositiveIntegerField(_("preparation time (s)"), validators=[MaxValueValidator(3600)])
    max_answer_seconds = models.PositiveIntegerField(
        _("maximum answer time (s)"), validators=[MinValueValidator(10), MaxValueValidator(3600)]
    )
    allowed_retries = models.PositiveSmallIntegerField(_("allowed retries"), validators=[MaxValueValidator(10)])

    class Meta:
        ordering = ["template", "order"]
        verbose_name = _("template question")
        verbose_name_plural = _("template questions")
        constraints = [
            models.UniqueConstraint(fields=["template", "order"], name="interviews_item_order"),
            models.UniqueConstraint(fields=["template", "question"], name="interviews_item_question"),
        ]

    def __str__(self) -> str:
        return f"{self.template} #{self.order}"


class Invitation(TimeStampedModel):
    """A candidate's personal link to one interview.

    The link carries a token signed with SECRET_KEY that names this invitation and its ``token_nonce``; nothing
    secret is stored, resending sends the same link, and rotating the nonce kills a leaked link."""

    template = models.ForeignKey(InterviewTemplate, on_delete=models.PROTECT, related_name="invitations")
    candidate = models.ForeignKey("org.Candidate", on_delete=models.PROTECT, related_name="invitations")
    token_nonce = models.CharField(max_length=32)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("last sent at"), null=True, blank=True)
    send_count = models.PositiveSmallIntegerField(_("times sent"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.candidate} → {self.template}"


class InterviewSession(TimeStampedModel):
    class Status(models.TextChoices):
        CONSENTING = "consenting", _("Reading the notice")
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    invitation = models.OneToOneField(Invitation, on_delete=models.PROTECT, related_name="session")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CONSENTING)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="zh-hans")
    consent_version = models.CharField(_("consent notice version"), max_length=20, blank=True)
    consented_at = models.DateTimeField(_("consented at"), null=True, blank=True)
    voice_consented_at = models.DateTimeField(_("voice recording consented at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True, db_index=True)
    current_order = models.PositiveSmallIntegerField(_("current question"), default=1)
    question_count = models.PositiveSmallIntegerField(_("questions"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("interview session")
        verbose_name_plural = _("interview sessions")

    def __str__(self) -> str:
        return f"{self.invitation} ({self.status})"


class Answer(TimeStampedModel):
    """One question of a session: what was shown, when, and what the candidate answered."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Not shown yet")
        PREPARING = "preparing", _("Preparing")
        ANSWERING = "answering", _("Answering")
        ANSWERED = "answered", _("Answered")
        SKIPPED = "skipped", _("Skipped")

    class Mode(models.TextChoices):
        TEXT = "text", _("Text")
        VOICE = "voice", _("Voice")

    session = models.ForeignKey(InterviewSession, on_delete=models.CASCADE, related_name="answers")
    order = models.PositiveSmallIntegerField(_("order"))
    question = models.ForeignKey("questionbank.Question", on_delete=models.PROTECT, related_name="answers")
    rubrics = models.ManyToManyField("questionbank.Rubric", related_name="answers", blank=True)
    question_text = models.TextField(_("question as shown"), blank=True)
    preparation_seconds = models.PositiveIntegerField(default=0)
    max_answer_seconds = models.PositiveIntegerField(default=180)
    allowed_retries = models.PositiveSmallIntegerField(default=0)
    expected_answer_seconds = models.PositiveIntegerField(default=120)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, blank=True)
    text = models.TextField(_("answer"), blank=True)
    draft_text = models.TextField(_("draft"), blank=True)
    draft_revision = models.PositiveIntegerField(default=0)
    draft_saved_at = models.DateTimeField(null=True, blank=True)

    shown_at = models.DateTimeField(null=True, blank=True)
    preparation_deadline = models.DateTimeField(null=True, blank=True)
    answer_started_at = models.DateTimeField(null=True, blank=True)
    answer_deadline = models.DateTimeField(null=True, blank=True)
    first_input_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    retries_used = models.PositiveSmallIntegerField(default=0)
    is_late = models.BooleanField(_("late"), default=False)
    late_seconds = models.FloatField(default=0)

    # Derived when the answer is finished (see services.answer_metrics).
    duration_seconds = models.FloatField(null=True, blank=True)
    time_to_first_input_seconds = models.FloatField(null=True, blank=True)
    character_count = models.PositiveIntegerField(default=0)
    word_count = models.PositiveIntegerField(default=0)
    audio_seconds = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["session", "order"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["session", "order"], name="interviews_answer_order")]

    def __str__(self) -> str:
        return f"{self.session_id} #{self.order}"


def recording_upload_path(instance: Recording, filename: str) -> str:
    return f"recordings/{instance.answer.session_id}/{instance.answer.order}-{instance.attempt}-{filename}"


class Recording(TimeStampedModel):
    """An uploaded voice answer. Never deleted when superseded by a retry: the event log points at it."""

    class TranscriptStatus(models.TextChoices):
        PENDING = "pending", _("Waiting for transcription")
        DONE = "done", _("Transcribed")
        FAILED = "failed", _("Transcription failed")
        UNAVAILABLE = "unavailable", _("No speech engine configured")

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="recordings")
    attempt = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to=recording_upload_path)
    content_type = models.CharField(max_length=100)
    size_bytes = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    client_duration_seconds = models.FloatField(null=True, blank=True)
    is_current = models.BooleanField(default=True)
    is_late = models.BooleanField(default=False)
    transcript_status = models.CharField(
        max_length=20, choices=TranscriptStatus.choices, default=TranscriptStatus.PENDING
    )
    transcript_text = models.TextField(blank=True)
    transcript_words = models.JSONField(default=list, blank=True)
    transcript_language = models.CharField(max_length=10, blank=True)
    audio_seconds = models.FloatField(null=True, blank=True)
    engine = models.CharField(max_length=100, blank=True)
    transcript_error = models.TextField(blank=True)

    class Meta:
        ordering = ["answer", "attempt", "created_at"]
        verbose_name = _("recording")
        verbose_name_plural = _("recordings")
        constraints = [
            models.UniqueConstraint(
                fields=["answer"], condition=Q(is_current=True), name="interviews_recording_one_current"
            ),
        ]


class SessionEvent(models.Model):
    """What happened in a session, in server time. Scoring and feedback read their delivery facts from here."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Opened the link")
        CONSENTED = "consented", _("Gave consent")
        VOICE_CONSENTED = "voice_consented", _("Consented to voice recording")
        MICROPHONE_CHECKED = "microphone_checked", _("Checked the microphone")
        QUESTION_SHOWN = "question_shown", _("Question shown")
        ANSWER_STARTED = "answer_started", _("Started answering")
        DRAFT_SAVED = "draft_saved", _("Draft saved")
        RETRIED = "retried", _("Retried")
        SKIPPED = "skipped", _("Skipped")
        FOCUS_LOST = "focus_lost", _("Left the page")
        FOCUS_REGAINED = "focus_regained", _("Came back to the page")
        UPLOADED = "uploaded", _("Uploaded a recording")
        ANSWERED = "answered", _("Answered")
        RESUMED = "resumed", _("Resumed")
        SUBMITTED = "submitted", _("Submitted")

    session = models.ForeignKey(InterviewSession, on_delete=models.CASCADE, related_name="events")
    answer = models.ForeignKey(Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    occurred_at = models.DateTimeField(db_index=True)
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["occurred_at", "id"]
        verbose_name = _("session event")
        verbose_name_plural = _("session events")
        indexes = [models.Index(fields=["session", "kind"])]

    def __str__(self) -> str:
        return f"{self.session_id} {self.kind} {self.occurred_at:%H:%M:%S}"
