/* Editing helpers for the admin forms: tag suggestions and a live character count. Progressive enhancement. */
(function () {
  "use strict";
  var SEPARATORS = /[，、,;；]/;

  function lastToken(value) {
    var parts = value.split(SEPARATORS);
    return parts[parts.length - 1].trim();
  }

  function setupTagInput(input) {
    var url = input.getAttribute("data-suggest-url");
    var list = document.createElement("ul");
    list.className = "tag-suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.setAttribute("autocomplete", "off");
    input.insertAdjacentElement("afterend", list);
    var timer = null;

    function choose(name) {
      var value = input.value;
      var cut = Math.max(value.lastIndexOf("，"), value.lastIndexOf("、"), value.lastIndexOf(","),
        value.lastIndexOf(";"), value.lastIndexOf("；"));
      input.value = value.slice(0, cut + 1) + name + "，";
      list.hidden = true;
      input.focus();
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      var token = lastToken(input.value);
      if (!token) { list.hidden = true; return; }
      timer = setTimeout(function () {
        fetch(url + "?q=" + encodeURIComponent(token), { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : { tags: [] }; })
          .then(function (data) {
            list.textContent = "";
            data.tags.forEach(function (name) {
              var item = document.createElement("li");
              var button = document.createElement("button");
              button.type = "button";
              button.textContent = name;
              button.addEventListener("click", function () { choose(name); });
              item.appendChild(button);
              list.appendChild(item);
            });
            list.hidden = data.tags.length === 0;
          });
      }, 200);
    });
  }

  function setupCounter(textarea) {
    var output = document.createElement("p");
    output.className = "help character-count";
    output.setAttribute("aria-live", "polite");
    var row = textarea.closest(".form-row") || textarea.parentNode;
    row.appendChild(output);

    function count() {
      var editor = row.querySelector(".ProseMirror[contenteditable]");
      var text = editor ? editor.textContent : textarea.value.replace(/<[^>]*>/g, "");
      var characters = text.replace(/\s+/g, "").length;
      output.textContent = textarea.getAttribute("data-count-label") + characters;
    }
    row.addEventListener("input", count);
    row.addEventListener("keyup", count);
    setTimeout(count, 500);
  }

  // The rich-text editors announce themselves when ready; keep each one with its textarea.
  document.addEventListener("prose-editor:ready", function (event) {
    event.detail.textarea.proseEditor = event.detail.editor;
  });

  function insertImage(textarea, url) {
    var editor = textarea.proseEditor;
    if (!editor) { return false; }
    var alt = window.prompt(textarea.getAttribute("data-alt-prompt"), "") || "";
    editor.chain().focus().setImage({ src: url, alt: alt.trim() }).run();
    return true;
  }

  function setupUpload(textarea) {
    var url = textarea.getAttribute("data-upload-url");
    var row = textarea.closest(".form-row") || textarea.parentNode;
    var input = document.createElement("input");
    input.type = "file";
    input.accept = "image/jpeg,image/png,image/gif,image/webp";
    input.hidden = true;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.textContent = textarea.getAttribute("data-upload-label");
    var status = document.createElement("p");
    status.className = "help upload-status";
    status.setAttribute("aria-live", "polite");
    button.addEventListener("click", function () { input.click(); });
    input.addEventListener("change", function () {
      if (!input.files.length) { return; }
      var data = new FormData();
      data.append("file", input.files[0]);
      var token = document.querySelector("[name=csrfmiddlewaretoken]");
      fetch(url, { method: "POST", body: data, credentials: "same-origin",
                   headers: { "X-CSRFToken": token ? token.value : "" } })
        .then(function (response) { return response.json(); })
        .then(function (result) {
          if (result.url) {
            insertImage(textarea, result.url);
            status.textContent = textarea.getAttribute("data-uploaded-label") + result.url;
            if (navigator.clipboard) { navigator.clipboard.writeText(result.url).catch(function () {}); }
          } else {
            status.textContent = result.error;
          }
          input.value = "";
        });
    });
    row.appendChild(button);
    row.appendChild(input);
    row.appendChild(status);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-upload-url]").forEach(setupUpload);
    document.querySelectorAll("input[data-suggest-url]").forEach(setupTagInput);
    document.querySelectorAll("textarea[data-character-count]").forEach(setupCounter);
  });
})();
