// The rich-text editor on every <textarea class="rich-text">: TinyMCE, served from static/.
// The HTML it produces is sanitised again on the server when saved.
(function () {
  if (!window.tinymce || !document.querySelector("textarea.rich-text")) return;
  const lang = document.documentElement.lang || "nl";
  window.tinymce.init({
    selector: "textarea.rich-text",
    license_key: "gpl",
    promotion: false,
    branding: false,
    menubar: false,
    plugins: "lists link table autoresize",
    toolbar: "undo redo | blocks | bold italic | bullist numlist | link table | removeformat",
    block_formats: "Paragraph=p; Heading 2=h2; Heading 3=h3; Heading 4=h4",
    content_langs: [{ title: "Nederlands", code: "nl" }, { title: "Français", code: "fr" }, { title: "English", code: "en" }],
    language_url: undefined,
    document_base_url: "/",
    relative_urls: false,
    min_height: 260,
    // Keep the textarea in step, so a plain form submit (and the tests) carry the text.
    setup: (editor) => {
      editor.on("change input undo redo", () => editor.save());
    },
    iframe_aria_text: lang === "fr" ? "Éditeur de texte" : lang === "en" ? "Text editor" : "Teksteditor",
  });
})();
