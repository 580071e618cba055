"""The candidate's interview in Chromium, on a phone: typed answers with a retry, a skip and a tab closed halfway,
watched live by HR; the event log and metrics that run leaves; a voice answer through a fake microphone; and the
fall-back to typing in a browser that cannot record."""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Browser, Response, expect

from talentloop.cli.demo import DemoAccount
from talentloop.competencies.models import JobProfile
from talentloop.interviews.models import Answer, InterviewSession, Invitation, Recording
from talentloop.interviews.selectors import session_events
from talentloop.interviews.services.invitations import invitation_create, invitation_link
from talentloop.interviews.services.sessions import session_consent, session_open
from talentloop.interviews.services.templates import TemplateItemInput, template_generate, template_update
from talentloop.org.selectors import company_get_default
from talentloop.speech.tests.test_transcription import ENGLISH, ENGLISH_WORDS, Say
from tests.browser.tabs import CHROMIUM, CHROMIUM_ARGS, PHONE, Tab, TabFactory

pytestmark = pytest.mark.browser

CANDIDATE = "Alex Morgan"
# Generous clocks: nothing may run out while the test drives the page, so every answer is on time.
PREPARATION_SECONDS = 300
ANSWER_SECONDS = 600
FIRST_TRY = "I would ask what the customer needs first."
SECOND_TRY = "I would ask the customer about their goals, budget and timeline, then confirm what I heard."
THIRD_DRAFT = "I would call the customer back"
THIRD_ANSWER = THIRD_DRAFT + " the same day and agree on next steps."
FOURTH_ANSWER = "Weekly reviews with the team keep everyone on track."


def interview_invitation(*, question_count: int) -> Invitation:
    """A sales interview in English, built by HR through the services, and the candidate's invitation to it."""
    hr = get_user_model().objects.get(username="hr")
    template = template_generate(
        actor=hr,
        profile=JobProfile.objects.get(position__code="sales-rep"),
        name="Sales interview (browser test)",
        count=question_count,
        language="en",
    )
    items = [
        TemplateItemInput(item.question_id, PREPARATION_SECONDS, ANSWER_SECONDS, 1)
        for item in template.items.order_by("order")
    ]
    template_update(actor=hr, template=template, name=template.name, items=items, allow_text=True, allow_voice=True)
    company = company_get_default()
    assert company is not None
    return invitation_create(
        actor=hr,
        template=template,
        company=company,
        full_name=CANDIDATE,
        email="alex.morgan@example.com",
        send=False,
    )


def link_path(invitation: Invitation) -> str:
    return urlsplit(invitation_link(invitation)).path


def question_texts(invitation: Invitation) -> list[str]:
    return [item.question.text_for("en") for item in invitation.template.items.order_by("order")]


def press(tab: Tab, selector: str) -> None:
    """Press a button that posts a form; the page comes back (after the redirect) when this returns."""
    with tab.page.expect_navigation():
        tab.page.click(selector)


def is_draft_save(response: Response) -> bool:
    return response.request.method == "POST" and urlsplit(response.url).path.endswith("/draft/")


def type_and_save(tab: Tab, text: str) -> None:
    """Type the answer and leave the box. Leaving it saves the draft, unless the 3-second autosave got there
    first: either way the text changed once, so exactly one draft is saved. The save's response is awaited, not
    just a "Saved" status: after a retry or a reopening the page already shows the time of an earlier save."""
    with tab.page.expect_response(is_draft_save) as saved:
        tab.page.fill("#id_text", text)
        tab.page.locator("#id_text").blur()
    assert saved.value.status == 200
    expect(tab.page.locator("#save-status")).to_have_text(re.compile(r"^Saved \d"))


def expect_live_row(hr: Tab, progress: str, current: str) -> None:
    """HR's live view shows the candidate's progress; htmx polls every 3 s, so allow a few polls."""
    row = hr.page.locator("#live-rows tbody tr", has_text=CANDIDATE)
    expect(row.locator(".progress-text")).to_have_text(progress, timeout=10_000)
    expect(row.locator(".current-question")).to_have_text(current, timeout=10_000)


