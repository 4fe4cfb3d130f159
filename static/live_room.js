// The live room of a meeting: the round, the raised hands, who has the floor, the speaking
// timer and the agenda item under way, kept up to date over the room's socket
// (/ws/meetings/<id>/live/, docs/realtime.md). Every word comes from the page, in the member's
// language. The countdown is computed from the server's time, so everyone sees the same one.

const CLOSED_FOR_GOOD = new Set([4401, 4403, 4404]);
const MAX_DELAY_SECONDS = 30;

function say(template, values) {
  return template.replace(/%\((\w+)\)s/g, (_match, name) => String(values[name] ?? ""));
}

function twoDigits(number) {
  return String(number).padStart(2, "0");
}

function clock(milliseconds) {
  const seconds = Math.max(0, Math.ceil(milliseconds / 1000));
  return `${Math.floor(seconds / 60)}:${twoDigits(seconds % 60)}`;
}

function fill(list, people, describe) {
  list.replaceChildren(...people.map((person, index) => {
    const item = document.createElement("li");
    item.textContent = describe ? describe(person) : person.pseudonym;
    if (index === 0 && list.dataset.live === "round-queue") item.classList.add("live-current");
    return item;
  }));
}

class LiveRoom {
  constructor(root) {
    this.root = root;
    this.words = root.dataset;
    this.display = "display" in root.dataset;
    this.me = Number(root.dataset.me);
    this.state = null;
    this.offset = 0; // server time minus this device's time, in milliseconds
    this.attempts = 0;
    this.speakerId = undefined;
    this.chimed = new Set();
    this.audio = null;
    this.part = (name) => root.querySelector(`[data-live="${name}"]`);
    for (const button of root.querySelectorAll("[data-send]")) {
      button.addEventListener("click", () => this.send(button.dataset.send));
    }
    const sound = this.part("sound");
    if (sound) sound.addEventListener("change", () => this.soundSwitched(sound.checked));
    window.setInterval(() => this.tick(), 250);
    this.connect();
  }

  connect() {
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    this.setConnection(this.words.wordConnecting);
    this.socket = new WebSocket(`${scheme}://${window.location.host}${this.root.dataset.socket}`);
    this.socket.addEventListener("open", () => {
      this.attempts = 0;
      this.setConnection(this.words.wordConnected);
    });
    this.socket.addEventListener("message", (event) => this.receive(JSON.parse(event.data)));
    this.socket.addEventListener("close", (event) => this.closed(event.code));
  }

  closed(code) {
    this.showControls(false);
    if (CLOSED_FOR_GOOD.has(code)) {
      this.setConnection(code === 4403 && this.state ? this.words.wordClosed : this.words.wordRefused);
      return;
    }
    // Exponential back-off with jitter, so that a room full of people does not come back at once.
    const ceiling = Math.min(MAX_DELAY_SECONDS, 2 ** this.attempts);
    const seconds = Math.max(1, Math.round(ceiling * (0.5 + Math.random() / 2)));
    this.attempts += 1;
    this.setConnection(say(this.words.wordRetrying, { seconds }));
    window.setTimeout(() => this.connect(), seconds * 1000);
  }

  setConnection(words) {
    const connection = this.part("connection");
    if (connection) connection.textContent = words;
    this.root.dataset.connection = words === this.words.wordConnected ? "open" : "closed";
  }

  showControls(shown) {
    for (const controls of this.root.querySelectorAll("[data-controls]")) controls.hidden = !shown;
  }

