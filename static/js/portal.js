// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("submit", (event) => {
  // Destructive forms ask once more; the server keeps its own confirmation page for no-JS users.
  const message = event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) event.preventDefault();
});

document.addEventListener("change", (event) => {
  // A select marked data-autosubmit (the language switch) sends its form at once; the button serves no-JS users.
  if (event.target.matches("[data-autosubmit]") && event.target.form) event.target.form.submit();
});
