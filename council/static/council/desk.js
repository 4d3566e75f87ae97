// A check-in desk (a shift's or a forum's): scans (camera or typed code) are sent at once; when the connection is
// lost they are kept on this device with the time they were made and sent when it is back.
// A scan shown as "saved" is in localStorage before the message appears, so it is not lost
// by a reload either. Without this script the form posts and the page reloads.
(function () {
  "use strict";
  const desk = document.querySelector(".desk[data-scan-url]");
  if (!desk) return;
  const form = desk.querySelector(".scan-form");
  const codeInput = form.querySelector("input[name=code]");
  const result = desk.querySelector("[data-result]");
  const pending = desk.querySelector("[data-pending]");
  const cameraButton = desk.querySelector("[data-camera]");
  const video = desk.querySelector("[data-video]");
  const storeKey = "council-check-in-queue-" + desk.dataset.shift;
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  function queue() {
    try { return JSON.parse(localStorage.getItem(storeKey) || "[]"); } catch (e) { return []; }
  }
  function save(items) { localStorage.setItem(storeKey, JSON.stringify(items)); showPending(); }
  function showPending() {
    const items = queue();
    pending.hidden = items.length === 0;
    // How many wait, then which: "Waiting to be sent (2): A1B2C3, D4E5F6".
    pending.textContent = desk.dataset.textPending.replace(/:\s*$/, "") + " (" + items.length + "): " +
      items.map((item) => item.code || item.label).join(", ");
  }
  function say(text, ok) {
    result.textContent = text;
    result.className = "scan-result " + (ok ? "ok" : "error");
  }
  function updateCounts(counts) {
    if (!counts) return;
    Object.keys(counts).forEach((name) => {
      const cell = desk.querySelector('[data-count="' + name + '"]');
      if (cell) cell.textContent = counts[name];
    });
  }
  // The server sends the volunteer's row of the roster as it now reads (checked in, or
  // checked out with the hours): it replaces the row on the page.
  function updateRow(data) {
    if (!data.row || !data.application) return;
    const old = desk.querySelector('[data-roster] [data-application="' + data.application + '"]');
    if (!old) return;
    const template = document.createElement("template");
    template.innerHTML = data.row.trim();
    if (template.content.firstElementChild) old.replaceWith(template.content.firstElementChild);
  }

  async function send(item) {
    const body = new FormData();
    body.append("csrfmiddlewaretoken", csrf);
    body.append("action", item.action);
    body.append("code", item.code || "");
    if (item.application) body.append("application", item.application);
    body.append("at", item.at);
    const response = await fetch(desk.dataset.scanUrl, {
      method: "POST",
      body: body,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    // A network failure throws above, and so does a server error (5xx): the scan stays on
    // the device and is sent again. A 4xx answer (an unknown code, say) is final.
    if (response.status >= 500) throw new Error("server error " + response.status);
    const data = await response.json().catch(() => ({ ok: false, errors: [response.statusText] }));
    return data;
  }

  // One flush at a time: the timer, the "online" event and a new scan may all start one.
  let flushing = false;
  async function flush() {
    if (flushing) return;
    flushing = true;
    try {
      let items = queue();
      while (items.length) {
        const item = items[0];
        let data;
        try { data = await send(item); } catch (e) { return; }
        items = queue().filter((other) => other.id !== item.id);
        save(items);
        if (data.ok) { say(data.message, true); updateCounts(data.counts); updateRow(data); }
        else { say((item.code || item.label) + ": " + (data.errors || []).join(" "), false); }
      }
    } finally {
      flushing = false;
    }
  }

  function chosenAction() {
    const choice = form.querySelector("input[name=action]:checked") || form.querySelector("input[name=action]");
    return choice ? choice.value : "in";
  }

  // A scan is a typed or scanned code, or a button on a volunteer's row (the application).
  async function scan(code, action, application, label) {
    const item = {
      id: Date.now() + "-" + Math.random().toString(36).slice(2),
      action: action,
      code: (code || "").trim().toUpperCase(),
      application: application || "",
      label: label || "",
      at: new Date().toISOString(),
    };
    if (!item.code && !item.application) return;
    const name = item.code || item.label;
    save(queue().concat([item]));
    if (flushing) { say(name + ": " + desk.dataset.textQueued, true); return; }
    let data;
    try {
      data = await send(item);
    } catch (e) {
      say(name + ": " + desk.dataset.textQueued, true);
      return;
    }
    save(queue().filter((other) => other.id !== item.id));
    if (data.ok) { say(data.message, data.counted); updateCounts(data.counts); updateRow(data); }
    else { say((data.errors || []).join(" "), false); }
    flush();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    scan(codeInput.value, chosenAction());
    codeInput.value = "";
    codeInput.focus();
  });
  const roster = desk.querySelector("[data-roster]");
  if (roster) {
    roster.addEventListener("submit", (event) => {
      const rowForm = event.target;
      const row = rowForm.closest("[data-application]");
      if (!row) return;
      event.preventDefault();
      const label = row.querySelector("span") ? row.querySelector("span").textContent : "";
      scan("", rowForm.querySelector("input[name=action]").value, row.dataset.application, label);
    });
  }
  window.addEventListener("online", flush);
  setInterval(flush, 15000);
  // Other desks check people in too: the counters are read again every ten seconds.
  if (desk.dataset.countsUrl) {
    setInterval(async () => {
      if (document.hidden) return;
      try {
        const response = await fetch(desk.dataset.countsUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" });
        if (response.ok) updateCounts(await response.json());
      } catch (e) { /* offline: the next round tries again */ }
    }, 10000);
  }
  showPending();
  flush();

  // The camera: the browser's own barcode detector where there is one, jsQR otherwise.
  if (!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia)) return;
  cameraButton.hidden = false;
  let last = "";
  let lastAt = 0;
  cameraButton.addEventListener("click", async () => {
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    } catch (e) {
      say(desk.dataset.textCameraOff, false);
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    await video.play();
    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d", { willReadFrequently: true });
    const detector = "BarcodeDetector" in window ? new window.BarcodeDetector({ formats: ["qr_code"] }) : null;
    async function tick() {
      if (video.readyState >= 2) {
        let text = "";
        if (detector) {
          const codes = await detector.detect(video).catch(() => []);
          text = codes.length ? codes[0].rawValue : "";
        } else if (window.jsQR) {
          canvas.width = video.videoWidth;
          canvas.height = video.videoHeight;
          context.drawImage(video, 0, 0);
          const image = context.getImageData(0, 0, canvas.width, canvas.height);
          const found = window.jsQR(image.data, image.width, image.height);
          text = found ? found.data : "";
        }
        // The same code held in front of the camera is one scan, not one per frame.
        if (text && (text !== last || Date.now() - lastAt > 5000)) {
          last = text;
          lastAt = Date.now();
          scan(text, chosenAction());
        }
      }
      requestAnimationFrame(tick);
    }
    tick();
  });
})();
