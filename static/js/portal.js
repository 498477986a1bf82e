// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("submit", (event) => {
  // Destructive forms ask once more; the server keeps its own confirmation page for no-JS users.
  const message = event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) event.preventDefault();
});