  send(type) {
    const frame = { type };
    if (type === "timer_start") frame.seconds = Number(this.part("minutes").value);
    if (type === "agenda_set") frame.item_id = Number(this.part("items").value);
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.part("error").textContent = "";
      this.socket.send(JSON.stringify(frame));
    }
  }

  receive(frame) {
    if (frame.type === "error") {
      this.part("error").textContent = frame.message;
      return;
    }
    if (frame.type !== "state") return;
    if (this.state && frame.version < this.state.version) return;
    this.offset = Date.parse(frame.server_now) - Date.now();
    if (frame.you && frame.you.id) this.me = frame.you.id;
    this.state = frame;
    this.render();
    this.showControls(!this.display);
  }

  render() {
    const state = this.state;
    this.renderFloor(state.speaker);
    this.part("item").textContent = state.item ? state.item.text : this.words.wordNoItem;
    const choice = this.part("items");
    if (choice) {
      const chosen = choice.value;
      choice.replaceChildren(...state.items.map((item) => new Option(item.text, String(item.id))));
      if (chosen) choice.value = chosen;
    }
    const round = state.round;
    this.part("round-state").textContent = !round ? this.words.wordNoRound
      : round.queue.length ? "" : this.words.wordRoundOver;
    fill(this.part("round-queue"), round ? round.queue : []);
    this.part("round-done").textContent = round
      ? round.done.map((person) => person.passed ? `${person.pseudonym} (${this.words.wordPassed})` : person.pseudonym)
        .join(", ")
      : "";
    const hands = this.part("hands");
    fill(hands, state.hands);
    if (!state.hands.length) {
      const none = document.createElement("li");
      none.textContent = this.words.wordNoHands;
      hands.replaceChildren(none);
    }
    const speaking = round && round.queue.length && round.queue[0].id === this.me;
    const handUp = state.hands.some((hand) => hand.id === this.me);
    const givesFloor = Boolean(state.you && state.you.gives_floor);
    for (const button of this.root.querySelectorAll("[data-when]")) {
      const when = button.dataset.when;
      button.hidden = when === "turn" ? !(round && round.queue.length && (speaking || givesFloor))
        : when === "hand-up" ? !handUp : handUp;
    }
    this.tick();
  }

  renderFloor(speaker) {
    // The status region is written only when the floor changes: that is what is announced.
    const id = speaker ? speaker.id : null;
    if (id === this.speakerId) return;
    this.speakerId = id;
    this.part("floor").textContent = speaker ? say(this.words.wordFloor, { name: speaker.pseudonym })
      : this.words.wordNobody;
  }

  tick() {
    if (!this.state) return;
    const timer = this.state.timer;
    const shown = this.part("timer");
    const owner = this.part("timer-for");
    shown.classList.remove("live-timer-ended");
    if (!timer) {
      shown.textContent = this.words.wordNoTimer;
      owner.textContent = "";
      return;
    }
    owner.textContent = timer.member ? say(this.words.wordTimerFor, { name: timer.member.pseudonym }) : "";
    const ends = Date.parse(timer.ends_at);
    if (timer.stopped_at) {
      shown.textContent = `${clock(ends - Date.parse(timer.stopped_at))} · ${this.words.wordStopped}`;
      return;
    }
    const left = ends - (Date.now() + this.offset);
    if (left > 0) {
      shown.textContent = clock(left);
      return;
    }
    shown.textContent = `0:00 · ${this.words.wordTimeUp}`;
    shown.classList.add("live-timer-ended");
    // Once per timer, and only for one that ended just now, not long before this page opened.
    if (!this.chimed.has(timer.started_at) && left > -5000) {
      this.chimed.add(timer.started_at);
      this.chime();
    }
  }

  soundSwitched(on) {
    // Browsers let sound start only from a gesture: the switch itself.
    if (on && !this.audio && window.AudioContext) this.audio = new window.AudioContext();
    if (this.audio) (on ? this.audio.resume() : this.audio.suspend()).catch(() => {});
    this.soundOn = on;
  }

  chime() {
    if (!this.soundOn || !this.audio) return;
    // Two soft sine notes that fade in and out: a bell, not an alarm.
    const start = this.audio.currentTime;
    for (const [offset, pitch] of [[0, 660], [0.35, 880]]) {
      const note = this.audio.createOscillator();
      const volume = this.audio.createGain();
      note.type = "sine";
      note.frequency.value = pitch;
      volume.gain.setValueAtTime(0.0001, start + offset);
      volume.gain.exponentialRampToValueAtTime(0.15, start + offset + 0.05);
      volume.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.9);
      note.connect(volume).connect(this.audio.destination);
      note.start(start + offset);
      note.stop(start + offset + 1);
    }
  }
}

for (const root of document.querySelectorAll("[data-live-room]")) new LiveRoom(root);
