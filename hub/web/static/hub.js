// Small progressive enhancements; every page works without this file.
// 1. Long exports and uploads: say that the file is being prepared (the browser's own
//    download bar then shows the progress), and stop a second click from starting another.
// 2. Revoking a device asks first.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var confirmText = form.getAttribute("data-confirm");
  if (confirmText && !window.confirm(confirmText)) {
    event.preventDefault();
    return;
  }
  var busyText = form.getAttribute("data-busy-text");
  if (!busyText) { return; }
  var status = form.querySelector(".busy");
  if (status) { status.textContent = busyText; }
  var button = form.querySelector("button[type=submit]");
  if (button) {
    button.setAttribute("aria-disabled", "true");
    // A download does not leave the page: let the button work again after a while.
    window.setTimeout(function () {
      button.removeAttribute("aria-disabled");
      if (status) { status.textContent = ""; }
    }, 8000);
  }
});