def test_candidate_types_retries_skips_and_resumes_while_hr_watches_live(
    new_tab: TabFactory, demo_accounts: dict[str, DemoAccount], settings: Any
) -> None:
    # given a 4-question interview; a speech engine is configured, so voice is offered (and declined)
    settings.SPEECH_ENGINE = "faster_whisper"
    invitation = interview_invitation(question_count=4)
    questions = question_texts(invitation)
    link = link_path(invitation)
    # and HR watching the live view, where nobody is taking an interview yet
    hr = new_tab()
    hr.sign_in("hr", demo_accounts["hr"].password)
    hr.goto("/console/interviews/live/")
    expect(hr.page.locator("#live-rows tbody")).to_have_text("No interview is in progress.")
    hr.page.evaluate("window.talentloopPageMarker = 'not reloaded'")

    # when the candidate opens the link on a phone, then the notice comes first, and says what is never inferred
    candidate = new_tab(**PHONE)
    candidate.goto(link)
    expect(candidate.page.locator("ul.notice")).to_contain_text(
        "We never infer emotions from your voice, text or face."
    )
    expect_live_row(hr, "0/4", "Reading the notice")
    # when they agree to the interview but not to voice recording
    expect(candidate.page.locator("#id_voice_consent")).not_to_be_checked()
    candidate.page.check("#id_consent")
    press(candidate, ".consent-form button[type=submit]")

    # then question 1 is shown, without a voice panel; they start, type, and the draft is saved
    expect(candidate.page.locator("#question-text")).to_have_text(questions[0])
    expect(candidate.page.locator("#voice-panel")).to_have_count(0)
    expect_live_row(hr, "0/4", "1 · Preparing")
    press(candidate, "#start-button")
    type_and_save(candidate, FIRST_TRY)
    press(candidate, "#submit-answer")
    expect(candidate.page.locator("#given-answer")).to_have_text(FIRST_TRY)
    expect_live_row(hr, "1/4", "1 · Answered")

    # when they answer question 1 again (their one retry)
    expect(candidate.page.locator("#retry-button")).to_have_text("Answer again (1 retry left)")
    press(candidate, "#retry-button")
    expect(candidate.page.locator("#id_text")).to_have_value("")
    expect_live_row(hr, "0/4", "1 · Answering")
    type_and_save(candidate, SECOND_TRY)
    press(candidate, "#submit-answer")
    expect(candidate.page.locator("#given-answer")).to_have_text(SECOND_TRY)
    expect(candidate.page.locator("#retry-button")).to_have_count(0)
    expect_live_row(hr, "1/4", "1 · Answered")

    # when they skip question 2
    press(candidate, "#next-button")
    expect(candidate.page.locator("#question-text")).to_have_text(questions[1])
    press(candidate, "#skip-button")
    expect(candidate.page.locator("main")).to_contain_text("You skipped this question.")
    expect_live_row(hr, "2/4", "2 · Skipped")

    # when they type part of answer 3 during its preparation time (which starts the answer clock), and it is saved
    press(candidate, "#next-button")
    expect(candidate.page.locator("#question-text")).to_have_text(questions[2])
    typed_at = time.monotonic()
    type_and_save(candidate, THIRD_DRAFT)
    expect(candidate.page.locator("#timer-label")).to_have_text("Time left to answer")
    expect_live_row(hr, "2/4", "3 · Answering")
    # and close the tab (waiting for the focus_lost it sends puts that event in a certain place in the log)
    close_question_page(candidate, hr, live_session_id(hr))

    # when they open the link again, in a new browser context: nothing the closed tab left in the browser (cookies,
    # cache, restored form fields) can help, so the draft and the clock shown must come from the server
    reopened = new_tab(**PHONE)
    reopened.goto(link)

    # then question 3 is back, with their draft and the time that is really left
    expect(reopened.page.locator("#question-text")).to_have_text(questions[2])
    expect(reopened.page.locator("#id_text")).to_have_value(THIRD_DRAFT)
    expect(reopened.page.locator("#save-status")).to_have_text(re.compile(r"^Saved \d"))
    timer = reopened.page.locator("#timer[data-kind=answering]")
    seconds_left = int(timer.inner_text())
    assert ANSWER_SECONDS - (time.monotonic() - typed_at) - 2 <= seconds_left < ANSWER_SECONDS
    # when they finish answer 3, answer 4 and submit
    type_and_save(reopened, THIRD_ANSWER)
    press(reopened, "#submit-answer")
    expect(reopened.page.locator("#given-answer")).to_have_text(THIRD_ANSWER)
    expect_live_row(hr, "3/4", "3 · Answered")
    press(reopened, "#next-button")
    expect(reopened.page.locator("#question-text")).to_have_text(questions[3])
    press(reopened, "#start-button")
    type_and_save(reopened, FOURTH_ANSWER)
    press(reopened, "#submit-answer")
    expect_live_row(hr, "4/4", "4 · Answered")
    expect(reopened.page.locator("#next-button")).to_have_text("Go to submission")
    press(reopened, "#next-button")
    expect(reopened.page.locator("main h1")).to_have_text("All questions are done")
    expect_live_row(hr, "4/4", "Ready to submit")
    press(reopened, "#submit-interview")

    # then they see the submitted status, and the live view no longer lists them — all without reloading it
    expect(reopened.page.locator("main h1")).to_have_text("Thank you — your interview is submitted")
    expect(hr.page.locator("#live-rows tbody")).to_have_text("No interview is in progress.", timeout=10_000)
    assert hr.page.evaluate("window.talentloopPageMarker") == "not reloaded"
    hr.assert_clean()
    # (closed right after a refresh, with the next one 3 s away: no request of the live view is left in flight)
    hr.page.close()

    # and opening the link once more shows the status again, never a second attempt
    again = new_tab(**PHONE)
    again.goto(link)
    expect(again.page.locator("main h1")).to_have_text("Thank you — your interview is submitted")
    expect(again.page.locator(".answer-summary li")).to_have_text(
        ["Question 1: Answered", "Question 2: Skipped", "Question 3: Answered", "Question 4: Answered"]
    )
    expect(again.page.locator("#id_consent, #id_text, #start-button")).to_have_count(0)
    for tab in (candidate, reopened, again):
        tab.assert_clean()

    # and the event log holds exactly that run, in server time, with the metrics derived from it
    assert_event_log_and_metrics(InterviewSession.objects.get(invitation=invitation))


