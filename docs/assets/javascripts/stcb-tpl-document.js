/* Sổ tay Bí thư chi bộ — meeting templates: the printed document.
 * Fills a copy of the blank document (rendered by the template partial) with
 * the values of one meeting; user text only ever through textContent.
 */
(function () {
  "use strict";

  var T = window.stcb.tpl;
  var all = T.all, format = T.format, nonEmptyRows = T.nonEmptyRows, lines = T.lines, remove = T.remove;

  /* printer: fill a copy of the blank document --------------------------------- */

  function fillSlots(root, values, rules, row, rowIndex) {
    all(root, ".stcb-slot").forEach(function (slot) {
      // Row items are filled (with their row's values) before the rest of the document.
      if (slot.classList.contains("stcb-slot--filled") || slot.classList.contains("stcb-slot--empty")) return;
      var name = slot.getAttribute("data-f");
      var type = slot.getAttribute("data-type");
      var text;
      if (name === "n" && slot.hasAttribute("data-col")) {
        text = String(rowIndex + 1);
      } else {
        var value = slot.hasAttribute("data-col") && row ? row[name] : values[name];
        text = format(type, slot.getAttribute("data-filter") || "", value, rules);
      }
      if (text !== "") {
        slot.textContent = text;
        slot.classList.add("stcb-slot--filled");
      } else {
        slot.classList.add("stcb-slot--empty");
      }
    });
    // Optional parts: dropped when one of their own placeholders is empty (inner first).
    all(root, ".stcb-opt").reverse().forEach(function (opt) {
      var own = Array.prototype.filter.call(opt.children, function (el) {
        return el.classList.contains("stcb-slot");
      });
      if (own.some(function (el) { return el.classList.contains("stcb-slot--empty"); })) {
        opt.parentNode.removeChild(opt);
      }
    });
  }

  function item(templateEl, values, rules, row, index) {
    var fragment = templateEl.content.cloneNode(true);
    fillSlots(fragment, values, rules, row, index);
    return fragment;
  }

  function paragraph(className, text) {
    var p = document.createElement("p");
    p.className = className;
    p.textContent = text;
    return p;
  }

  /* Fill `doc` (a copy of the blank document) from the values of one meeting. */
  function printDocument(doc, values, rules) {
    all(doc, "[data-when]").forEach(function (el) {
      if (!values[el.getAttribute("data-when")]) remove(el);
    });
    all(doc, "[data-rows]").forEach(function (block) {
      var rows = nonEmptyRows(values[block.getAttribute("data-rows")]);
      var templateEl = block.querySelector("template[data-item]");
      if (block.tagName === "TABLE") {
        if (!rows.length) return;
        var body = block.tBodies[0];
        while (body.firstChild) body.removeChild(body.firstChild);
        rows.forEach(function (row, i) { body.appendChild(item(templateEl, values, rules, row, i)); });
      } else if (block.getAttribute("data-style") === "inline") {
        var holder = block.querySelector("[data-items]");
        if (!rows.length) { remove(holder); return; }
        while (holder.firstChild) holder.removeChild(holder.firstChild);
        holder.appendChild(document.createTextNode(": "));
        rows.forEach(function (row, i) {
          if (i) holder.appendChild(document.createTextNode(", "));
          holder.appendChild(item(templateEl, values, rules, row, i));
        });
      } else {
        if (!rows.length) { remove(block); return; }
        all(block, "[data-blank-line]").forEach(remove);
        rows.forEach(function (row, i) {
          var p = paragraph("stcb-doc__p stcb-doc__item", "- ");
          p.appendChild(item(templateEl, values, rules, row, i));
          block.insertBefore(p, templateEl);
          // A multi-line answer (an opinion) prints one line per paragraph, not joined.
          all(p, '.stcb-slot--filled[data-col][data-type="textarea"]').forEach(function (slot) {
            var parts = lines(row[slot.getAttribute("data-f")]);
            if (parts.length < 2) return;
            slot.textContent = parts[0];
            parts.slice(1).forEach(function (line) {
              block.insertBefore(paragraph("stcb-doc__p stcb-doc__item-line", line), templateEl);
            });
          });
        });
      }
    });
    all(doc, "[data-text]").forEach(function (block) {
      var items = lines(values[block.getAttribute("data-text")]);
      if (!items.length) { remove(block); return; }
      all(block, "[data-blank-line]").forEach(remove);
      var style = block.getAttribute("data-style");
      if (style === "inline") {
        // One paragraph: the lead, then the lines joined.
        var lead = block.querySelector(".stcb-doc__lead");
        lead.appendChild(document.createTextNode(" " + items.join("; ") + "."));
        return;
      }
      var list = style === "list";
      items.forEach(function (line) {
        var text = list && !/^[-+•*]/.test(line) ? "- " + line : line;
        block.appendChild(paragraph("stcb-doc__p", text));
      });
    });
    all(doc, "[data-lines]").forEach(function (list) {
      var items = lines(values[list.getAttribute("data-lines")]);
      if (!items.length) return;
      while (list.firstChild) list.removeChild(list.firstChild);
      items.forEach(function (line, i) {
        var li = document.createElement("li");
        var text = line.replace(/^[-+•*]\s*/, "").replace(/[,;.]\s*$/, "");
        li.textContent = "- " + text + (i === items.length - 1 ? "." : ",");
        list.appendChild(li);
      });
    });
    fillSlots(doc, values, rules, null, -1);
    all(doc, "[data-optional]").forEach(function (p) {
      if (p.textContent.trim() === "") remove(p);
    });
    // Items left out leave no gap: number again within each part of the body.
    var counter = 0;
    all(doc, ".stcb-doc__heading, [data-num]").forEach(function (el) {
      if (el.hasAttribute("data-num")) el.textContent = String(++counter);
      else counter = 0;
    });
    return doc;
  }

  T.printDocument = printDocument;
})();
