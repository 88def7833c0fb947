/* Sổ tay Bí thư chi bộ — meeting templates: the counting (pure, no DOM).
 * Attendance, votes and the majority rule of a cell meeting, used alike by the
 * form, the printed document and the Word file (through the values it derives),
 * and by the unit tests in node (tests/test_count.py over tests/data/cells.yml).
 *
 * The rules (/work/shared/reference/domain.md §3a, data/references.yml):
 * - full (chính thức) + probationary (dự bị) members make up the cell's total;
 *   temporarily attached members (sinh hoạt tạm thời) are counted apart;
 *   exempt members (miễn sinh hoạt) stay in the total but are not "absent"; they are
 *   full members unless the roll (or `exempt_probationary`) says how many are probationary.
 * - only full members vote (Party Charter Art. 3): a vote counts full members present.
 * - more than half must approve (Charter Art. 10(5)); the basis for a cell is the full
 *   members summoned, leaving out exempt members who do not attend (QĐ 24 §9.3,
 *   second-hand): a warning, never a block.
 */
(function (root) {
  "use strict";

  /* "12", " 12 ", "12 đồng chí", "12 đ/c" → 12; "" → null; anything else → NaN. */
  function count(value) {
    if (value === undefined || value === null || value === false) return null;
    if (typeof value === "number") return value >= 0 && value % 1 === 0 ? value : NaN;
    var text = String(value).normalize ? String(value).normalize("NFC").trim() : String(value).trim();
    if (text === "") return null;
    var m = /^(\d{1,5})\s*(đồng chí|đ\/c|người|dong chi)?\.?$/i.exec(text);
    return m ? parseInt(m[1], 10) : NaN;
  }

  function known(n) { return typeof n === "number" && !isNaN(n); }

  function rowsCount(rows) {
    return (Array.isArray(rows) ? rows : []).filter(function (row) {
      return row && Object.keys(row).some(function (k) { return String(row[k] || "").trim() !== ""; });
    }).length;
  }

  /* Every figure of the attendance, or null where it cannot be known yet.
   * input: {full, probationary, exemptAbsent, exemptProbationary, absentWithReason,
   *         absentWithoutReason, absentProbationary, attachedPresent} (counts; missing
   *         optional ones are 0: exempt members not said to be probationary are full). */
  function attendance(input) {
    var opt = function (v) { return known(v) ? v : 0; };
    var full = known(input.full) ? input.full : null;
    var probationary = known(input.probationary) ? input.probationary : (full === null ? null : 0);
    var a = {
      full: full, probationary: probationary,
      total: full === null ? null : full + probationary,
      exemptAbsent: opt(input.exemptAbsent),
      exemptProbationary: opt(input.exemptProbationary),
      absentWithReason: opt(input.absentWithReason),
      absentWithoutReason: opt(input.absentWithoutReason),
      absentProbationary: opt(input.absentProbationary),
      attachedPresent: opt(input.attachedPresent)
    };
    a.absent = a.absentWithReason + a.absentWithoutReason;
    if (a.total === null) {
      a.present = a.presentFull = a.presentProbationary = a.majorityBasis = null;
      return a;
    }
    a.present = a.total - a.exemptAbsent - a.absent;
    a.presentProbationary = a.probationary - a.absentProbationary - a.exemptProbationary;
    a.presentFull = a.present - a.presentProbationary;
    // QĐ 24 §9.3: exempt members who do not attend are left out of the basis (of the
    // full members: an exempt probationary member was never in it, Charter Art. 3).
    a.majorityBasis = a.full - (a.exemptAbsent - a.exemptProbationary);
    return a;
  }

  /* The vote of the full members present. v: {agree, disagree, abstain}. */
  function vote(att, v) {
    var r = { basis: att.presentFull, majorityBasis: att.majorityBasis,
              agree: known(v.agree) ? v.agree : null,
              disagree: known(v.disagree) ? v.disagree : 0,
              abstain: known(v.abstain) ? v.abstain : 0 };
    r.known = r.agree !== null && known(r.basis);
    r.percent = r.known && r.basis > 0 ? Math.round(r.agree / r.basis * 1000) / 10 : null;
    r.unanimous = r.known && r.basis > 0 && r.agree === r.basis && !r.disagree && !r.abstain;
    r.needed = known(r.majorityBasis) ? Math.floor(r.majorityBasis / 2) + 1 : null;
    r.met = r.agree !== null && r.needed !== null ? r.agree >= r.needed : null;
    return r;
  }

  function percentText(p) { return String(p).replace(".", ",") + "%"; }

  /* The attendance as a secretary writes it (Vietnamese: the print is Vietnamese). */
  function attendanceText(a) {
    if (a.total === null) return "";
    var text = "Tổng số đảng viên: " + a.total + " (chính thức " + a.full + ", dự bị " +
      a.probationary + "); có mặt " + a.present + " (chính thức " + a.presentFull + ", dự bị " +
      a.presentProbationary + "); vắng " + a.absent + " (có lý do " + a.absentWithReason +
      ", không lý do " + a.absentWithoutReason + ")";
    if (a.exemptAbsent) {
      text += "; miễn sinh hoạt không dự " + a.exemptAbsent +
        (a.exemptProbationary ? " (dự bị " + a.exemptProbationary + ")" : "");
    }
    if (a.attachedPresent) text += "; sinh hoạt tạm thời có mặt " + a.attachedPresent;
    return text;
  }

  function voteText(r) {
    if (!r.known) return "";
    var basis = r.agree + "/" + r.basis + " đảng viên chính thức có mặt";
    if (r.unanimous) return "nhất trí 100% (" + basis + ")";
    return "tán thành " + basis + (r.percent !== null ? " (" + percentText(r.percent) + ")" : "") +
      "; không tán thành " + r.disagree + "; không biểu quyết " + r.abstain;
  }

  /* From the saved values of a meeting (strings and rows) to the counting. */
  function fromValues(values) {
    var att = attendance({
      full: count(values.official_members), probationary: count(values.probationary_members),
      exemptAbsent: count(values.exempt_absent),
      exemptProbationary: count(values.exempt_probationary),
      absentWithReason: rowsCount(values.absent_with_reason),
      absentWithoutReason: rowsCount(values.absent_without_reason),
      absentProbationary: count(values.absent_probationary),
      attachedPresent: count(values.attached_present)
    });
    var votes = {};
    ["", "minutes_"].forEach(function (prefix) {
      votes[prefix || "main"] = vote(att, { agree: count(values[prefix + "vote_agree"]),
                                            disagree: count(values[prefix + "vote_disagree"]),
                                            abstain: count(values[prefix + "vote_abstain"]) });
    });
    return { attendance: att, vote: votes.main, minutesVote: votes.minutes_ };
  }

  function shown(n) { return known(n) ? String(n) : ""; }
  function shownIfAny(n) { return known(n) && n > 0 ? String(n) : ""; }

  /* The figures the printed document and the form show ("" = a blank to fill by hand). */
  function derive(values) {
    var c = fromValues(values), a = c.attendance;
    return {
      total_members: shown(a.total), present: shown(a.present),
      present_full: shown(a.presentFull), present_probationary: shown(a.presentProbationary),
      absent_count: a.total === null ? "" : String(a.absent),
      att_exempt: shownIfAny(a.exemptAbsent), att_attached: shownIfAny(a.attachedPresent),
      attendance_summary: attendanceText(a),
      vote_result: voteText(c.vote), minutes_vote_result: voteText(c.minutesVote)
    };
  }

  /* The rule checks by id: null when met or not yet known, else {left, right}. */
  var RULES = {
    "attendance-fits": function (c) {
      var a = c.attendance;
      if (a.total === null || a.present >= 0) return null;
      return { left: a.exemptAbsent + a.absent, right: a.total };
    },
    "absent-probationary-within": function (c) {
      var a = c.attendance;
      if (a.total === null) return null;
      var limit = Math.min(a.probationary, a.absent);
      return a.absentProbationary <= limit ? null : { left: a.absentProbationary, right: limit };
    },
    "exempt-probationary-within": function (c) {
      var a = c.attendance;
      if (a.total === null || !a.exemptProbationary) return null;
      var limit = Math.min(a.exemptAbsent, a.probationary - a.absentProbationary);
      return a.exemptProbationary <= limit ? null : { left: a.exemptProbationary, right: limit };
    },
    "votes-within-voters": function (c) { return within(c.vote); },
    "majority": function (c) { return majority(c.vote); },
    "minutes-votes-within-voters": function (c) { return within(c.minutesVote); },
    "minutes-majority": function (c) { return majority(c.minutesVote); }
  };

  function within(r) {
    if (!r.known || r.basis < 0) return null;
    var sum = r.agree + r.disagree + r.abstain;
    return sum <= r.basis ? null : { left: sum, right: r.basis };
  }

  function majority(r) {
    if (r.met !== false) return null;
    return { left: r.agree, right: r.majorityBasis, needed: r.needed };
  }

  function check(id, values) {
    var rule = RULES[id];
    return rule ? rule(fromValues(values)) : null;
  }

  var api = {
    count: count, rowsCount: rowsCount, attendance: attendance, vote: vote,
    attendanceText: attendanceText, voteText: voteText, percentText: percentText,
    fromValues: fromValues, derive: derive, check: check, rules: Object.keys(RULES)
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  if (root) {
    root.stcb = root.stcb || {};
    root.stcb.tpl = root.stcb.tpl || {};
    root.stcb.tpl.count = api;
  }
})(typeof window !== "undefined" ? window : null);