def events_seen_by_hr(hr: Tab, session_id: int) -> list[dict[str, Any]]:
    """The session's event log through HR's API. Tests read the log this way while pages may still be sending
    to the server: with SQLite, the test thread's own queries can lock a table under a request of the server."""
    response = hr.page.context.request.get(f"{hr.base_url}/api/v1/interview-sessions/{session_id}/")
    assert response.status == 200, response.text()
    return list(response.json()["events"])


def live_session_id(hr: Tab) -> int:
    """The id of the candidate's session, from HR's API of interviews in progress."""
    sessions = hr.page.context.request.get(f"{hr.base_url}/api/v1/interview-sessions/live/").json()
    return int(next(session["id"] for session in sessions if session["candidate_name"] == CANDIDATE))


def close_question_page(tab: Tab, hr: Tab, session_id: int) -> None:
    """Close a tab showing a question. The page reports that as focus_lost, in a keepalive request sent while it
    closes: wait until the server has logged it, so no request is still on its way when the test goes on (or its
    database is emptied)."""

    def focus_lost() -> int:
        return sum(1 for event in events_seen_by_hr(hr, session_id) if event["kind"] == "focus_lost")

    expected = focus_lost() + 1
    tab.page.close()
    deadline = time.monotonic() + 10
    while focus_lost() < expected:
        assert time.monotonic() < deadline, "the closed page's focus_lost never arrived"
        time.sleep(0.1)


def seconds(start: datetime, end: datetime) -> float:
    return round((end - start).total_seconds(), 3)


