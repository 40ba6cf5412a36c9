/* Contribution pages: send the film with tus-js-client (static/js/vendor/tus.min.js), in pieces that survive a
   weak connection, with a progress bar. Without JavaScript (or without tus support) the forms post the file
   themselves, for small files. */
(function () {
  "use strict";

  function csrfToken(form) {
    return form.querySelector("input[name=csrfmiddlewaretoken]").value;
  }

  function show(form, text) {
    var status = form.querySelector(".upload-status");
    form.querySelector(".upload-progress").hidden = false;
    status.textContent = text;
  }

  function sendFile(form, file, submission, next) {
    var bar = form.querySelector(".upload-progress progress");
    var failed = null;
    var upload = new tus.Upload(file, {
      endpoint: form.dataset.tusEndpoint,
      chunkSize: Number(form.dataset.chunkSize) || 4 * 1024 * 1024,
      retryDelays: [0, 1000, 2000, 4000, 8000, 15000, 30000, 60000],
      removeFingerprintOnSuccess: true,
      metadata: { filename: file.name, filetype: file.type, submission: String(submission) },
      headers: { "X-CSRFToken": csrfToken(form), "Accept-Language": form.dataset.language },
      onProgress: function (sent, total) {
        var percent = Math.floor((sent * 100) / total);
        bar.value = percent;
        show(form, form.dataset.progressText.replace("%s", percent));
      },
      onShouldRetry: function (error) {
        var status = error.originalResponse ? error.originalResponse.getStatus() : 0;
        if (status === 0 || status >= 500 || status === 409 || status === 423) {
          show(form, form.dataset.retryText);
          return true;
        }
        return false;
      },
      onError: function (error) {
        failed = upload;
        var body = error.originalResponse ? error.originalResponse.getBody() : "";
        show(form, form.dataset.errorText + " " + (body || form.dataset.retryText));
      },
      onSuccess: function () {
        bar.value = 100;
        window.location.assign(next);
      }
    });
    // A connection that stays away longer than the retries: start again (from the server's offset) when it is back.
    window.addEventListener("online", function () {
      if (failed) {
        failed = null;
        upload.start();
      }
    });
    upload.findPreviousUploads().then(function (previous) {
      if (previous.length) {
        upload.resumeFromPreviousUpload(previous[0]);
      }
      upload.start();
    });
  }

  function fileOf(form) {
    var input = form.querySelector("input[type=file][name=file]");
    return input && input.files.length ? input.files[0] : null;
  }

  function showErrors(form, errors) {
    var box = form.querySelector(".form-errors");
    box.textContent = "";
    Object.keys(errors).forEach(function (name) {
      errors[name].forEach(function (error) {
        var line = document.createElement("p");
        line.className = "error";
        line.textContent = error.message;
        box.appendChild(line);
      });
    });
    box.hidden = false;
    box.scrollIntoView();
  }

  function supported() {
    return typeof tus !== "undefined" && tus.isSupported && typeof fetch === "function";
  }

  var contribution = document.getElementById("contribution");
  if (contribution && supported()) {
    contribution.addEventListener("submit", function (event) {
      var file = fileOf(contribution);
      if (!file) {
        return;  // no file yet: the form posts as it is
      }
      event.preventDefault();
      var data = new FormData(contribution);
      data.delete("file");
      contribution.querySelector("button[type=submit]").disabled = true;
      fetch(contribution.action, {
        method: "POST", body: data, credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRFToken": csrfToken(contribution) }
      }).then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) {
            contribution.querySelector("button[type=submit]").disabled = false;
            showErrors(contribution, body.errors || {});
            return;
          }
          sendFile(contribution, file, body.submission, body.next);
        });
      });
    });
  }

  var again = document.getElementById("send-file");
  if (again && supported()) {
    again.addEventListener("submit", function (event) {
      var file = fileOf(again);
      if (!file) {
        return;
      }
      event.preventDefault();
      again.querySelector("button[type=submit]").disabled = true;
      sendFile(again, file, again.dataset.submission, window.location.href);
    });
  }
}());
