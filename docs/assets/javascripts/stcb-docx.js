/* Sổ tay Bí thư chi bộ — a meeting document as a Word file (.docx).
 *
 *   window.stcb.docx.build(docElement, meta) -> Promise<Blob>
 *
 * Walks a filled (or blank) printed document `.stcb-doc` (overrides/partials/stcb/
 * template-macros.html) and builds the same document with the docx library
 * (vendor/docx/docx.min.js, global `docx`), in the official layout:
 * header table, title, body, tables, signatures and recipients.
 * meta: {layout, title}: layout is data/layout.yml in Word's units (twips,
 * half-points, eighths of a point), from scripts/handbook/meeting_templates.py
 * docx_layout(); no layout value is written here. title names the file in its
 * properties. Loaded only when a Word file is asked for (stcb-templates.js) or by
 * `python -m scripts.handbook docx` for the blank files.
 *
 * Every text is plain text (TextRun), cleaned of what XML 1.0 forbids; user text
 * is never read as markup. Nothing is sent anywhere.
 */
(function () {
  "use strict";

  var CREATOR = "Sổ tay Bí thư chi bộ";
  // Tab leaders for the blank-line rule of data/layout.yml (border style → leader).
  var LEADER = { dotted: "dot", dashed: "hyphen", single: "underscore", double: "underscore" };
  // Twips per half-point: line spacing from a font size and a line-height factor.
  var TWIPS_PER_HALF_POINT = 10;

  /* XML 1.0 forbids C0 controls other than tab, newline and carriage return, lone
     surrogates and U+FFFE/U+FFFF: drop them, so any text makes a valid file. */
  var FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
  var LONE_SURROGATE = /[\uD800-\uDFFF]/gu;  // with "u", a valid pair is one code point

  function clean(text) {
    var s = String(text === undefined || text === null ? "" : text);
    if (s.normalize) s = s.normalize("NFC");
    return s.replace(FORBIDDEN, "").replace(LONE_SURROGATE, "");
  }

  /* The text an element shows: <template> skipped, white space collapsed as HTML
     does (no-break spaces kept: the blank number is made of them). */
  function textOf(el) {
    var parts = [];
    (function walk(node) {
      for (var child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === 3) parts.push(child.nodeValue);
        else if (child.nodeType === 1 && child.tagName !== "TEMPLATE") walk(child);
      }
    })(el);
    return clean(parts.join("").replace(/[ \t\n\r\f]+/g, " ").trim());
  }

  function children(el) {
    return Array.prototype.filter.call(el ? el.children : [], function (c) {
      return c.tagName !== "TEMPLATE";
    });
  }

  function Builder(D, layout) {
    this.D = D;
    this.L = layout;
  }

  Builder.prototype.line = function (size, factor) {
    return { line: Math.round(size * TWIPS_PER_HALF_POINT * factor), lineRule: "atLeast" };
  };

  Builder.prototype.run = function (text, style, extra) {
    var options = { text: text, size: style.size, bold: !!style.bold };
    if (style.italic) options.italics = true;
    Object.keys(extra || {}).forEach(function (k) { options[k] = extra[k]; });
    return new this.D.TextRun(options);
  };

  /* One paragraph of the header, title or signature: centred, header line height. */
  Builder.prototype.centred = function (text, style, extra) {
    var spacing = this.line(style.size, this.L.header.lineHeight);
    var options = { alignment: style.align || "center", spacing: spacing,
                    children: text ? [this.run(text, style, extra && extra.run)] : [] };
    if (extra && extra.before) spacing.before = extra.before;
    if (extra && extra.after) spacing.after = extra.after;
    if (extra && extra.keepNext) options.keepNext = true;
    return new this.D.Paragraph(options);
  };

  Builder.prototype.cell = function (paragraphs, width, margins) {
    return new this.D.TableCell({
      children: paragraphs.length ? paragraphs : [new this.D.Paragraph({})],
      width: { size: width, type: "dxa" },
      margins: margins || { top: 0, bottom: 0, left: 0, right: 0 },
      borders: this.noBorders()
    });
  };

  Builder.prototype.noBorders = function () {
    var none = { style: "none", size: 0, color: "auto" };
    return { top: none, bottom: none, left: none, right: none };
  };

  /* A borderless table of one or more rows of two cells. */
  Builder.prototype.layoutTable = function (rows, widths) {
    var D = this.D;
    var none = { style: "none", size: 0, color: "auto" };
    return new D.Table({
      width: { size: widths[0] + widths[1], type: "dxa" },
      columnWidths: widths,
      layout: "fixed",
      borders: { top: none, bottom: none, left: none, right: none,
                 insideHorizontal: none, insideVertical: none },
      rows: rows.map(function (cells) { return new D.TableRow({ children: cells, cantSplit: true }); })
    });
  };

  /* Header: bodies and number on the left, Party heading and place/date on the right. */
  Builder.prototype.header = function (doc) {
    var L = this.L;
    var q = function (sel) { var el = doc.querySelector(sel); return el ? textOf(el) : ""; };
    var left = Math.round(L.page.textWidth * L.header.leftPercent / 100);
    var widths = [left, L.page.textWidth - left];
    var gapLeft = { top: 0, bottom: 0, left: 0, right: Math.round(L.header.gap / 2) };
    var gapRight = { top: 0, bottom: 0, left: L.header.gap - gapLeft.right, right: 0 };
    // The rule under the Party heading, as long as the heading: an underline.
    var rule = { type: L.party.rule.style };
    var spaced = Math.round(L.number.size * TWIPS_PER_HALF_POINT * L.header.lineHeight * 0.3);
    return this.layoutTable([
      [this.cell([this.centred(q(".stcb-doc__superior"), L.superior),
                  this.centred(q(".stcb-doc__issuer"), L.issuer),
                  this.centred(q(".stcb-doc__mark"), L.mark)], widths[0], gapLeft),
       this.cell([this.centred(q(".stcb-doc__party"), L.party, { run: { underline: rule } })],
                 widths[1], gapRight)],
      [this.cell([this.centred(q(".stcb-doc__number"), L.number, { before: spaced })],
                 widths[0], gapLeft),
       this.cell([this.centred(q(".stcb-doc__place-date"), L.date, { before: spaced })],
                 widths[1], gapRight)]
    ], widths);
  };

  Builder.prototype.title = function (doc) {
    var L = this.L;
    var type = doc.querySelector(".stcb-doc__type");
    var summary = doc.querySelector(".stcb-doc__summary");
    var out = [this.centred(type ? textOf(type) : "", L.type,
                            { before: L.title.before, keepNext: true })];
    var summaryText = summary ? textOf(summary) : "";
    out.push(this.centred(summaryText, L.summary, { after: L.title.after, keepNext: true }));
    return out;
  };

  /* A body paragraph: justified, first-line indent. */
  Builder.prototype.para = function (text, options) {
    var B = this.L.body;
    options = options || {};
    var spacing = this.line(B.size, B.lineHeight);
    spacing.after = B.after;
    var p = { alignment: B.align, indent: { firstLine: B.indent }, spacing: spacing,
              children: text ? [this.run(text, { size: B.size, bold: options.bold })] : [] };
    if (options.keepNext) p.keepNext = true;
    if (options.blank) {
      // A line to write on by hand: a tab to the right edge with a leader in the
      // layout's line style. (A bottom border would not do: Word draws one border
      // around consecutive paragraphs that share it, so ten lines would show as one.)
      p.indent = { firstLine: 0 };
      p.tabStops = [{ type: "right", position: this.L.page.textWidth,
                      leader: LEADER[this.L.blankRule.style] || "dot" }];
      p.children = [this.run("\t", { size: B.size })];
    }
    return new this.D.Paragraph(p);
  };

  Builder.prototype.table = function (el) {
    var D = this.D, L = this.L, T = L.table;
    var cols = Array.prototype.map.call(el.querySelectorAll("col"), function (c) {
      return parseFloat(c.getAttribute("data-width")) || 0;
    });
    var total = cols.reduce(function (a, b) { return a + b; }, 0) || 1;
    var widths = cols.map(function (w) { return Math.round(L.page.textWidth * w / total); });
    var border = { style: T.border.style, size: T.border.size, color: "000000" };
    var self = this;
    var spacing = function () { return self.line(T.size, L.header.lineHeight); };
    var makeRow = function (cells, header, blank) {
      var row = { cantSplit: true, tableHeader: header,
                  children: cells.map(function (cell, i) {
                    var text = textOf(cell);
                    return new D.TableCell({
                      width: { size: widths[i] || widths[widths.length - 1], type: "dxa" },
                      margins: T.padding,
                      children: [new D.Paragraph({
                        alignment: header ? "center" : "left", spacing: spacing(),
                        children: text ? [self.run(text, { size: T.size, bold: header })] : []
                      })]
                    });
                  }) };
      // A blank row is two lines high (as on the page), room to write by hand.
      if (blank) {
        row.height = { value: Math.round(T.size * TWIPS_PER_HALF_POINT * L.body.lineHeight * 2),
                       rule: "atLeast" };
      }
      return new D.TableRow(row);
    };
    var rows = [];
    Array.prototype.forEach.call(el.querySelectorAll("thead tr"), function (tr) {
      rows.push(makeRow(Array.prototype.slice.call(tr.cells), true, false));
    });
    Array.prototype.forEach.call(el.tBodies.length ? el.tBodies[0].rows : [], function (tr) {
      rows.push(makeRow(Array.prototype.slice.call(tr.cells), false, tr.hasAttribute("data-blank-line")));
    });
    return new D.Table({
      width: { size: L.page.textWidth, type: "dxa" }, columnWidths: widths, layout: "fixed",
      borders: { top: border, bottom: border, left: border, right: border,
                 insideHorizontal: border, insideVertical: border },
      rows: rows
    });
  };

  /* The body, in order: paragraphs, headings, text and row blocks, tables. */
  Builder.prototype.body = function (el, out) {
    var self = this;
    children(el).forEach(function (child) {
      if (child.tagName === "TABLE") {
        out.push(self.table(child));
        // Word runs a table into the next one without a paragraph between them.
        out.push(new self.D.Paragraph({ spacing: { after: 0 }, children: [] }));
      } else if (child.tagName === "P") {
        var text = textOf(child);
        var blank = child.hasAttribute("data-blank-line") && text === "";
        var heading = child.classList.contains("stcb-doc__heading");
        out.push(self.para(text, { bold: heading, keepNext: heading || child.classList.contains("stcb-doc__lead"),
                                   blank: blank }));
      } else if (child.tagName === "DIV" || child.tagName === "SECTION") {
        self.body(child, out);
      }
    });
    return out;
  };

  /* Signatures: "Nơi nhận" and the cell's signature, or the two signatures of minutes. */
  Builder.prototype.end = function (doc) {
    var L = this.L, S = L.signature;
    var end = doc.querySelector(".stcb-doc__end");
    if (!end) return [];
    var self = this;
    var half = Math.round(L.page.textWidth / 2);
    var widths = [half, L.page.textWidth - half];
    var gap = Math.round(S.gap / 2);
    var margins = [{ top: 0, bottom: 0, left: 0, right: gap }, { top: 0, bottom: 0, left: gap, right: 0 }];
    var sign = function (box) {
      var out = [];
      var q = function (sel) { var el = box.querySelector(sel); return el ? textOf(el) : ""; };
      out.push(self.centred(q(".stcb-doc__authority"), S.authority, { keepNext: true }));
      if (box.querySelector(".stcb-doc__sign-title")) {
        out.push(self.centred(q(".stcb-doc__sign-title"), S.title, { keepNext: true }));
      }
      // The space to sign in, then the name.
      out.push(self.centred(q(".stcb-doc__sign-name"), S.name, { before: S.space }));
      return out;
    };
    var recipients = function (box) {
      var out = [];
      var label = box && box.querySelector(".stcb-doc__recipients-label");
      if (!label) return out;
      var R = L.recipients;
      out.push(new self.D.Paragraph({
        spacing: self.line(R.size, L.header.lineHeight), keepNext: true,
        children: [self.run(textOf(label), { size: R.size },
                            R.underline ? { underline: { type: "single" } } : {})]
      }));
      Array.prototype.forEach.call(box.querySelectorAll("li"), function (li) {
        out.push(new self.D.Paragraph({
          spacing: self.line(R.listSize, L.header.lineHeight),
          children: [self.run(textOf(li), { size: R.listSize })]
        }));
      });
      return out;
    };
    var cells;
    var signs = end.querySelectorAll(".stcb-doc__sign");
    if (end.classList.contains("stcb-doc__end--cell")) {
      cells = [recipients(end.querySelector(".stcb-doc__recipients")), sign(signs[0])];
    } else {
      cells = [sign(signs[0]), signs[1] ? sign(signs[1]) : []];
    }
    return [
      new this.D.Paragraph({ spacing: { before: S.before, after: 0 }, keepNext: true, children: [] }),
      this.layoutTable([[this.cell(cells[0], widths[0], margins[0]),
                         this.cell(cells[1], widths[1], margins[1])]], widths)
    ];
  };

  Builder.prototype.document = function (doc, meta) {
    var D = this.D, L = this.L;
    var P = L.pageNumber;
    var number = new D.Header({ children: [new D.Paragraph({
      alignment: P.align,
      children: [new D.TextRun({ size: P.size, children: [D.PageNumber.CURRENT] })]
    })] });
    var headers = P.from === 2
      ? { default: number, first: new D.Header({ children: [new D.Paragraph({})] }) }
      : { default: number };
    var children = [this.header(doc)].concat(this.title(doc));
    var body = doc.querySelector(".stcb-doc__body");
    if (body) this.body(body, children);
    children = children.concat(this.end(doc));
    var title = clean(meta.title || "");
    return new D.Document({
      creator: CREATOR, lastModifiedBy: CREATOR, title: title,
      styles: { default: { document: {
        run: { font: L.font, size: L.body.size, language: { value: "vi-VN" } }
      } } },
      sections: [{
        properties: {
          titlePage: P.from === 2,
          page: {
            size: { width: L.page.width, height: L.page.height, orientation: "portrait" },
            margin: { top: L.page.margin.top, right: L.page.margin.right,
                      bottom: L.page.margin.bottom, left: L.page.margin.left,
                      header: P.top, footer: P.top }
          }
        },
        headers: headers,
        children: children
      }]
    });
  };

  function build(docElement, meta) {
    return new Promise(function (resolve) {
      var D = window.docx;
      if (!D || !D.Packer) throw new Error("docx library not loaded");
      if (!docElement || !meta || !meta.layout) throw new Error("nothing to build");
      var file = new Builder(D, meta.layout).document(docElement, meta);
      resolve(D.Packer.toBlob(file));
    });
  }

  window.stcb = window.stcb || {};
  window.stcb.docx = { build: build, clean: clean, textOf: textOf };
})();