def assert_event_log_and_metrics(session: InterviewSession) -> None:
    """The typed run's whole event log, and each answer's metrics checked against the moments it logged."""
    events = list(session_events(session=session))
    assert [(event.kind, event.answer.order if event.answer else None) for event in events] == [
        ("opened", None),
        ("consented", None),
        ("question_shown", 1),
        ("answer_started", 1),  # "Start answering now"
        ("draft_saved", 1),
        ("answered", 1),
        ("retried", 1),
        ("answer_started", 1),  # a retry restarts the answer clock
        ("draft_saved", 1),
        ("answered", 1),
        ("question_shown", 2),
        ("skipped", 2),
        ("question_shown", 3),
        ("answer_started", 3),  # typing during preparation starts the answer clock, with the same timestamp
        ("draft_saved", 3),
        # The only focus event: closing the tab (the test waited for it before reopening). The page's own form
        # posts and reloads are not leaving it, and headless Chromium keeps every page focused, so opening HR's
        # tab or a new one takes focus from nobody.
        ("focus_lost", 3),
        ("resumed", None),
        ("draft_saved", 3),
        ("answered", 3),
        ("question_shown", 4),
        ("answer_started", 4),
        ("draft_saved", 4),
        ("answered", 4),
        ("submitted", None),
    ]
    kinds = [event.kind for event in events]
    assert (kinds.count("opened"), kinds.count("resumed"), kinds.count("focus_regained")) == (1, 1, 0)

    def moments(kind: str, order: int) -> list[datetime]:
        return [e.occurred_at for e in events if e.kind == kind and e.answer is not None and e.answer.order == order]

    retried = next(event for event in events if event.kind == "retried")
    assert retried.payload == {"attempt": 1, "previous": {"text": FIRST_TRY, "mode": "text", "status": "answered"}}
    resumed = next(event for event in events if event.kind == "resumed")
    assert resumed.payload == {"current_order": 3}
    assert [event.payload["revision"] for event in events if event.kind == "draft_saved"] == [1, 3, 1, 2, 1]
    assert events[-1].payload == {"answered": 3}
    assert session.status == InterviewSession.Status.SUBMITTED
    assert session.submitted_at == events[-1].occurred_at
    assert session.voice_consented_at is None

    # what each answer ended as: (status, mode, retries used, text, characters, words)
    answers = {answer.order: answer for answer in session.answers.all()}
    assert {
        order: (a.status, a.mode, a.retries_used, a.text, a.character_count, a.word_count)
        for order, a in answers.items()
    } == {
        1: ("answered", "text", 1, SECOND_TRY, 76, 16),
        2: ("skipped", "", 0, "", 0, 0),
        3: ("answered", "text", 0, THIRD_ANSWER, 55, 14),
        4: ("answered", "text", 0, FOURTH_ANSWER, 44, 9),
    }
    assert [(a.is_late, a.late_seconds) for a in answers.values()] == [(False, 0)] * 4

    # the metrics are differences of logged moments, exactly (the product keeps them to the millisecond): from
    # the answer clock's last start to the first saved input after it, and to the answer
    logged = {
        1: (moments("answer_started", 1)[1], moments("draft_saved", 1)[1], moments("answered", 1)[1]),  # 2nd try
        3: (moments("answer_started", 3)[0], moments("draft_saved", 3)[0], moments("answered", 3)[0]),
        4: (moments("answer_started", 4)[0], moments("draft_saved", 4)[0], moments("answered", 4)[0]),
    }
    for order, (started, first_input, answered) in logged.items():
        answer = answers[order]
        assert (answer.answer_started_at, answer.first_input_at, answer.finished_at) == (started, first_input, answered)
        assert answer.duration_seconds == seconds(started, answered)
        assert answer.time_to_first_input_seconds == seconds(started, first_input)
    assert answers[1].answer_started_at == retried.occurred_at
    assert answers[3].time_to_first_input_seconds == 0.0
    # the skipped question never had its answer clock started: nothing to measure
    skipped = answers[2]
    assert (skipped.answer_started_at, skipped.duration_seconds, skipped.time_to_first_input_seconds) == (
        None,
        None,
        None,
    )
    assert skipped.finished_at == moments("skipped", 2)[0]


# --- voice ------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def microphone_browser(browser: Browser, speech_extra: None, say: Say) -> Iterator[Browser]:
    """A second Chromium whose microphone plays a spoken answer (looping) and whose permission prompt says yes.
    Chromium reads espeak-ng's WAV (16-bit PCM, 22050 Hz, mono) as it is, resampling it itself."""
    spoken_answer = say(ENGLISH, "en-us")
    chromium = browser.browser_type.launch(
        executable_path=str(CHROMIUM),
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={spoken_answer}",
        ],
    )
    yield chromium
    chromium.close()


@pytest.fixture
def microphone_tab(microphone_browser: Browser, live_server: Any) -> Iterator[TabFactory]:
    factory = TabFactory(microphone_browser, live_server.url)
    yield factory
    factory.close()


def wait_for_transcript(recording: Recording) -> None:
    """The transcript is made after the upload commits (an eager Celery task in the live server's thread)."""
    deadline = time.monotonic() + 30
    while recording.transcript_status == Recording.TranscriptStatus.PENDING:
        assert time.monotonic() < deadline, "the recording was not transcribed within 30 s"
        time.sleep(0.2)
        recording.refresh_from_db()


