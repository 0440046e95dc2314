/* Weerbaar Bestuur chat widget. Embed with one tag:
 *   <script src="https://…/widget.js" data-server="https://rasa.example" defer></script>
 * Optional: data-exit-url (quick exit target), data-target (CSS selector to mount in).
 * Talks to Rasa's socket.io channel. Bot and user text only ever become text nodes. */
(function () {
  "use strict";
  // Fallback contact when the bot cannot be reached. Must equal knowledge/contacts.yml
  // (ondersteuningsteam); tests/unit/test_web_app.py checks it.
  var OT_PHONE = "070 - 373 83 14";
  var OT_TEL = "+31703738314";
  var KEY_SESSION = "wb-chat-session";
  var KEY_LOG = "wb-chat-transcript";
  var MAX_ENTRIES = 200;
  var CONNECT_WAIT_MS = 8000;
  var TYPING_MAX_MS = 20000;

  var script = document.currentScript;
  var base = new URL(".", script.src);
  var server = script.getAttribute("data-server") || base.origin;
  var exitUrl = script.getAttribute("data-exit-url") || new URL("neutraal.html", base).href;
  var mountSelector = script.getAttribute("data-target");

  var socket = null, ready = false, offlineTimer = null, typingTimer = null;
  var ui = {};

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function store(key, value) {
    try {
      if (value === null) sessionStorage.removeItem(key);
      else sessionStorage.setItem(key, value);
    } catch (e) { /* storage blocked: the chat still works, without history */ }
  }

  function load(key) {
    try { return sessionStorage.getItem(key); } catch (e) { return null; }
  }

  function transcript() {
    try { return JSON.parse(load(KEY_LOG) || "[]"); } catch (e) { return []; }
  }

  function isWebUrl(text) {
    try { return /^https?:$/.test(new URL(text).protocol); } catch (e) { return false; }
  }

  // Text with line breaks and http(s) links; everything else stays plain text.
  function appendRich(parent, text) {
    text.split("\n").forEach(function (line, i) {
      if (i > 0) parent.appendChild(el("br"));
      var re = /https?:\/\/[^\s<>"']+/g, last = 0, m;
      while ((m = re.exec(line)) !== null) {
        var url = m[0].replace(/[.,;:!?)]+$/, "");
        parent.appendChild(document.createTextNode(line.slice(last, m.index)));
        parent.appendChild(isWebUrl(url)
          ? el("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, url)
          : document.createTextNode(url));
        last = m.index + url.length;
      }
      parent.appendChild(document.createTextNode(line.slice(last)));
    });
  }

  function render(entry) {
    var item = el("div", { "class": "wb-msg wb-" + entry.from });
    item.appendChild(el("span", { "class": "wb-visually-hidden" },
      entry.from === "user" ? "Jij: " : "Chatbot: "));
    appendRich(item, entry.text || "");
    ui.log.appendChild(item);
    if (entry.buttons && entry.buttons.length) {
      var group = el("div", { "class": "wb-buttons", role: "group", "aria-label": "Kies een antwoord" });
      entry.buttons.forEach(function (b) {
        var button = el("button", { type: "button", "class": "wb-choice" }, b.title);
        button.addEventListener("click", function () { send(b.payload, b.title); });
        group.appendChild(button);
      });
      ui.log.appendChild(group);
    }
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  function add(entry) {
    var log = transcript();
    log.push(entry);
    store(KEY_LOG, JSON.stringify(log.slice(-MAX_ENTRIES)));
    render(entry);
  }

  // Old choices no longer apply once the user answers; drop them from page and storage.
  function dropChoices() {
    Array.prototype.forEach.call(ui.log.querySelectorAll(".wb-buttons"), function (g) { g.remove(); });
    store(KEY_LOG, JSON.stringify(transcript().map(function (e) { return { from: e.from, text: e.text }; })));
  }

  function typing(on) {
    ui.typing.hidden = !on;
    clearTimeout(typingTimer);
    if (on) typingTimer = setTimeout(function () { typing(false); }, TYPING_MAX_MS);
  }

  function offline(on) {
    ui.offline.hidden = !on;
    if (on) typing(false);
  }

  function send(message, shown) {
    if (!ready) { offline(true); return false; }
    dropChoices();
    add({ from: "user", text: shown });
    socket.emit("user_uttered", { message: message, session_id: load(KEY_SESSION) });
    typing(true);
    ui.input.focus();
    return true;
  }

  function connect() {
    ready = false;
    // WebSocket only: one connection stays with one Rasa worker, so several workers (RASA_WORKERS)
    // need no sticky sessions, which socket.io's HTTP long-polling would.
    var own = window.io(server, { transports: ["websocket"], reconnectionDelayMax: 10000,
                                  timeout: CONNECT_WAIT_MS });
    socket = own;
    offlineTimer = setTimeout(function () { if (!ready) offline(true); }, CONNECT_WAIT_MS);
    own.on("connect", function () {
      own.emit("session_request", { session_id: load(KEY_SESSION) });
    });
    own.on("session_confirm", function (id) {
      if (own !== socket) return;
      store(KEY_SESSION, typeof id === "string" ? id : id.session_id);
      ready = true;
      clearTimeout(offlineTimer);
      offline(false);
    });
    own.on("bot_uttered", function (msg) {
      if (own !== socket || !msg || (!msg.text && !msg.quick_replies)) return;
      typing(false);
      var buttons = (msg.quick_replies || msg.buttons || []).map(function (b) {
        return { title: String(b.title), payload: String(b.payload) };
      });
      add({ from: "bot", text: String(msg.text || ""), buttons: buttons });
    });
    own.on("connect_error", function () { if (own === socket) { ready = false; offline(true); } });
    own.on("disconnect", function () { if (own === socket) { ready = false; offline(true); } });
  }

  // Ask the bot to forget the old session (its reply is not shown), then start a new one.
  function clearConversation() {
    var old = socket, oldId = load(KEY_SESSION);
    socket = null;
    ready = false;
    store(KEY_SESSION, null);
    store(KEY_LOG, null);
    ui.log.textContent = "";
    typing(false);
    if (old && old.connected && oldId) {
      old.timeout(3000).emit("user_uttered", { message: "/forget_conversation", session_id: oldId },
        function () { old.close(); });
    } else if (old) {
      old.close();
    }
    ui.status.textContent = "Het gesprek is gewist.";
    connect();
    ui.input.focus();
  }

  function quickExit() {
    try { sessionStorage.clear(); } catch (e) { /* nothing stored */ }
    if (socket) socket.close();
    window.location.replace(exitUrl);
  }

  function fallbackText(parent) {
    parent.appendChild(document.createTextNode(
      "De chatbot is nu niet bereikbaar. Praat je liever met een mens? Bel het Ondersteuningsteam " +
      "Weerbaar Bestuur, dag en nacht: "));
    parent.appendChild(el("a", { href: "tel:" + OT_TEL }, OT_PHONE));
    parent.appendChild(document.createTextNode(". Direct gevaar? Bel "));
    parent.appendChild(el("a", { href: "tel:112" }, "112"));
    parent.appendChild(document.createTextNode("."));
  }

  function build() {
    var root = el("section", { "class": "wb-chat", "aria-labelledby": "wb-title" });
    var head = el("div", { "class": "wb-head" });
    head.appendChild(el("h2", { id: "wb-title" }, "Chat over agressie en intimidatie"));
    var exit = el("button", { type: "button", "class": "wb-exit" }, "Snel weg");
    exit.setAttribute("aria-label", "Snel weg: verlaat deze pagina en wis de chat in dit tabblad");
    exit.addEventListener("click", quickExit);
    head.appendChild(exit);
    root.appendChild(head);

    var danger = el("p", { "class": "wb-danger" });
    danger.appendChild(el("strong", {}, "Direct gevaar? Bel "));
    danger.lastChild.appendChild(el("a", { href: "tel:112" }, "112"));
    root.appendChild(danger);
    root.appendChild(el("p", { "class": "wb-privacy" },
      "Je praat met een chatbot, niet met een mens of de politie. Deel alleen wat nodig is. " +
      "Dit tabblad onthoudt het gesprek tot je het sluit. De chatbot bewaart het ook een tijd " +
      "op de server. Met \u201cGesprek wissen\u201d wis je het op beide plekken. " +
      "De chat gebruikt geen cookies."));

    ui.log = el("div", { "class": "wb-log", role: "log", "aria-live": "polite",
      "aria-label": "Gesprek met de chatbot", tabindex: "0" });
    root.appendChild(ui.log);
    ui.typing = el("p", { "class": "wb-typing", hidden: "" }, "De chatbot typt…");
    root.appendChild(ui.typing);
    ui.offline = el("p", { "class": "wb-offline", role: "alert", hidden: "" });
    fallbackText(ui.offline);
    root.appendChild(ui.offline);
    ui.status = el("p", { "class": "wb-visually-hidden", role: "status" });
    root.appendChild(ui.status);

    var form = el("form", { "class": "wb-form" });
    form.appendChild(el("label", { "for": "wb-input" }, "Je bericht"));
    var row = el("div", { "class": "wb-row" });
    ui.input = el("input", { id: "wb-input", type: "text", autocomplete: "off", maxlength: "1000" });
    row.appendChild(ui.input);
    row.appendChild(el("button", { type: "submit", "class": "wb-send" }, "Verstuur"));
    form.appendChild(row);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = ui.input.value.trim();
      if (text && send(text, text)) ui.input.value = "";
    });
    root.appendChild(form);
    var clear = el("button", { type: "button", "class": "wb-clear" }, "Gesprek wissen");
    clear.addEventListener("click", clearConversation);
    root.appendChild(clear);

    var target = mountSelector && document.querySelector(mountSelector);
    (target || document.body).appendChild(root);
    transcript().forEach(render);
  }

  function start() {
    document.head.appendChild(el("link", { rel: "stylesheet", href: new URL("widget.css", base).href }));
    build();
    if (window.io) { connect(); return; }
    var lib = el("script", { src: new URL("vendor/socket.io.min.js", base).href });
    lib.addEventListener("load", connect);
    lib.addEventListener("error", function () { offline(true); });
    document.head.appendChild(lib);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
