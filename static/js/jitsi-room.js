// The meeting room, embedded with Jitsi's IFrame API: the server, room and token come from the page.
(function () {
  "use strict";
  function start() {
    var node = document.getElementById("jitsi-room");
    if (!node || typeof window.JitsiMeetExternalAPI !== "function") { return; }
    new window.JitsiMeetExternalAPI(node.dataset.domain, {
      roomName: node.dataset.room,
      jwt: node.dataset.jwt,
      parentNode: node,
      width: "100%",
      height: 600,
      userInfo: { displayName: node.dataset.name }
    });
  }
  window.addEventListener("load", start);
})();
