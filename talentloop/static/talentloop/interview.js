// TalentLoop interview page: timers in server time, autosave, voice answers, focus events.
// The page works without this script (plain forms); this adds what only a browser can do.
(function () {
  "use strict";
  var root = document.getElementById("interview");
  if (!root) return;
  var data = root.dataset;
  var order = parseInt(data.order || "0", 10);
  var loadedAt = Date.now();
  var secondsLeft = data.secondsLeft === "" ? null : parseFloat(data.secondsLeft);
  var deadline = secondsLeft === null ? null : loadedAt + secondsLeft * 1000;
  // Set while the page replaces itself (one of its forms, or a reload of its own): unloading hides the document,
  // and that is not the candidate leaving the page.
  var navigating = false;
  document.addEventListener("submit", function () { navigating = true; });

  function continuePage() {
    // Reload without logging a "resumed" event: the page is only following its own clock.
    navigating = true;
    window.location.assign(window.location.pathname + "?continue=1");
  }

  function post(url, body, options) {
    var init = Object.assign({ method: "POST", credentials: "same-origin" }, options || {});
    if (body instanceof FormData) {
      init.body = body;
    } else {
      init.headers = { "Content-Type": "application/json", "Accept": "application/json" };
      init.body = JSON.stringify(body);
    }
    return fetch(url, init).then(function (response) {
      if (response.status === 204) return {};
      return response.json().then(function (json) {
        if (!response.ok) {
          var error = new Error((json.error && json.error.message) || response.statusText);
          error.status = response.status;
          error.payload = json.error || {};
          throw error;
        }
        return json;
      });
    });
  }

  // --- timer --------------------------------------------------------------------------------------------------
  var timer = document.getElementById("timer");
  var timeUp = document.getElementById("time-up");
  function tick() {
    if (!timer || deadline === null) return;
    var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    timer.textContent = String(left);
    if (left <= 0) {
      if (timer.dataset.kind === "preparing") {
        // The server starts the answer clock when preparation ends; show it.
        continuePage();
        return;
      }
      if (timeUp) timeUp.hidden = false;
      return;
    }
    window.setTimeout(tick, 250);
  }
  tick();

  // --- autosave -----------------------------------------------------------------------------------------------
  var textarea = document.getElementById("id_text");
  var revisionInput = document.getElementById("id_revision");
  var saveStatus = document.getElementById("save-status");
  var form = document.getElementById("answer-form");
  var revision = parseInt(data.revision || "0", 10);
  var savedText = textarea ? textarea.value : "";
  var saving = null;
  var conflicted = false;

  function setStatus(text, isError) {
    if (!saveStatus) return;
    saveStatus.textContent = text;
    saveStatus.classList.toggle("error", !!isError);
  }

  function save(keepalive) {
    if (!textarea || conflicted) return Promise.resolve();
    if (saving) return saving;
    var text = textarea.value;
    if (text === savedText) return Promise.resolve();
    setStatus(data.msgSaving, false);
    saving = post(data.draftUrl, { order: order, text: text, revision: revision }, keepalive ? { keepalive: true } : {})
      .then(function (result) {
        if (result.status === "answering" && timer && timer.dataset.kind === "preparing") {
          // Typing during preparation starts the answer clock on the server; follow it.
          timer.dataset.kind = "answering";
          deadline = Date.now() + result.seconds_left * 1000;
          var label = document.getElementById("timer-label");
          if (label) label.textContent = data.msgAnswerTime;
          var startForm = document.getElementById("start-form");
          if (startForm) startForm.hidden = true;
        }
        revision = result.draft_revision;
        if (revisionInput) revisionInput.value = String(revision);
        savedText = text;
        setStatus(data.msgSaved + " " + new Date().toLocaleTimeString(), false);
      })
      .catch(function (error) {
        if (error.status === 409) {
          conflicted = true;
          setStatus(data.msgConflict, true);
        } else if (error.status === 410 || error.status === 404) {
          continuePage();
        } else {
          setStatus(data.msgOffline, true);
        }
      })
      .finally(function () { saving = null; });
    return saving;
  }

  if (textarea) {
    window.setInterval(function () { save(false); }, 3000);
    textarea.addEventListener("blur", function () { save(false); });
    window.addEventListener("pagehide", function () { save(true); });
  }
  if (form) {
    form.addEventListener("submit", function (event) {
      if (!textarea || textarea.value === savedText) return;
      event.preventDefault();
      save(false).then(function () { form.submit(); });
    });
  }

  // --- focus --------------------------------------------------------------------------------------------------
  var focused = !document.hidden;
  function focusChanged(nowFocused) {
    if (nowFocused === focused || navigating) return;
    focused = nowFocused;
    post(data.eventsUrl, { kind: nowFocused ? "focus_regained" : "focus_lost" }, { keepalive: true }).catch(function () {});
  }
  document.addEventListener("visibilitychange", function () { focusChanged(!document.hidden); });
  window.addEventListener("blur", function () { focusChanged(false); });
  window.addEventListener("focus", function () { focusChanged(true); });

  // --- voice --------------------------------------------------------------------------------------------------
  var voicePanel = document.getElementById("voice-panel");
  var canRecord = !!(window.MediaRecorder && navigator.mediaDevices && navigator.mediaDevices.getUserMedia);
  if (voicePanel && !canRecord) {
    voicePanel.hidden = true;
    if (form) form.classList.remove("text-hidden");
    var note = document.createElement("p");
    note.className = "muted";
    note.id = "no-recorder";
    note.textContent = data.msgNoRecorder;
    voicePanel.parentNode.insertBefore(note, voicePanel);
  }
  var recordButton = document.getElementById("record-button");
  var stopButton = document.getElementById("stop-button");
  var againButton = document.getElementById("upload-again");
  var voiceStatus = document.getElementById("voice-status");
  var recorder = null;
  var chunks = [];
  var startedAt = 0;
  var pending = null;

  function upload() {
    if (!pending) return;
    voiceStatus.textContent = data.msgUploading;
    var body = new FormData();
    body.append("order", String(order));
    body.append("duration_seconds", String(pending.seconds));
    body.append("audio", pending.blob, "answer." + (pending.blob.type.indexOf("ogg") >= 0 ? "ogg" : "webm"));
    post(data.recordingUrl, body)
      .then(function () { pending = null; continuePage(); })
      .catch(function (error) {
        if (error.status === 409 || error.status === 410) {
          voiceStatus.textContent = error.message;
          pending = null;
          window.setTimeout(continuePage, 1500);
          return;
        }
        voiceStatus.textContent = (error.status === 400 ? error.message + " " : "") + data.msgUploadFailed;
        againButton.hidden = false;
      });
  }

  if (recordButton && canRecord) {
    recordButton.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
        chunks = [];
        recorder = new MediaRecorder(stream);
        recorder.addEventListener("dataavailable", function (event) { if (event.data.size) chunks.push(event.data); });
        recorder.addEventListener("stop", function () {
          stream.getTracks().forEach(function (track) { track.stop(); });
          pending = { blob: new Blob(chunks, { type: recorder.mimeType || "audio/webm" }), seconds: (Date.now() - startedAt) / 1000 };
          upload();
        });
        startedAt = Date.now();
        recorder.start(1000);
        recordButton.hidden = true;
        stopButton.hidden = false;
        voiceStatus.textContent = data.msgRecording;
      }).catch(function () { voiceStatus.textContent = data.msgMicFailed; });
    });
    stopButton.addEventListener("click", function () {
      stopButton.hidden = true;
      if (recorder && recorder.state !== "inactive") recorder.stop();
    });
    againButton.addEventListener("click", function () { againButton.hidden = true; upload(); });
  }

  // --- microphone check ---------------------------------------------------------------------------------------
  var micButton = document.getElementById("mic-check-button");
  var micStatus = document.getElementById("mic-check-status");
  if (micButton) {
    if (!canRecord) { micButton.disabled = true; micStatus.textContent = data.msgNoRecorder; }
    micButton.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
        var context = new (window.AudioContext || window.webkitAudioContext)();
        var analyser = context.createAnalyser();
        context.createMediaStreamSource(stream).connect(analyser);
        var samples = new Uint8Array(analyser.fftSize);
        var peak = 0;
        var until = Date.now() + 1500;
        (function measure() {
          analyser.getByteTimeDomainData(samples);
          for (var i = 0; i < samples.length; i++) peak = Math.max(peak, Math.abs(samples[i] - 128));
          if (Date.now() < until) { window.setTimeout(measure, 50); return; }
          stream.getTracks().forEach(function (track) { track.stop(); });
          context.close();
          var ok = peak > 2;
          micStatus.textContent = ok ? data.msgMicOk : data.msgMicFailed;
          post(data.eventsUrl, { kind: "microphone_checked", ok: ok }).catch(function () {});
        })();
      }).catch(function () {
        micStatus.textContent = data.msgMicFailed;
        post(data.eventsUrl, { kind: "microphone_checked", ok: false, reason: "permission" }).catch(function () {});
      });
    });
  }
})();