@pytest.mark.speech
def test_candidate_checks_the_microphone_and_answers_by_voice(
    microphone_tab: TabFactory,
    demo_accounts: dict[str, DemoAccount],
    settings: Any,
    fresh_registry: Callable[[], None],
) -> None:
    # given an interview with voice answers, transcribed by the small English model
    settings.SPEECH_ENGINE = "faster_whisper"
    settings.SPEECH_MODEL = "tiny.en"
    settings.SPEECH_MODEL_DIR = ""
    invitation = interview_invitation(question_count=2)
    hr = microphone_tab()
    hr.sign_in("hr", demo_accounts["hr"].password)
    tab = microphone_tab(**PHONE)
    tab.goto(link_path(invitation))

    # when the candidate agrees to the interview and to voice recording
    tab.page.check("#id_consent")
    tab.page.check("#id_voice_consent")
    press(tab, ".consent-form button[type=submit]")

    # and checks their microphone, then it works, and the check is logged
    with tab.page.expect_response(lambda response: urlsplit(response.url).path.endswith("/events/")) as logged:
        tab.page.click("#mic-check-button")
    assert logged.value.status == 204
    expect(tab.page.locator("#mic-check-status")).to_have_text("Your microphone works.")

    # when they record for about 3 seconds and stop
    tab.page.click("#record-button")
    expect(tab.page.locator("#voice-status")).to_have_text("Recording…")
    tab.page.wait_for_timeout(3000)
    with tab.page.expect_navigation(timeout=30_000):
        tab.page.click("#stop-button")

    # then the upload went through and the page moved on to the answered question
    expect(tab.page.locator("main")).to_contain_text("Your voice answer was received.")
    expect(tab.page.locator("#next-button")).to_be_visible()
    tab.assert_clean()
    close_question_page(tab, hr, live_session_id(hr))

    session = InterviewSession.objects.get(invitation=invitation)
    checks = list(session.events.filter(kind="microphone_checked"))
    assert [(check.payload, check.answer.order if check.answer else None) for check in checks] == [({"ok": True}, 1)]
    recording = Recording.objects.get(answer__session=session)
    with recording.file.open("rb") as handle:
        content = handle.read()
    assert recording.content_type in ("audio/webm", "audio/ogg")
    assert recording.size_bytes == len(content) > 0
    assert recording.sha256 == hashlib.sha256(content).hexdigest()
    assert (recording.is_current, recording.is_late, recording.attempt) == (True, False, 0)
    assert recording.client_duration_seconds is not None
    assert 2 < recording.client_duration_seconds < 10

    # and its transcript holds words of the spoken sentence (the fake microphone loops it, so only some)
    wait_for_transcript(recording)
    assert recording.transcript_status == Recording.TranscriptStatus.DONE, recording.transcript_error
    assert recording.engine == "faster_whisper/tiny.en@1.2.1"
    heard = set(re.findall(r"[a-z]+", recording.transcript_text.lower()))
    assert heard & ENGLISH_WORDS, recording.transcript_text
    answer = Answer.objects.get(session=session, order=1)
    assert (answer.status, answer.mode, answer.text, answer.is_late) == (
        "answered",
        "voice",
        recording.transcript_text,
        False,
    )
    assert recording.audio_seconds is not None and recording.audio_seconds > 0
    assert answer.audio_seconds == recording.audio_seconds
    kinds = list(session.events.filter(answer=answer).values_list("kind", flat=True))
    assert kinds == ["question_shown", "microphone_checked", "answer_started", "uploaded", "answered", "focus_lost"]


# --- no recorder --------------------------------------------------------------------------------------------------


def test_a_browser_that_cannot_record_offers_typing(
    new_tab: TabFactory, demo_accounts: dict[str, DemoAccount], settings: Any
) -> None:
    # given a candidate who agreed to voice answers, in a browser without MediaRecorder
    settings.SPEECH_ENGINE = "faster_whisper"
    invitation = interview_invitation(question_count=2)
    session = session_open(invitation=invitation)
    session_consent(session=session, consent=True, voice_consent=True)
    hr = new_tab()
    hr.sign_in("hr", demo_accounts["hr"].password)
    tab = new_tab(**PHONE)
    tab.page.add_init_script("delete window.MediaRecorder;")

    # when they open the question
    tab.goto(link_path(invitation))

    # then the voice panel is hidden, a note says to type, and the microphone check is off
    expect(tab.page.locator("#voice-panel")).to_be_hidden()
    expect(tab.page.locator("#no-recorder")).to_be_visible()
    expect(tab.page.locator("#no-recorder")).to_have_text("Your browser cannot record audio. Please type your answer.")
    expect(tab.page.locator("#mic-check-button")).to_be_disabled()

    # and typing works: the draft saves and the answer is taken as text
    type_and_save(tab, FOURTH_ANSWER)
    press(tab, "#submit-answer")
    expect(tab.page.locator("#given-answer")).to_have_text(FOURTH_ANSWER)
    tab.assert_clean()
    close_question_page(tab, hr, session.pk)
    answer = Answer.objects.get(session=session, order=1)
    assert (answer.status, answer.mode, answer.text) == ("answered", "text", FOURTH_ANSWER)
