/* scorer serve: the few behaviours htmx does not cover -- evidence marks in the
   report text, the review dialog, drag-and-drop upload. No external code. */
(function () {
  "use strict";

  function toast(message) {
    var t = document.getElementById("toast");
    if (!t) return;
    t.textContent = message;
    t.classList.add("show");
    clearTimeout(toast.timer);
    toast.timer = setTimeout(function () { t.classList.remove("show"); }, 3500);
  }

  /* ------------------------------------------------------------ evidence marks */

  var marks = null;
  var pieces = null;
  var currentItem = null;

  function loadMarks() {
    var el = document.getElementById("evidence-marks");
    if (!el) return;
    marks = JSON.parse(el.textContent);
    pieces = Array.prototype.map.call(document.querySelectorAll("#report-text [data-a]"), function (span) {
      return { el: span, a: +span.dataset.a, b: +span.dataset.b };
    });
  }

  function within(p, ranges) {
    for (var i = 0; i < ranges.length; i++) {
      if (ranges[i][0] <= p.a && p.b <= ranges[i][1]) return true;
    }
    return false;
  }

  function highlight(itemId, scrollToStart) {
    if (!marks) return;
    var all = marks[itemId] || [];
    /* marks with "v" are sentences where the item's phrase stood but a rule kept it from counting */
    var list = all.filter(function (m) { return !m.v; });
    var sentences = list.map(function (m) { return [m.s, m.e]; });
    var vetoed = all.filter(function (m) { return m.v; }).map(function (m) { return [m.s, m.e]; });
    var hits = [], sigs = [];
    list.forEach(function (m) { hits = hits.concat(m.hits); sigs = sigs.concat(m.sigs); });
    var first = null, firstVetoed = null, target = null;
    pieces.forEach(function (p) {
      var ev = within(p, sentences);
      var vt = !ev && within(p, vetoed);
      p.el.classList.toggle("ev", ev);
      p.el.classList.toggle("hit", ev && within(p, hits));
      p.el.classList.toggle("sig", ev && within(p, sigs));
      p.el.classList.toggle("vt", vt);
      if (ev && !first) first = p.el;
      if (vt && !firstVetoed) firstVetoed = p.el;
      if ((ev || vt) && scrollToStart !== undefined && p.a === scrollToStart && !target) target = p.el;
    });
    document.querySelectorAll(".item.current").forEach(function (el) { el.classList.remove("current"); });
    var card = document.querySelector('.item[data-item="' + CSS.escape(itemId) + '"]');
    if (card) card.classList.add("current");
    currentItem = itemId;
    var label = document.getElementById("current-item");
    if (label) {
      var more = vetoed.length ? "，另有 " + vetoed.length + " 句未计入的字面命中（灰色虚线）" : "";
      label.textContent = (list.length ? "正在显示 " + itemId + " 的 " + list.length + " 处证据" : itemId + " 没有证据句") + more;
    }
    var go = target || first || firstVetoed;
    if (go) {
      go.scrollIntoView({ behavior: "smooth", block: "center" });
    } else {
      toast(itemId + "：报告中没有找到证据句");
    }
  }

  document.addEventListener("click", function (ev) {
    var head = ev.target.closest(".item-head");
    if (head) {
      var card = head.closest(".item");
      var open = !card.classList.contains("open") || card.dataset.item !== currentItem;
      card.classList.toggle("open", open);
      head.setAttribute("aria-expanded", open ? "true" : "false");
      highlight(card.dataset.item);
      return;
    }
    var jump = ev.target.closest(".ev-jump");
    if (jump) {
      highlight(jump.closest(".item").dataset.item, +jump.dataset.start);
      return;
    }
    var sec = ev.target.closest("[data-sec]");
    if (sec) {
      var anchor = document.getElementById("sec-" + sec.dataset.sec);
      if (anchor) {
        ev.preventDefault();
        anchor.scrollIntoView({ behavior: "smooth", block: "start" });
      }
      return;
    }
    var chip = ev.target.closest(".item-filter .chip");
    if (chip) {
      document.querySelectorAll(".item-filter .chip").forEach(function (c) { c.classList.toggle("active", c === chip); });
      var show = chip.dataset.show;
      document.querySelectorAll(".checklist-pane .item").forEach(function (item) {
        var keep = show === "all" || item.classList.contains("st-" + show) ||
          (show === "reviewed" && item.querySelector(".tag-reviewed, .tag-stale")) ||
          (show === "check" && item.querySelector(".tag-check"));
        item.hidden = !keep;
      });
      return;
    }
    var btn = ev.target.closest(".review-btn");
    if (btn) openDialog(btn);
  });

  /* ------------------------------------------------------------ review dialog */

  function openDialog(btn) {
    var dialog = document.getElementById("review-dialog");
    if (!dialog) return;
    document.getElementById("dialog-item").value = btn.dataset.item;
    document.getElementById("dialog-item-id").textContent = btn.dataset.item;
    document.getElementById("dialog-item-title").textContent = btn.dataset.title;
    document.getElementById("dialog-machine").textContent = btn.dataset.machineLabel;
    document.getElementById("dialog-error").textContent = "";
    var box = document.getElementById("dialog-choices");
    box.querySelectorAll("label").forEach(function (l) { l.remove(); });
    JSON.parse(btn.dataset.choices).forEach(function (c) {
      var label = document.createElement("label");
      label.className = "choice";
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "status";
      input.value = c[0];
      input.required = true;
      input.checked = c[0] === btn.dataset.status;
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + c[1] + (c[0] === btn.dataset.machine ? "（机器结论）" : "")));
      box.appendChild(label);
    });
    var reviewer = document.getElementById("dialog-reviewer");
    if (!reviewer.value) reviewer.value = localStorage.getItem("scorer-reviewer") || "";
    document.getElementById("dialog-reason").value = "";
    dialog.showModal();
    document.getElementById("dialog-reason").focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    loadMarks();
    var dialog = document.getElementById("review-dialog");
    if (dialog) {
      document.getElementById("dialog-cancel").addEventListener("click", function () { dialog.close(); });
      document.getElementById("review-form").addEventListener("submit", function () {
        localStorage.setItem("scorer-reviewer", document.getElementById("dialog-reviewer").value);
      });
    }
    setUpUpload();
  });

  document.addEventListener("verdict-saved", function (ev) {
    var dialog = document.getElementById("review-dialog");
    if (dialog && dialog.open) dialog.close();
    if (ev.detail && ev.detail.message) toast(ev.detail.message);
  });

  document.addEventListener("htmx:load", function (ev) {
    var el = ev.detail.elt;
    if (el && el.classList && el.classList.contains("item") && el.classList.contains("open")) {
      highlight(el.dataset.item);
    }
  });

  /* ------------------------------------------------------------ upload */

  function setUpUpload() {
    var zone = document.getElementById("dropzone");
    if (!zone) return;
    var input = document.getElementById("upload-input");
    var results = document.getElementById("upload-results");
    var limit = +document.body.dataset.maxUpload;
    var limitLabel = document.body.dataset.maxUploadLabel;

    function line(ok, text) {
      var li = document.createElement("li");
      li.className = ok ? "ok" : "err";
      li.textContent = text;
      var ul = results.querySelector("ul") || results.appendChild(document.createElement("ul"));
      ul.className = "upload-lines";
      ul.appendChild(li);
      return li;
    }

    function send(files) {
      results.innerHTML = "";
      var folder = document.getElementById("upload-folder").value;
      var chain = Promise.resolve();
      var added = false;
      Array.prototype.forEach.call(files, function (file) {
        chain = chain.then(function () {
          if (file.size > limit) {
            line(false, "错误：" + file.name + ": 文件过大（" + (file.size / 1048576).toFixed(1) + " MB，上传上限为 " + limitLabel + "）");
            return;
          }
          var pending = line(true, "正在上传并评查：" + file.name + " ……");
          pending.className = "pending";
          var body = new FormData();
          body.append("folder", folder);
          body.append("file", file, file.name);
          return fetch("/upload", { method: "POST", body: body, credentials: "same-origin" })
            .then(function (resp) { return resp.text().then(function (html) { return [resp, html]; }); })
            .then(function (pair) {
              var doc = new DOMParser().parseFromString(pair[1], "text/html");
              var lines = doc.querySelectorAll(".upload-lines li, .message");
              pending.remove();
              if (!lines.length) line(false, "错误：" + file.name + ": 上传失败（HTTP " + pair[0].status + "）");
              lines.forEach(function (l) {
                var ok = l.classList.contains("ok");
                added = added || ok;
                line(ok, l.classList.contains("message") ? "错误：" + file.name + ": " + l.textContent : l.textContent);
              });
            })
            .catch(function () {
              pending.remove();
              line(false, "错误：" + file.name + ": 上传失败（与评查台的连接中断）");
            });
        });
      });
      chain.then(function () {
        if (added && window.htmx) htmx.trigger(document.body, "reports-changed");
      });
    }

    input.addEventListener("change", function () { if (input.files.length) send(input.files); input.value = ""; });
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (ev) { ev.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function (ev) { ev.preventDefault(); zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (ev) {
      if (ev.dataTransfer && ev.dataTransfer.files.length) send(ev.dataTransfer.files);
    });
    zone.addEventListener("submit", function (ev) { ev.preventDefault(); });
  }
})();
