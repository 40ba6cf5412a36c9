/* The item admin's "Add files": on an item that exists already, the files go through the resumable upload
   endpoint (tus, static/js/vendor/tus.min.js) with a progress bar before the form is saved, so a weak connection
   does not start a large film over. Without JavaScript, or on a new item, the form posts the files itself. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";

  var ENDPOINT = "/contribute/tus/";
  var match = window.location.pathname.match(/\/archive\/item\/(\d+)\/change\/$/);
  var input = document.querySelector("input[type=file][name=new_files]");
  if (!match || !input || typeof tus === "undefined" || !tus.isSupported) {
    return;
  }
  var form = input.form;
  var item = match[1];
  var progress = document.createElement("progress");
  progress.max = 100;
  progress.value = 0;
  progress.hidden = true;
  progress.className = "upload-progress";
  var status = document.createElement("p");
  status.className = "upload-status";
  status.setAttribute("role", "status");
  input.parentNode.appendChild(progress);
  input.parentNode.appendChild(status);

  function sendAll(files, index, done) {
    if (index >= files.length) {
      done();
      return;
    }
    var file = files[index];
    var upload = new tus.Upload(file, {
      endpoint: ENDPOINT,
      chunkSize: 4 * 1024 * 1024,
      retryDelays: [0, 1000, 2000, 4000, 8000, 15000, 30000, 60000],
      removeFingerprintOnSuccess: true,
      metadata: { filename: file.name, filetype: file.type, item: item },
      headers: { "X-CSRFToken": form.querySelector("input[name=csrfmiddlewaretoken]").value },
      onProgress: function (sent, total) {
        progress.value = Math.floor((sent * 100) / total);
        status.textContent = file.name + ": " + progress.value + "% (" + (index + 1) + "/" + files.length + ")";
      },
      onError: function (error) {
        var body = error.originalResponse ? error.originalResponse.getBody() : String(error);
        status.textContent = file.name + ": " + body;
        form.querySelectorAll("[type=submit]").forEach(function (button) { button.disabled = false; });
      },
      onSuccess: function () {
        sendAll(files, index + 1, done);
      }
    });
    upload.findPreviousUploads().then(function (previous) {
      if (previous.length) {
        upload.resumeFromPreviousUpload(previous[0]);
      }
      upload.start();
    });
  }

  form.addEventListener("submit", function (event) {
    if (!input.files.length) {
      return;
    }
    event.preventDefault();
    var files = Array.prototype.slice.call(input.files);
    var submitter = event.submitter;
    form.querySelectorAll("[type=submit]").forEach(function (button) { button.disabled = true; });
    progress.hidden = false;
    sendAll(files, 0, function () {
      input.value = "";
      if (submitter && submitter.name) {
        var keep = document.createElement("input");
        keep.type = "hidden";
        keep.name = submitter.name;
        keep.value = submitter.value;
        form.appendChild(keep);
      }
      form.submit();
    });
  });
});
